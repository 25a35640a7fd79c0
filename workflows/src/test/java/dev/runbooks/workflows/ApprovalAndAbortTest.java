package dev.runbooks.workflows;

import static dev.runbooks.workflows.RunbookTestEnv.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.api.DecisionAction;
import dev.runbooks.api.DecisionAnswer;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApprovalAndAbortTest {
  private static final String GATED =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: gated
      steps:
        - id: backup
          log: backing up the queue
        - id: ok_to_reset
          approval:
            prompt: "Reset the task queue? ${{ steps.backup.result.message }}"
            approvers: [alice, bob]
            timeout: 30m
        - id: reset
          log: "reset approved by ${{ steps.ok_to_reset.result.approver }}"
      finally:
        - id: tidy
          log: tidy up
      """;

  private RunbookTestEnv env;

  @BeforeEach
  void setUp() {
    env = new RunbookTestEnv();
    env.publish(GATED);
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> status(WorkflowStub run) {
    return run.query(RunbookWorkflow.QUERY_STATUS, Map.class);
  }

  private static void awaitWaiting(WorkflowStub run) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (!((List<?>) status(run).get("waiting")).isEmpty()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run never started waiting: " + status(run));
  }

  @Test
  @SuppressWarnings("unchecked")
  void anAllowedApproverApprovesAndTheDecisionIsRecorded() throws Exception {
    WorkflowStub run = env.start("gated", Map.of());
    awaitWaiting(run);
    Map<String, Object> status = status(run);
    assertThat(status.get("currentSteps")).isEqualTo(List.of("ok_to_reset"));
    Map<String, Object> waiting = ((List<Map<String, Object>>) status.get("waiting")).get(0);
    assertThat(waiting.get("prompt")).isEqualTo("Reset the task queue? backing up the queue");
    assertThat(waiting.get("approvers")).isEqualTo(List.of("alice", "bob"));

    assertThat(
            env.decide(run, DecisionAction.APPROVE, Map.of("approver", "mallory", "comment", "no")))
        .isEqualTo(
            new DecisionAnswer(
                DecisionAnswer.Result.NOT_ALLOWED,
                "mallory is not an allowed approver [alice, bob]",
                null));
    assertThat(
            env.decide(
                run,
                DecisionAction.APPROVE,
                Map.of("approver", "alice", "comment", "backup verified")))
        .isEqualTo(DecisionAnswer.accepted("ok_to_reset"));
    Map<String, Object> report = run.getResult(Map.class);
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    Map<String, Object> decision = (Map<String, Object>) step(report, "ok_to_reset").get("result");
    assertThat(decision.get("approved")).isEqualTo(true);
    assertThat(decision.get("approver")).isEqualTo("alice");
    assertThat(decision.get("comment")).isEqualTo("backup verified");
    assertThat(step(report, "reset").get("result").toString()).contains("approved by alice");
    List<Map<String, Object>> events = (List<Map<String, Object>>) report.get("events");
    assertThat(events)
        .singleElement()
        .satisfies(
            e -> assertThat(e).containsEntry("channel", "api").containsEntry("verified", true));
    assertThat(env.audit.values())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.action()).isEqualTo("approval.approve");
              assertThat(r.stepId()).isEqualTo("ok_to_reset");
              assertThat(r.details()).containsEntry("approver", "alice");
            });
  }

  @Test
  void aRejectionFailsTheStepAndTheRun() throws Exception {
    WorkflowStub run = env.start("gated", Map.of());
    awaitWaiting(run);
    env.decide(run, DecisionAction.REJECT, Map.of("approver", "bob", "comment", "not during peak"));
    @SuppressWarnings("unchecked")
    Map<String, Object> report = run.getResult(Map.class);
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("failed");
    assertThat(report.get("failedStep")).isEqualTo("ok_to_reset");
    assertThat(report.get("message").toString()).contains("rejected by bob: not during peak");
    assertThat(step(report, "tidy").get("status")).isEqualTo("succeeded");
  }

  @Test
  void anApprovalTimesOutAsARejection() {
    WorkflowStub run = env.start("gated", Map.of());
    env.env.sleep(Duration.ofMinutes(31));
    @SuppressWarnings("unchecked")
    Map<String, Object> report = run.getResult(Map.class);
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("failed");
    assertThat(step(report, "ok_to_reset").get("result").toString())
        .contains("approver=timeout", "timedOut=true");
  }

  @Test
  void abortCancelsTheWaitAndRunsFinally() throws Exception {
    WorkflowStub run = env.start("gated", Map.of());
    awaitWaiting(run);
    run.signal("abort", Map.of("by", "carol", "reason", "wrong alert"));
    @SuppressWarnings("unchecked")
    Map<String, Object> report = run.getResult(Map.class);
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("aborted");
    assertThat(report.get("message")).isEqualTo("aborted by carol: wrong alert");
    assertThat(step(report, "ok_to_reset").get("status")).isEqualTo("cancelled");
    assertThat(step(report, "tidy").get("status")).isEqualTo("succeeded");
    assertThat(report.get("steps").toString()).doesNotContain("id=reset,");
  }

  /**
   * What a schedule's {@code overlap: cancelOther} does to the run still in flight: Temporal's
   * cancel request ends it as aborted, finally runs, and the execution closes as cancelled.
   */
  @Test
  void aTemporalCancelRequestAbortsTheRunAndRunsFinally() throws Exception {
    WorkflowStub run = env.start("gated", Map.of());
    awaitWaiting(run);
    run.cancel();

    assertThatThrownBy(() -> run.getResult(Map.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasMessageContaining("was cancelled");
    Map<String, Object> report = status(run);
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("aborted");
    assertThat(step(report, "ok_to_reset").get("status")).isEqualTo("cancelled");
    assertThat(step(report, "tidy").get("status")).isEqualTo("succeeded");
  }
}
