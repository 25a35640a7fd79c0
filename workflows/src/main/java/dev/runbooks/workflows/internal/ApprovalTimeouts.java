package dev.runbooks.workflows.internal;

import dev.runbooks.api.ErrorTypes;
import dev.runbooks.language.model.OnApprovalTimeout;
import dev.runbooks.language.model.OnReject;
import dev.runbooks.language.model.StepBody;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an approval that nobody decided in time does beyond counting as rejected: with {@code
 * onTimeout: escalate} it pages the approval's {@code route} (one escalate activity, three
 * attempts, waited for so that the page is sent before the step fails), and in every case the step
 * fails with {@code ApprovalTimedOut} rather than {@code ApprovalRejected}, so that an {@code
 * onFailure} handler can tell the two apart ({@code error.type}). Runs recorded before this change
 * keep {@code ApprovalRejected} ({@code ChangeId#APPROVAL_TIMEOUTS}).
 */
final class ApprovalTimeouts {
  private final ActionRunner actions;
  private final RunState state;

  ApprovalTimeouts(ActionRunner actions, RunState state) {
    this.actions = actions;
    this.state = state;
  }

  /**
   * Handles the timeout of an approval: pages the route of {@code onTimeout: escalate} (recording
   * the answer in the result as {@code escalation}) and, unless {@code onReject: continue}, fails
   * the step with {@code ApprovalTimedOut}.
   *
   * @param result the step's result so far (the timeout's decision and the prompt); changed here
   */
  void timedOut(
      String stepId,
      StepBody.Approval a,
      String prompt,
      Duration timeout,
      Map<String, Object> result) {
    if (a.onTimeout() == OnApprovalTimeout.ESCALATE && a.route() != null) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("question", prompt);
      details.put("approvers", a.approvers().isEmpty() ? "anyone" : a.approvers());
      details.put("waited", dev.runbooks.language.Durations.format(timeout));
      details.put("step", stepId);
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("route", a.route());
      config.put("severity", "critical");
      config.put("summary", "Approval timed out: " + prompt.strip().lines().findFirst().orElse(""));
      config.put("details", details);
      config.put("dedupKey", state.workflowId + "/" + stepId + "/timeout");
      Map<String, Object> escalation = new LinkedHashMap<>();
      escalation.put("route", a.route());
      try {
        Map<String, Object> sent =
            actions.runRendered(
                stepId, "escalate", config, ApprovalNotices.RETRY, ApprovalNotices.TIMEOUT);
        escalation.put("status", sent.get("status"));
      } catch (StepFailed failed) {
        escalation.put("error", failed.error.toMap());
      }
      result.put("escalation", escalation);
      state.event("approvalEscalated", escalation, Workflow.currentTimeMillis());
    }
    if (a.onReject() != OnReject.CONTINUE) {
      throw StepFailed.withResult(
          new StepError(
              ErrorTypes.APPROVAL_TIMED_OUT,
              "nobody decided within "
                  + dev.runbooks.language.Durations.format(timeout)
                  + (a.onTimeout() == OnApprovalTimeout.ESCALATE
                      ? "; escalated to " + a.route()
                      : ""),
              null),
          result);
    }
  }
}
