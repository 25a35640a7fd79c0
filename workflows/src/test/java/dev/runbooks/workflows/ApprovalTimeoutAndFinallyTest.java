package dev.runbooks.workflows;

import static dev.runbooks.workflows.RunbookTestEnv.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An approval nobody decides: {@code onTimeout: escalate} pages its route and fails with {@code
 * ApprovalTimedOut}, which a handler tells apart from {@code ApprovalRejected}; {@code finally}
 * sees the run's outcome so far.
 */
class ApprovalTimeoutAndFinallyTest extends EscalationTestBase {
  static final String ESCALATING =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata: {name: escalating-approval}
      steps:
        - id: ok_to_restart
          approval:
            prompt: Restart the API?
            timeout: 30m
            onTimeout: escalate
            route: oncall
          onFailure:
            - id: why
              log: "approval ended with ${{ error.type }}"
            - id: told
              when: error.type == 'ApprovalTimedOut'
              log: timed out, escalated
            - id: rejected
              when: error.type == 'ApprovalRejected'
              log: rejected
            - id: give_up
              fail: "no decision: ${{ error.type }}"
      finally:
        - id: report
          log: "outcome ${{ run.outcome }} failed=${{ run.failed }} at ${{ run.failedStep }}"
      """;

  @Test
  void aTimeoutPagesTheRouteAndTheHandlerSeesApprovalTimedOut() {
    WorkflowStub run = env.start(env.publish(ESCALATING), Map.of());
    env.env.sleep(Duration.ofMinutes(31));
    @SuppressWarnings("unchecked")
    Map<String, Object> report = run.getResult(Map.class);

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("failed");
    assertThat(step(report, "told").get("status")).isEqualTo("succeeded");
    assertThat(step(report, "rejected").get("status")).isEqualTo("skipped");
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) step(report, "ok_to_restart").get("error");
    assertThat(error).containsEntry("type", "ApprovalTimedOut");
    assertThat(String.valueOf(error.get("message")))
        .isEqualTo("nobody decided within 30m; escalated to oncall");
    assertThat(pagerDutyEvents("/pd"))
        .contains("trigger " + run.getExecution().getWorkflowId() + "/ok_to_restart/timeout");
    assertThat(String.valueOf(step(report, "report").get("result")))
        .contains("outcome failed failed=true at give_up");
  }

  @Test
  void aRejectionStaysApprovalRejectedAndFinallySeesIt() throws Exception {
    WorkflowStub run = env.start(env.publish(ESCALATING), Map.of());
    awaitWaiting(run, w -> "ok_to_restart".equals(w.get("step")));
    env.decide(run, dev.runbooks.api.DecisionAction.REJECT, Map.of("approver", "bob"));
    @SuppressWarnings("unchecked")
    Map<String, Object> report = run.getResult(Map.class);

    assertThat(step(report, "rejected").get("status")).isEqualTo("succeeded");
    assertThat(step(report, "told").get("status")).isEqualTo("skipped");
    assertThat(pagerDutyEvents("/pd")).isEmpty();
  }

  @Test
  void finallySeesAResolvedRun() {
    Map<String, Object> report =
        env.run(
            """
            apiVersion: runbooks.dev/v1
            kind: Runbook
            metadata: {name: fine-run}
            steps:
              - id: hello
                log: hi
            finally:
              - id: report
                log: "outcome ${{ run.outcome }} failed=${{ run.failed }}"
            """,
            Map.of());
    assertThat(String.valueOf(step(report, "report").get("result")))
        .contains("outcome resolved failed=false");
  }
}
