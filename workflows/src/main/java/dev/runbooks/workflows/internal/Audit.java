package dev.runbooks.workflows.internal;

import dev.runbooks.workflows.AuditActivities;
import dev.runbooks.workflows.AuditRecord;
import dev.runbooks.workflows.ChangeId;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records approval decisions and acknowledgements in the audit trail through {@link
 * AuditActivities}. A trail that cannot be written does not stop the remediation: the run notes it
 * in its events. Runs recorded before this existed replay without it ({@link
 * ChangeId#AUDIT_APPROVALS}).
 */
final class Audit {
  private final RunState state;

  Audit(RunState state) {
    this.state = state;
  }

  void approval(String stepId, Map<String, Object> decision) {
    if (!ChangeId.AUDIT_APPROVALS.enabled()) {
      return;
    }
    boolean approved = Boolean.TRUE.equals(decision.get("approved"));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("approver", decision.get("approver"));
    details.put("comment", decision.get("comment"));
    details.put("timedOut", decision.get("timedOut"));
    details.put("decidedAt", decision.get("decidedAt"));
    AuditRecord record =
        new AuditRecord(
            state.workflowId,
            state.runbook,
            stepId,
            approved ? "approval.approve" : "approval.reject",
            stepId,
            approved ? "approved" : "rejected",
            "decision",
            details);
    write(record);
  }

  /**
   * Records who acknowledged an escalation ladder, at which tier and route. Ladders are newer than
   * the audit trail, so no run recorded before this reaches it and it needs no version of its own.
   */
  void acknowledgement(String stepId, Map<String, Object> ack, long tier, String route) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("by", ack.get("by"));
    details.put("comment", ack.get("comment"));
    details.put("acknowledgedAt", ack.get("acknowledgedAt"));
    details.put("tier", tier);
    details.put("route", route);
    write(
        new AuditRecord(
            state.workflowId,
            state.runbook,
            stepId,
            "escalation.acknowledge",
            route,
            "acknowledged",
            "acknowledge",
            details));
  }

  private void write(AuditRecord record) {
    String stepId = record.stepId();
    AuditActivities activities =
        Workflow.newLocalActivityStub(
            AuditActivities.class,
            LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(10))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
                .build());
    try {
      activities.record(record);
    } catch (ActivityFailure e) {
      Map<String, Object> ev = new LinkedHashMap<>();
      ev.put("step", stepId);
      ev.put("message", String.valueOf(e.getCause() == null ? e : e.getCause().getMessage()));
      state.event("auditFailed", ev, Workflow.currentTimeMillis());
    }
  }
}
