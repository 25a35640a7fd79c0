package dev.runbooks.api;

import java.util.Map;

/**
 * The payload of the {@code abort} signal.
 *
 * @param by who aborts
 * @param reason why, or null
 */
public record Abort(String by, String reason) {
  /** The payload as a run reads it: missing or non-text values as their text or null. */
  public static Abort from(Map<String, Object> payload) {
    return new Abort(Payloads.text(payload, "by"), Payloads.text(payload, "reason"));
  }
}
