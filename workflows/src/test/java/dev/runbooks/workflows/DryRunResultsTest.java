package dev.runbooks.workflows;

import static dev.runbooks.workflows.RunbookTestEnv.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Dry runs that tell the truth: read-only probes (a {@code readOnly} command among them) run for
 * real, mutating steps answer their {@code dryRunResult} or a placeholder and are listed in order
 * as {@code wouldRun} events with their rendered config (secret references never resolved), sleeps
 * and waits are shortened and approvals decided by {@code dry-run}.
 */
class DryRunResultsTest extends WorkflowTestBase {
  static final String RUNBOOK =
      """
      steps:
        - id: usage
          command:
            argv: [echo, "91"]
            readOnly: true
          outputs:
            percent: int(result.stdout.trim())
        - id: full
          switch:
            cases:
              - when: steps.usage.outputs.percent > 90
                steps:
                  - id: ask
                    approval: {prompt: "clean up?", approvers: [alice], timeout: 2h}
                  - id: clean
                    http:
                      method: POST
                      url: "${{ inputs.base }}/json/clean"
                      headers:
                        Authorization: "${{ secrets.API_TOKEN }}"
                      body: {freeAbove: "${{ steps.usage.outputs.percent }}"}
                    dryRunResult:
                      status: 202
                      body: {freed: "${{ steps.usage.outputs.percent - 50 }}G"}
                    outputs:
                      freed: result.body.freed
                  - id: settle
                    sleep: 10m
                  - id: healthy
                    waitUntil:
                      probe:
                        http: {url: "${{ inputs.base }}/json/health"}
                      condition: result.body.ok == true
                      interval: 30s
                      deadline: 15m
                  - id: wipe
                    command:
                      argv: ["rm", "-rf", "/tmp/runbook-dry-run-must-not-run"]
                    outputs:
                      code: result.exitCode
        - id: after
          log: "freed ${{ steps.clean.outputs.freed }}"
      """;

  @Test
  @SuppressWarnings("unchecked")
  void probesRunMutationsAnswerTheirDryRunResultAndTheReportListsThemInOrder() {
    http.bodies.put("health", "{\"ok\":false}");
    WorkflowStub run =
        env.start(
            env.publish(header("dry-truth") + RUNBOOK),
            Map.of("base", http.url()),
            Map.of("dryRun", true));
    Map<String, Object> report = run.getResult(Map.class);

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(step(report, "usage").get("status")).isEqualTo("succeeded");
    assertThat(number(((Map<String, Object>) step(report, "usage").get("outputs")).get("percent")))
        .isEqualTo(91L);
    Map<String, Object> ask = step(report, "ask");
    assertThat(((Map<String, Object>) ask.get("result")).get("approver")).isEqualTo("dry-run");
    assertThat(ask.get("status")).isEqualTo("dry-run");
    assertThat(http.hits("/json/clean")).isZero();
    Map<String, Object> clean = step(report, "clean");
    assertThat(clean.get("status")).isEqualTo("dry-run");
    assertThat(((Map<String, Object>) clean.get("outputs")).get("freed")).isEqualTo("41G");
    assertThat(number(((Map<String, Object>) clean.get("result")).get("status"))).isEqualTo(202L);
    assertThat(
            number(
                ((Map<String, Object>) step(report, "settle").get("result")).get("wouldSleepMs")))
        .isEqualTo(600_000L);
    Map<String, Object> healthy = (Map<String, Object>) step(report, "healthy").get("result");
    assertThat(number(healthy.get("probes"))).isEqualTo(3L);
    assertThat(healthy.get("timedOut")).isEqualTo(true);
    assertThat(http.hits("/json/health")).isEqualTo(3);
    assertThat(step(report, "wipe").get("status")).isEqualTo("dry-run");
    assertThat(step(report, "after").get("status")).isEqualTo("succeeded");
    assertThat(number(((Map<String, Object>) step(report, "settle").get("result")).get("sleptMs")))
        .isEqualTo(Duration.ofSeconds(1).toMillis());
    assertThat(number(healthy.get("waitedMs"))).isLessThan(10_000L); // 2 s of waits, not 15m

    List<Map<String, Object>> events = (List<Map<String, Object>>) report.get("events");
    List<String> plan =
        events.stream()
            .filter(
                e -> List.of("wouldRun", "dryRunApproval", "dryRunWait").contains(e.get("event")))
            .map(e -> e.get("event") + ":" + e.get("step"))
            .toList();
    assertThat(plan)
        .containsExactly(
            "dryRunApproval:ask",
            "wouldRun:clean",
            "dryRunWait:settle",
            "dryRunWait:healthy",
            "wouldRun:wipe");
    Map<String, Object> wouldClean =
        events.stream().filter(e -> "clean".equals(e.get("step"))).findFirst().orElseThrow();
    assertThat(wouldClean.get("kind")).isEqualTo("http");
    assertThat(wouldClean.get("result")).isEqualTo("dryRunResult");
    Map<String, Object> config = (Map<String, Object>) wouldClean.get("config");
    assertThat(config.get("url")).isEqualTo(http.url() + "/json/clean");
    assertThat(((Map<String, Object>) config.get("headers")).get("Authorization"))
        .isEqualTo("${{ secrets.API_TOKEN }}");
    assertThat(report.toString()).doesNotContain(RunbookTestEnv.SECRET_VALUE);
    Map<String, Object> wouldWipe =
        events.stream().filter(e -> "wipe".equals(e.get("step"))).findFirst().orElseThrow();
    assertThat(wouldWipe.get("target")).isEqualTo("rm -rf /tmp/runbook-dry-run-must-not-run");
    assertThat(wouldWipe.get("result")).isEqualTo("placeholder");
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }
}
