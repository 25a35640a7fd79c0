package dev.runbooks.api;

import java.util.Map;

/**
 * The payload of the {@code acknowledge} signal, which stops an escalation ladder climbing.
 *
 * @param by who acknowledges (anyone may)
 * @param comment a comment, or null
 * @param step the ladder acknowledged, or null when only one waits
 */
public record Acknowledge(String by, String comment, String step) {
  /** The payload as a run reads it: missing or non-text values as their text or null. */
  public static Acknowledge from(Map<String, Object> payload) {
    return new Acknowledge(
        Payloads.text(payload, "by"),
        Payloads.text(payload, "comment"),
        Payloads.text(payload, "step"));
  }
}
