package dev.runbooks.workflows.internal;

import dev.runbooks.language.model.RetrySpec;
import dev.runbooks.language.model.StepBody;
import dev.runbooks.workflows.ChangeId;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells the routes an approval names in {@code notify} that it waits: one escalate activity per
 * route, started when the wait starts and not waited for, so a slow or broken route never delays
 * the decision. Each message carries the question, the approvers, the deadline and the step; the
 * activity adds approve and reject links to the API, whose public address only the worker knows.
 * Each answer is noted in the run's events ({@code approvalNotified} or {@code
 * approvalNotifyFailed}). Runs recorded before this existed replay without it ({@code
 * ChangeId#APPROVAL_NOTIFY}; no such run had a {@code notify}, since the compiler refused it, so
 * the version only guards against that assumption).
 */
final class ApprovalNotices {
  /** Each message: three attempts, 1 s apart at first. */
  static final RetrySpec RETRY =
      new RetrySpec(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10), List.of());

  /** The timeout of each attempt. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final int SUMMARY_QUESTION_MAX = 150;

  private final ActionRunner actions;
  private final RunState state;

  ApprovalNotices(ActionRunner actions, RunState state) {
    this.actions = actions;
    this.state = state;
  }

  /** Starts one message per route of {@code notify}; returns at once. */
  void send(String stepId, StepBody.Approval approval, String prompt, long deadline) {
    if (approval.notifyRoutes().isEmpty() || !ChangeId.APPROVAL_NOTIFY.enabled()) {
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("question", prompt);
    details.put("approvers", approval.approvers().isEmpty() ? "anyone" : approval.approvers());
    details.put("deadline", Times.iso(deadline));
    details.put(
        "onTimeout",
        switch (approval.onTimeout()) {
          case APPROVE -> "approved";
          case REJECT -> "rejected";
          case ESCALATE -> "escalated to " + approval.route();
        });
    details.put("step", stepId);
    for (String route : approval.notifyRoutes()) {
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("route", route);
      config.put("severity", "info");
      config.put("summary", "Approval needed: " + firstLine(prompt));
      config.put("details", details);
      config.put("dedupKey", state.workflowId + "/" + stepId);
      config.put("approvalFor", stepId);
      Async.function(() -> actions.runRendered(stepId, "escalate", config, RETRY, TIMEOUT))
          .handle(
              (result, failure) -> {
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("step", stepId);
                ev.put("route", route);
                if (failure == null) {
                  ev.put("status", result.get("status"));
                  if (result instanceof DryRuns.StandIn
                      || Boolean.TRUE.equals(result.get("dryRun"))) {
                    ev.put("dryRun", true);
                  }
                  state.event("approvalNotified", ev, Workflow.currentTimeMillis());
                } else {
                  ev.put("error", error(failure));
                  state.event("approvalNotifyFailed", ev, Workflow.currentTimeMillis());
                }
                return null;
              });
    }
  }

  private static Map<String, Object> error(RuntimeException failure) {
    if (failure instanceof StepFailed failed) {
      return failed.error.toMap();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", failure.getClass().getSimpleName());
    m.put("message", String.valueOf(failure.getMessage()));
    return m;
  }

  private static String firstLine(String prompt) {
    String line = prompt.strip().lines().findFirst().orElse("");
    return line.length() > SUMMARY_QUESTION_MAX
        ? line.substring(0, SUMMARY_QUESTION_MAX - 3) + "..."
        : line;
  }
}
