package dev.runbooks.activities;

import dev.runbooks.language.steps.ActionRequest;
import java.util.List;
import java.util.Map;

/**
 * The audit trail of remediation actions (restarts, DLQ changes, breaker resets, escalations). An
 * executor appends one entry after it acted, from inside the activity. Appending is idempotent per
 * {@link AuditEntry#key()}: an activity that Temporal runs again appends the same key and the trail
 * keeps one row.
 */
public interface AuditLog {
  /** Appends an entry unless one with the same workflow id, step id and key exists. */
  void append(AuditEntry entry);

  /**
   * The newest entries, newest first.
   *
   * @param runbook only this runbook's entries, or null for all
   * @param target only entries about this target, or null for all
   * @param limit at most this many
   */
  List<AuditEntry> find(String runbook, String target, int limit);

  /** A log that keeps nothing, for executors created without one. */
  static AuditLog none() {
    return new AuditLog() {
      @Override
      public void append(AuditEntry entry) {}

      @Override
      public List<AuditEntry> find(String runbook, String target, int limit) {
        return List.of();
      }
    };
  }

  /**
   * The entry of an action taken by a step.
   *
   * @param request the step's identity (runbook, workflow id, step id)
   * @param action what was done, such as {@code restart} or {@code dlq.retry}
   * @param target what it was done to, such as a service or a table
   * @param outcome how it ended, such as {@code succeeded}, {@code skipped} or {@code failed}
   * @param details plain JSON values without secrets
   */
  static AuditEntry entry(
      ActionRequest request,
      String action,
      String target,
      String outcome,
      Map<String, Object> details) {
    return entry(request, action, target, outcome, action + ":" + target, details);
  }

  /**
   * The entry of an action taken by a step, unique by the given key within the step (an action
   * repeated on purpose, such as each attempt of a request, needs a key of its own each time).
   */
  static AuditEntry entry(
      ActionRequest request,
      String action,
      String target,
      String outcome,
      String key,
      Map<String, Object> details) {
    return new AuditEntry(
        null,
        request.workflowId(),
        request.runbook(),
        request.stepId(),
        action,
        target,
        outcome,
        key,
        details);
  }
}
