package dev.runbooks.workflows;

import static dev.runbooks.workflows.RunbookTestEnv.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code timeout} of a composite step is an overall deadline: when it passes, the body is
 * cancelled (inner steps show as cancelled) and the step fails with {@code StepTimeout}, which its
 * onFailure handles like any failure.
 */
class CompositeTimeoutTest extends WorkflowTestBase {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> error(Map<String, Object> report, String id) {
    return (Map<String, Object>) step(report, id).get("error");
  }

  private static void timedOut(Map<String, Object> report, String id, String within) {
    assertThat(step(report, id).get("status")).as("report %s", report).isEqualTo("failed");
    assertThat(error(report, id))
        .containsEntry("type", "StepTimeout")
        .containsEntry(
            "message", "step '" + id + "' did not finish within its timeout of " + within);
  }

  @Test
  void aSleepLongerThanItsTimeoutFails() {
    String yaml =
        header("sleep-timeout")
            + """
            steps:
              - id: nap
                sleep: 1h
                timeout: 1m
              - id: after
                log: not reached
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).isEqualTo("failed");
    assertThat(report.get("failedStep")).isEqualTo("nap");
    timedOut(report, "nap", "1m");
    assertThat(report.get("steps").toString()).doesNotContain("after");
  }

  @Test
  void aParallelStepPastItsDeadlineCancelsItsBranchesAndOnFailureApplies() {
    String yaml =
        header("parallel-timeout")
            + """
            steps:
              - id: race
                timeout: 5m
                parallel:
                  branches:
                    - name: quick
                      steps: [{id: fast, log: fast}]
                    - name: slow
                      steps:
                        - {id: nap, sleep: 1h}
                        - {id: after_nap, log: too late}
                onFailure:
                  - id: note
                    log: "race: ${{ error.type }}"
              - id: next
                log: goes on
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    timedOut(report, "race", "5m");
    assertThat(step(report, "nap").get("status")).isEqualTo("cancelled");
    assertThat(step(report, "fast").get("status")).isEqualTo("succeeded");
    assertThat(report.get("steps").toString()).doesNotContain("after_nap");
    assertThat(step(report, "note").get("result"))
        .isEqualTo(Map.of("message", "race: StepTimeout", "level", "info"));
    assertThat(step(report, "next").get("status")).isEqualTo("succeeded");
  }

  @Test
  void aForeachPastItsDeadlineStopsAndCancelsTheRunningActivity() {
    String yaml =
        header("foreach-timeout")
            + """
            steps:
              - id: each
                timeout: 2s
                foreach:
                  items: "[1, 2, 3]"
                  steps:
                    - id: work
                      command: {argv: [sleep, "5"]}
                      timeout: 30s
                      retry: {maxAttempts: 1}
                onFailure: continue
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    timedOut(report, "each", "2s");
    assertThat(step(report, "work").get("status")).isEqualTo("cancelled");
    assertThat(step(report, "work")).doesNotContainKey("executions"); // only the first item ran
  }

  @Test
  void aSwitchPastItsDeadlineFails() {
    String yaml =
        header("switch-timeout")
            + """
            steps:
              - id: route
                timeout: 90s
                switch:
                  cases:
                    - when: inputs.cause == 'memory'
                      steps: [{id: wait_memory, sleep: 1h}]
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).isEqualTo("failed");
    timedOut(report, "route", "1m30s");
    assertThat(step(report, "wait_memory").get("status")).isEqualTo("cancelled");
  }

  /**
   * The child waits on probes, not on one long timer: with time skipping, a child sleeping on a
   * single timer could see it fire before it handled the parent's cancellation.
   */
  @Test
  @SuppressWarnings("unchecked")
  void aCallPastItsDeadlineCancelsTheChildRun() {
    env.publish(
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata:
          name: slow-child
        inputs:
          base: {type: string, required: true}
        steps:
          - id: long_wait
            waitUntil:
              probe: {http: {url: "${{ inputs.base }}/flip/100000"}}
              condition: result.body.ready
              interval: 1m
              deadline: 30d
        """);
    String yaml =
        header("call-timeout")
            + """
            steps:
              - id: child
                timeout: 10m
                call: {runbook: slow-child, inputs: {base: "${{ inputs.base }}"}}
            """;
    WorkflowStub run = env.start(env.publish(yaml), Map.of("base", http.url()));
    Map<String, Object> report = run.getResult(Map.class);
    assertThat(report.get("outcome")).isEqualTo("failed");
    timedOut(report, "child", "10m");
    String childId = run.getExecution().getWorkflowId() + "/child/1";
    WorkflowStub child = env.client.newUntypedWorkflowStub(childId);
    assertThatThrownBy(() -> child.getResult(Map.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasMessageContaining("was cancelled");
    Map<String, Object> status = child.query("status", Map.class);
    assertThat(step(status, "long_wait").get("status")).isEqualTo("cancelled");
  }

  @Test
  void anApprovalPastTheStepsTimeoutFailsWithStepTimeout() {
    String yaml =
        header("approval-timeout")
            + """
            steps:
              - id: gate
                timeout: 10m
                approval: {prompt: "go now", timeout: 1h, onTimeout: approve}
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).isEqualTo("failed");
    timedOut(report, "gate", "10m");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aCompositeStepWithinItsTimeoutIsUnchanged() {
    String yaml =
        header("within-timeout")
            + """
            steps:
              - id: both
                timeout: 1h
                parallel:
                  branches:
                    - steps: [{id: one, http: {url: "${{ inputs.base }}/json/one"}}]
                    - steps: [{id: two, sleep: 1m}]
              - id: each
                timeout: 1h
                foreach:
                  items: "['a', 'b']"
                  steps: [{id: hit, http: {url: "${{ inputs.base }}/json/${{ item }}"}}]
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat((Map<String, Object>) step(report, "both").get("result"))
        .containsEntry("succeeded", 2);
    assertThat(
            (List<Object>) ((Map<String, Object>) step(report, "each").get("result")).get("items"))
        .hasSize(2);
    assertThat(List.of(http.hits("/json/a"), http.hits("/json/b"))).containsExactly(1, 1);
  }
}
