package dev.runbooks.api;

import java.util.Map;

/**
 * The payload of the {@code alertRepeated} and {@code alertResolved} signals the intake sends to
 * the run an alert started. The intake sends more fields (status, labels...); a run reads only the
 * fingerprint.
 *
 * @param fingerprint the alert's fingerprint, or null
 */
public record AlertSignal(Object fingerprint) {
  /** The payload as a run reads it. */
  public static AlertSignal from(Map<String, Object> payload) {
    return new AlertSignal(payload == null ? null : payload.get("fingerprint"));
  }
}
