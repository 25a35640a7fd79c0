package dev.runbooks.api;

import java.util.Map;

/** Reads signal payloads leniently: a missing key is null, any other value its text. */
final class Payloads {
  private Payloads() {}

  static String text(Map<String, Object> payload, String key) {
    Object v = payload == null ? null : payload.get(key);
    return v == null ? null : String.valueOf(v);
  }
}
