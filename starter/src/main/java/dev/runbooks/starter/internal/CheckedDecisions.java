package dev.runbooks.starter.internal;

import dev.runbooks.api.DecisionAction;
import dev.runbooks.api.DecisionAnswer;
import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.audit.AuditAction;
import dev.runbooks.starter.audit.AuditResult;
import dev.runbooks.starter.audit.AuditedAction;
import dev.runbooks.starter.security.Caller;
import dev.runbooks.starter.security.RunbookAccess;
import io.temporal.client.WorkflowExecutionMetadata;
import java.util.Map;

/**
 * The one path of a person's decision (approve, reject, acknowledge, abort) on a run, for the API
 * and the {@code /ui} forms alike: finds the run (404), checks its runbook's {@code access:} block
 * (403, audited), sends the sealed Update, and records the run's answer, or why the decision could
 * not be sent, in the audit trail.
 */
public class CheckedDecisions {
  private final RunOperations runs;
  private final RunbookAccess access;
  private final ActionAudit audit;

  /** Creates the path over the runs, the access check and the audit trail. */
  public CheckedDecisions(RunOperations runs, RunbookAccess access, ActionAudit audit) {
    this.runs = runs;
    this.access = access;
    this.audit = audit;
  }

  /**
   * Decides as {@code caller} with the request's {@code comment}, {@code step} and {@code reason}
   * (a name in the request is never the decider) and returns the run's answer, a refusal included;
   * throws the {@link ApiException} of a missing run (404), an access refusal (403) or a closed run
   * (409).
   */
  public DecisionAnswer decide(
      String workflowId, DecisionAction action, Caller caller, Map<String, ?> request) {
    AuditAction what = AuditAction.of(action.wire()).orElseThrow();
    WorkflowExecutionMetadata run = runs.describe(workflowId);
    String runbook = run.getWorkflowType();
    access.requireForRun(runbook, workflowId, caller, what);
    AuditedAction audited = AuditedAction.decision(what, caller, runbook, workflowId, request);
    DecisionAnswer answer;
    try {
      answer =
          runs.decide(
              run,
              action,
              caller,
              text(request, "comment"),
              text(request, "step"),
              text(request, "reason"));
    } catch (ApiException e) {
      audit.record(audited.answered(AuditResult.refused(e.status().value(), e.getMessage())));
      throw e;
    }
    audit.record(audited.answered(answer));
    return answer;
  }

  private static String text(Map<String, ?> request, String field) {
    Object value = request == null ? null : request.get(field);
    return value == null ? null : value.toString();
  }
}
