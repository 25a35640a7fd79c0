package dev.runbooks.workflows;

import static dev.runbooks.workflows.RunbookTestEnv.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlFlowTest extends WorkflowTestBase {

  @Test
  void switchRunsTheFirstMatchingCaseOrTheDefault() {
    String yaml =
        header("by-cause")
            + """
            steps:
              - id: fix
                switch:
                  cases:
                    - when: inputs.cause == "memory"
                      steps:
                        - id: free_memory
                          log: freeing memory
                    - when: inputs.cause == "model"
                      steps:
                        - id: reload_model
                          log: reloading model
                  default:
                    - id: escalate
                      log: unknown cause
            """;
    Map<String, Object> memory = env.run(yaml, Map.of("base", http.url()));
    assertThat(step(memory, "free_memory").get("status")).isEqualTo("succeeded");
    assertThat(memory.get("steps").toString()).doesNotContain("reload_model");
    Map<String, Object> other = env.run(yaml, Map.of("base", http.url(), "cause", "disk"));
    assertThat(step(other, "escalate").get("status")).isEqualTo("succeeded");
    assertThat(step(other, "fix").get("result")).isEqualTo(Map.of("case", "default"));
  }

  @Test
  void parallelJoinAllFailsWhenABranchFails() {
    String yaml =
        header("par-all")
            + """
            steps:
              - id: probes
                parallel:
                  branches:
                    - name: good
                      steps:
                        - id: ok
                          http: {url: "${{ inputs.base }}/json/x"}
                    - name: bad
                      steps:
                        - id: broken
                          http: {url: "${{ inputs.base }}/status/500"}
                          retry: {maxAttempts: 1}
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("failed");
    assertThat(report.get("failedStep")).isEqualTo("probes");
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) step(report, "probes").get("error");
    assertThat(error.get("type")).isEqualTo("ParallelJoinFailed");
  }

  @Test
  void parallelJoinAnyCancelsTheSlowBranch() {
    String yaml =
        header("par-any")
            + """
            steps:
              - id: race
                parallel:
                  join: any
                  branches:
                    - name: fast
                      steps:
                        - id: quick
                          log: fast wins
                    - name: slow
                      steps:
                        - id: nap
                          sleep: 1h
                        - id: after_nap
                          log: too late
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(step(report, "race").get("result"))
        .isEqualTo(
            Map.of(
                "join",
                "any",
                "succeeded",
                1,
                "branches",
                Map.of("fast", "succeeded", "slow", "cancelled")));
    assertThat(step(report, "nap").get("status")).isEqualTo("cancelled");
    assertThat(report.get("steps").toString()).doesNotContain("after_nap");
  }

  @Test
  void parallelJoinCountNeedsThatManySuccesses() {
    String yaml =
        header("par-two")
            + """
            steps:
              - id: quorum
                parallel:
                  join: 2
                  branches:
                    - steps: [{id: one, http: {url: "${{ inputs.base }}/json/1"}}]
                    - steps: [{id: two, http: {url: "${{ inputs.base }}/status/500"}, retry: {maxAttempts: 1}}]
                    - steps: [{id: three, http: {url: "${{ inputs.base }}/json/3"}}]
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) step(report, "quorum").get("result");
    assertThat(result.get("succeeded")).isEqualTo(2);
  }

  @Test
  @SuppressWarnings("unchecked")
  void foreachRunsEachItemWithItsOwnStepResults() {
    String yaml =
        header("each")
            + """
            steps:
              - id: list
                http: {url: "${{ inputs.base }}/json/circuits"}
                outputs:
                  open: result.body.circuits.filter(c, c.state == "open").map(c, c.name)
              - id: reset_all
                foreach:
                  items: steps.list.outputs.open
                  concurrency: 2
                  steps:
                    - id: reset
                      http:
                        method: POST
                        url: "${{ inputs.base }}/json/reset-${{ item }}"
                      outputs:
                        name: item
                        position: index
                    - id: confirm
                      log: "reset ${{ steps.reset.outputs.name }}"
            """;
    http.bodies.put(
        "circuits",
        "{\"circuits\":[{\"name\":\"db\",\"state\":\"open\"},{\"name\":\"llm\",\"state\":\"closed\"},"
            + "{\"name\":\"cache\",\"state\":\"open\"},{\"name\":\"queue\",\"state\":\"open\"}]}");
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    Map<String, Object> result = (Map<String, Object>) step(report, "reset_all").get("result");
    assertThat(result.get("count")).isEqualTo(3);
    List<Map<String, Object>> items = (List<Map<String, Object>>) result.get("items");
    assertThat(items).extracting(i -> i.get("item")).containsExactly("db", "cache", "queue");
    assertThat(items.get(1).get("outputs").toString()).contains("name=cache", "position=1");
    assertThat(http.hits("/json/reset-db") + http.hits("/json/reset-cache")).isEqualTo(2);
    assertThat(http.hits("/json/reset-llm")).isZero();
  }

  @Test
  @SuppressWarnings("unchecked")
  void waitUntilProbesOnADurableTimerUntilTheConditionHolds() {
    String yaml =
        header("wait")
            + """
            steps:
              - id: until_ready
                waitUntil:
                  probe:
                    http: {url: "${{ inputs.base }}/flip/3"}
                  condition: result.body.ready
                  interval: 5m
                  deadline: 1h
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    Map<String, Object> result = (Map<String, Object>) step(report, "until_ready").get("result");
    assertThat(result.get("met")).isEqualTo(true);
    assertThat(result.get("probes")).isEqualTo(4);
    assertThat(((Number) result.get("waitedMs")).longValue()).isGreaterThanOrEqualTo(15 * 60_000);
  }

  @Test
  @SuppressWarnings("unchecked")
  void waitUntilDeadlineFailsOrContinues() {
    String yaml =
        header("wait-timeout")
            + """
            steps:
              - id: strict
                waitUntil:
                  probe:
                    http: {url: "${{ inputs.base }}/flip/1000"}
                  condition: result.body.ready
                  interval: 10m
                  deadline: 30m
                onFailure: continue
              - id: lenient
                waitUntil:
                  probe:
                    http: {url: "${{ inputs.base }}/status/503"}
                  condition: result.status == 200
                  interval: 10m
                  deadline: 20m
                  onTimeout: continue
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    Map<String, Object> strict = step(report, "strict");
    assertThat(((Map<String, Object>) strict.get("error")).get("type"))
        .isEqualTo("WaitUntilTimeout");
    Map<String, Object> lenient = (Map<String, Object>) step(report, "lenient").get("result");
    assertThat(lenient.get("timedOut")).isEqualTo(true);
    assertThat(lenient.get("probes")).isEqualTo(3);
    assertThat(lenient.get("lastError").toString()).contains("UnexpectedStatus");
  }

  @Test
  @SuppressWarnings("unchecked")
  void waitUntilFailWhenStopsWaitingAtOnce() {
    String yaml =
        header("wait-fail-when")
            + """
            steps:
              - id: until_closed
                waitUntil:
                  probe:
                    http: {url: "${{ inputs.base }}/flip/999"}
                  condition: result.body.ready
                  failWhen: result.body.hits >= 3
                  interval: 5m
                  deadline: 2h
              - id: never
                log: not reached
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("failed");
    Map<String, Object> step = step(report, "until_closed");
    Map<String, Object> error = (Map<String, Object>) step.get("error");
    assertThat(error.get("type")).isEqualTo("WaitUntilFailed");
    assertThat((String) error.get("message")).contains("failWhen 'result.body.hits >= 3' held");
    assertThat(((Number) report.get("durationMs")).longValue()).isLessThan(60 * 60_000);
    assertThat(report.get("steps").toString()).doesNotContain("not reached");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRunbookCallingItselfStopsAtItsMaxDepth() {
    String yaml =
        header("recurse")
            + """
            steps:
              - id: deeper
                call:
                  runbook: recurse
                  maxDepth: 2
                  inputs:
                    base: "${{ inputs.base }}"
                onFailure: continue
            """;

    Map<String, Object> top = env.run(yaml, Map.of("base", http.url()));

    assertThat(top.get("outcome")).as("report %s", top).isEqualTo("resolved");
    Map<String, Object> depth1 = (Map<String, Object>) step(top, "deeper").get("result");
    Map<String, Object> depth2 = (Map<String, Object>) step(depth1, "deeper").get("result");
    Map<String, Object> refused = step(depth2, "deeper");
    assertThat(refused.get("status")).isEqualTo("failed");
    assertThat((Map<String, Object>) refused.get("error"))
        .containsEntry("type", "CallDepthExceeded")
        .containsEntry(
            "message", "runbook recurse would run 3 calls deep, above the limit of 2 (maxDepth)");
  }

  @Test
  @SuppressWarnings("unchecked")
  void callRunsAChildRunbookAndSeesItsReport() {
    env.publish(
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata:
          name: child
        inputs:
          who:
            type: string
            required: true
        steps:
          - id: greet
            log: "hello ${{ inputs.who }}"
            outputs:
              greeting: result.message
        """);
    String yaml =
        header("parent")
            + """
            steps:
              - id: delegate
                call:
                  runbook: child
                  inputs:
                    who: "${{ inputs.cause }}"
                outputs:
                  child_outcome: result.outcome
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(step(report, "delegate").get("outputs"))
        .isEqualTo(Map.of("child_outcome", "resolved"));
    Map<String, Object> child = (Map<String, Object>) step(report, "delegate").get("result");
    assertThat(child.get("steps").toString()).contains("hello memory");
  }

  @Test
  void sleepWaitsOnADurableTimerAndCallCanFireAndForget() {
    env.publish(
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata:
          name: background
        steps:
          - id: nap
            sleep: 3h
        """);
    String yaml =
        header("sleeper")
            + """
            steps:
              - id: detach
                call:
                  runbook: background
                  wait: false
                outputs:
                  child: result.workflowId
              - id: cool_down
                sleep: 2h
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(step(report, "cool_down").get("result")).isEqualTo(Map.of("sleptMs", 7_200_000));
    assertThat(((Number) report.get("durationMs")).longValue()).isGreaterThanOrEqualTo(7_200_000);
    assertThat(step(report, "detach").get("outputs").toString()).contains("/detach/1");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anExpressionThatFailsAtRunTimeFailsItsStep() {
    String yaml =
        header("bad-expr")
            + """
            steps:
              - id: probe
                http: {url: "${{ inputs.base }}/json/x"}
              - id: guarded
                when: steps.probe.result.body.missing.deeper == 1
                log: never
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("failed");
    Map<String, Object> error = (Map<String, Object>) step(report, "guarded").get("error");
    assertThat(error.get("type")).isEqualTo("ExpressionFailed");
    assertThat(error.get("message").toString()).contains("steps.probe.result.body.missing");
  }
}
