package dev.runbooks.activities;

import java.time.Instant;
import java.util.Map;

/**
 * One row of the audit trail.
 *
 * @param at when the action was recorded; null until the log stores it
 * @param workflowId the run that acted
 * @param runbook the runbook's name
 * @param stepId the step that acted
 * @param action what was done, such as {@code restart}, {@code dlq.retry}, {@code breaker.reset} or
 *     {@code escalate}
 * @param target what it was done to
 * @param outcome how it ended
 * @param key what makes the entry unique within its step, independent of the attempt
 * @param details plain JSON values, never secrets
 */
public record AuditEntry(
    Instant at,
    String workflowId,
    String runbook,
    String stepId,
    String action,
    String target,
    String outcome,
    String key,
    Map<String, Object> details) {
  public AuditEntry {
    details = details == null ? Map.of() : details;
  }
}
