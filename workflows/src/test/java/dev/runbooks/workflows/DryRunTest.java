package dev.runbooks.workflows;

import static dev.runbooks.workflows.RunbookTestEnv.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowStub;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A dry run probes for real and only records what the mutating steps would have done. */
class DryRunTest extends WorkflowTestBase {

  @Test
  @SuppressWarnings("unchecked")
  void probesRunForRealAndMutatingStepsAreOnlyRecorded() {
    http.bodies.put("circuits", "{\"open\":[\"db\"]}");
    String yaml =
        header("dry")
            + """
            steps:
              - id: list
                http: {url: "${{ inputs.base }}/json/circuits"}
                outputs:
                  open: result.body.open
              - id: reset
                http:
                  method: POST
                  url: "${{ inputs.base }}/json/reset-${{ steps.list.outputs.open[0] }}"
                outputs:
                  code: result.status
              - id: wipe
                command:
                  argv: ["rm", "-rf", "/tmp/runbook-dry-run-must-not-run"]
              - id: after
                log: "would have reset ${{ steps.list.outputs.open[0] }}"
            """;
    WorkflowStub run =
        env.start(env.publish(yaml), Map.of("base", http.url()), Map.of("dryRun", true));
    Map<String, Object> report = run.getResult(Map.class);
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(report.get("dryRun")).isEqualTo(true);
    assertThat(http.hits("/json/circuits")).isEqualTo(1);
    assertThat(http.hits("/json/reset-db")).isZero();
    assertThat(step(report, "list").get("status")).isEqualTo("succeeded");
    Map<String, Object> reset = step(report, "reset");
    assertThat(reset.get("status")).isEqualTo("dry-run");
    Map<String, Object> would =
        ((java.util.List<Map<String, Object>>) report.get("events"))
            .stream()
                .filter(e -> "wouldRun".equals(e.get("event")) && "reset".equals(e.get("step")))
                .findFirst()
                .orElseThrow();
    assertThat(would.get("kind")).isEqualTo("http");
    assertThat(((Map<String, Object>) would.get("config")).get("url"))
        .isEqualTo(http.url() + "/json/reset-db");
    assertThat(step(report, "wipe").get("status")).isEqualTo("dry-run");
    assertThat(step(report, "after").get("status")).isEqualTo("succeeded");
  }
}
