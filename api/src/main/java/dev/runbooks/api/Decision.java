package dev.runbooks.api;

import java.util.Map;

/**
 * The payload of the {@code approve} and {@code reject} signals.
 *
 * @param approver who decides (checked against the approval's approvers)
 * @param comment why, or null
 * @param step the approval decided, or null when only one is pending
 */
public record Decision(String approver, String comment, String step) {
  /** The payload as a run reads it: missing or non-text values as their text or null. */
  public static Decision from(Map<String, Object> payload) {
    return new Decision(
        Payloads.text(payload, "approver"),
        Payloads.text(payload, "comment"),
        Payloads.text(payload, "step"));
  }
}
