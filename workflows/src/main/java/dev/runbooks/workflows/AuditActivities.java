package dev.runbooks.workflows;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Writes the decisions people make in a run (approvals and rejections, acknowledgements of
 * escalation ladders) to the audit trail, beside the actions activities record themselves. Called
 * as a local activity; idempotent per record key.
 */
@ActivityInterface
public interface AuditActivities {
  /** Appends the record unless one with the same workflow id, step id and key exists. */
  @ActivityMethod(name = "RecordAudit")
  void record(AuditRecord record);
}
