package dev.runbooks.workflows;

import static dev.runbooks.workflows.RunbookTestEnv.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A run seeded with another run's recorded results ({@code "retry"} in the start context): the
 * steps before {@code from} are not run but reused, expressions see their recorded outputs, and the
 * run records whom it retries.
 */
class RetrySeedTest extends WorkflowTestBase {

  private String runbook() {
    return header("retry-seed")
        + """
        steps:
          - id: probe
            http:
              url: "${{ inputs.base }}/json/health"
            outputs:
              memory: result.body.memory.percent
          - id: pick
            switch:
              cases:
                - when: steps.probe.outputs.memory > 50
                  steps:
                    - id: high
                      log: "high ${{ steps.probe.outputs.memory }}"
              default:
                - id: low
                  log: low
          - id: fix
            http:
              url: "${{ inputs.base }}/${{ inputs.cause }}"
          - id: after
            log: "memory was ${{ steps.probe.outputs.memory }} and ${{ steps.pick.status }}"
        """;
  }

  @Test
  @SuppressWarnings("unchecked")
  void stepsBeforeFromAreReusedNotRun() {
    http.bodies.put("health", "{\"memory\":{\"percent\":91}}");
    String name = env.publish(runbook());
    Map<String, Object> first =
        (Map<String, Object>)
            env.start(name, Map.of("base", http.url(), "cause", "status/500")).getResult(Map.class);
    assertThat(first.get("outcome")).as("first %s", first).isEqualTo("failed");
    assertThat(first.get("failedStep")).isEqualTo("fix");
    int probes = http.hits("/json/health");

    Map<String, Object> results = new LinkedHashMap<>();
    for (Object s : (List<Object>) first.get("steps")) {
      Map<String, Object> m = (Map<String, Object>) s;
      results.put(String.valueOf(m.get("id")), m);
    }
    Map<String, Object> retry = new LinkedHashMap<>();
    retry.put("of", first.get("workflowId"));
    retry.put("runId", first.get("runId"));
    retry.put("from", "fix");
    retry.put("by", "alice");
    retry.put("results", results);
    Map<String, Object> second =
        (Map<String, Object>)
            env.start(
                    name,
                    Map.of("base", http.url(), "cause", "json/health"),
                    Map.of("retry", retry))
                .getResult(Map.class);

    assertThat(second.get("outcome")).as("second %s", second).isEqualTo("resolved");
    assertThat(http.hits("/json/health")).as("probe not run again, fix ran").isEqualTo(probes + 1);
    assertThat(step(second, "probe").get("status")).isEqualTo("reused");
    assertThat(step(second, "probe").get("outputs")).isEqualTo(Map.of("memory", 91));
    assertThat(step(second, "pick").get("status")).isEqualTo("reused");
    assertThat(step(second, "high").get("status")).isEqualTo("reused");
    assertThat(step(second, "fix").get("status")).isEqualTo("succeeded");
    assertThat(step(second, "after").get("result"))
        .isEqualTo(Map.of("message", "memory was 91 and succeeded", "level", "info"));
    Map<String, Object> event =
        ((List<Map<String, Object>>) second.get("events"))
            .stream().filter(e -> "retryOf".equals(e.get("event"))).findFirst().orElseThrow();
    assertThat(event)
        .containsEntry("workflowId", first.get("workflowId"))
        .containsEntry("from", "fix")
        .containsEntry("how", "seeded")
        .containsEntry("reused", List.of("probe", "pick"));
  }

  @Test
  void anUnknownFromStepFailsTheRunWithAMessage() {
    String name = env.publish(runbook());
    Map<String, Object> retry = Map.of("of", "runbook/x/1", "from", "high", "results", Map.of());
    var stub = env.start(name, Map.of("base", http.url()), Map.of("retry", retry));
    assertThatThrownBy(() -> stub.getResult(Map.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining(
            "cannot retry run runbook/x/1 from step 'high': runbook retry-seed (sha256:")
        .hasMessageContaining(") has no top-level step of that id");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRetryRunsTheVersionItNamesEvenWhenAnotherIsCurrent() {
    http.bodies.put("health", "{\"memory\":{\"percent\":20}}");
    String name = env.publish(runbook());
    Map<String, Object> first =
        (Map<String, Object>)
            env.start(name, Map.of("base", http.url(), "cause", "status/500")).getResult(Map.class);
    String pinned = String.valueOf(first.get("version"));
    env.publish(runbook().replace("log: low", "log: lower"));
    assertThat(env.catalog.get(name).version()).isNotEqualTo(pinned);

    Map<String, Object> results = new LinkedHashMap<>();
    for (Object s : (List<Object>) first.get("steps")) {
      results.put(String.valueOf(((Map<String, Object>) s).get("id")), s);
    }
    Map<String, Object> retry = new LinkedHashMap<>();
    retry.put("of", first.get("workflowId"));
    retry.put("from", "fix");
    retry.put("version", pinned);
    retry.put("results", results);
    Map<String, Object> second =
        (Map<String, Object>)
            env.start(
                    name,
                    Map.of("base", http.url(), "cause", "json/health"),
                    Map.of("retry", retry))
                .getResult(Map.class);
    assertThat(second.get("outcome")).as("second %s", second).isEqualTo("resolved");
    assertThat(second.get("version")).isEqualTo(pinned);
    assertThat(step(second, "low").get("status")).isEqualTo("reused");
    assertThat(step(second, "low").get("result"))
        .isEqualTo(Map.of("message", "low", "level", "info"));
  }
}
