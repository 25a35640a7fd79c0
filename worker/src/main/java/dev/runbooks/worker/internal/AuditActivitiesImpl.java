package dev.runbooks.worker.internal;

import dev.runbooks.activities.AuditEntry;
import dev.runbooks.activities.AuditLog;
import dev.runbooks.workflows.AuditActivities;
import dev.runbooks.workflows.AuditRecord;

/**
 * Writes the records workflow code decides on (approval decisions, acknowledgements of escalation
 * ladders) to the audit trail.
 */
final class AuditActivitiesImpl implements AuditActivities {
  private final AuditLog log;

  AuditActivitiesImpl(AuditLog log) {
    this.log = log;
  }

  @Override
  public void record(AuditRecord r) {
    log.append(
        new AuditEntry(
            null,
            r.workflowId(),
            r.runbook(),
            r.stepId(),
            r.action(),
            r.target(),
            r.outcome(),
            r.key(),
            r.details()));
  }
}
