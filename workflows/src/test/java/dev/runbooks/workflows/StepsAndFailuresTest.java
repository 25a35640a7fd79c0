package dev.runbooks.workflows;

import static dev.runbooks.workflows.RunbookTestEnv.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepsAndFailuresTest extends WorkflowTestBase {

  @Test
  void sequentialStepsComputeOutputsAndInterpolate() {
    http.bodies.put("health", "{\"memory\":{\"percent\":91},\"circuits\":{\"a\":\"open\"}}");
    String yaml =
        header("seq")
            + """
            steps:
              - id: health
                http:
                  url: "${{ inputs.base }}/json/health"
                outputs:
                  memory: result.body.memory.percent
              - id: report
                when: steps.health.outputs.memory > 85
                log: "memory at ${{ steps.health.outputs.memory }}%"
              - id: never
                when: steps.health.outputs.memory < 10
                log: unreachable
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(step(report, "health").get("outputs")).isEqualTo(Map.of("memory", 91));
    assertThat(step(report, "report").get("result"))
        .isEqualTo(Map.of("message", "memory at 91%", "level", "info"));
    assertThat(step(report, "never").get("status")).isEqualTo("skipped");
    assertThat(report.get("version")).asString().startsWith("sha256:");
  }

  @Test
  void retriesAreExhaustedThenTheRunFails() {
    String yaml =
        header("retry")
            + """
            steps:
              - id: broken
                http:
                  url: "${{ inputs.base }}/status/500"
                retry:
                  maxAttempts: 3
                  initialInterval: 1s
              - id: after
                log: not reached
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("failed");
    assertThat(report.get("failedStep")).isEqualTo("broken");
    assertThat(http.hits("/status/500")).isEqualTo(3);
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) step(report, "broken").get("error");
    assertThat(error.get("type")).isEqualTo("UnexpectedStatus");
    assertThat(report.get("steps").toString()).doesNotContain("\"after\"");
  }

  @Test
  void aStepTimeoutFailsTheStep() {
    String yaml =
        header("timeouts")
            + """
            steps:
              - id: slow
                command:
                  argv: ["sleep", "10"]
                timeout: 1s
                retry:
                  maxAttempts: 1
                onFailure: continue
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) step(report, "slow").get("error");
    assertThat(error.get("type")).isEqualTo("Timeout");
  }

  @Test
  void onFailureContinueGotoAndHandlers() {
    String yaml =
        header("onfailure")
            + """
            steps:
              - id: first
                http:
                  url: "${{ inputs.base }}/status/404"
                retry: {maxAttempts: 1}
                onFailure: continue
              - id: second
                http:
                  url: "${{ inputs.base }}/status/503"
                retry: {maxAttempts: 1}
                onFailure:
                  - id: explain
                    log: "second failed with ${{ error.type }}"
              - id: third
                http:
                  url: "${{ inputs.base }}/status/500"
                retry: {maxAttempts: 1}
                onFailure:
                  goto: recover
              - id: skipped_by_goto
                log: never
              - id: recover
                log: recovered
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(step(report, "first").get("status")).isEqualTo("failed");
    assertThat(step(report, "explain").get("result"))
        .isEqualTo(Map.of("message", "second failed with UnexpectedStatus", "level", "info"));
    assertThat(step(report, "recover").get("status")).isEqualTo("succeeded");
    assertThat(report.get("steps").toString()).doesNotContain("skipped_by_goto");
  }

  @Test
  @SuppressWarnings("unchecked")
  void compensationsRunInReverseOrderThenFinally() {
    String yaml =
        header("saga")
            + """
            steps:
              - id: a
                log: do a
                compensate:
                  - id: undo_a
                    log: undo a
              - id: b
                log: do b
                compensate:
                  - id: undo_b
                    log: undo b
              - id: c
                fail:
                  message: "gave up after ${{ steps.b.result.message }}"
            finally:
              - id: always
                log: cleanup
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("failed");
    assertThat(report.get("message")).isEqualTo("gave up after do b");
    List<Map<String, Object>> comps = (List<Map<String, Object>>) report.get("compensations");
    assertThat(comps).extracting(m -> m.get("for")).containsExactly("b", "a");
    assertThat(step(report, "undo_a").get("status")).isEqualTo("succeeded");
    assertThat(step(report, "always").get("status")).isEqualTo("succeeded");
  }

  @Test
  void succeedEndsEarlyWithoutCompensationAndFailCanEscalate() {
    String yaml =
        header("early")
            + """
            steps:
              - id: a
                log: did a
                compensate:
                  - id: undo_a
                    log: undo
              - id: done
                when: inputs.base != ""
                succeed: all good
              - id: never
                log: never
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(report.get("message")).isEqualTo("all good");
    assertThat(report.get("endedBy")).isEqualTo("done");
    assertThat(report).doesNotContainKey("failedStep");
    assertThat(report.get("steps").toString()).doesNotContain("undo_a").doesNotContain("never");

    String escalate =
        header("escalate")
            + """
            steps:
              - id: give_up
                fail:
                  message: paging engineering
                  outcome: escalated
            """;
    Map<String, Object> escalated = env.run(escalate, Map.of("base", http.url()));
    assertThat(escalated.get("outcome")).as("report %s", escalated).isEqualTo("escalated");
    assertThat(escalated.get("message")).isEqualTo("paging engineering");
  }

  @Test
  @SuppressWarnings("unchecked")
  void largeResultsAreShownAsPreviewsButExpressionsSeeThemWhole() {
    http.bodies.put("big", "{\"items\":\"" + "x".repeat(100_000) + "\",\"n\":7}");
    String yaml =
        header("big")
            + """
            steps:
              - id: fetch
                http: {url: "${{ inputs.base }}/json/big"}
                outputs:
                  size: size(result.body.items)
                  n: result.body.n
            """;
    Map<String, Object> report = env.run(yaml, Map.of("base", http.url()));
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    Map<String, Object> fetch = step(report, "fetch");
    assertThat(fetch.get("outputs")).isEqualTo(Map.of("size", 100_000, "n", 7));
    Map<String, Object> result = (Map<String, Object>) fetch.get("result");
    assertThat(result.get("truncated")).isEqualTo(true);
    assertThat(((String) result.get("preview"))).hasSize(4096);
  }
}
