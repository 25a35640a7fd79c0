package dev.runbooks.workflows;

import static dev.runbooks.workflows.RunbookTestEnv.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Alert data through a real run: a label in a URL path stays in its segment, and a host the alert
 * chose is refused on loopback unless the runbook's targets name it.
 */
class TargetsWorkflowTest extends WorkflowTestBase {
  private static String runbook(String name, String targets) {
    return """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata: {name: %s}
        inputs:
          base: {type: string, required: true}
        %s
        triggers:
          - alertname: BreakerOpen
            inputs:
              base: ${{ alert.labels.base }}
        steps:
          - id: reset
            http:
              method: POST
              url: ${{ inputs.base }}/circuits/${{ alert.labels.circuit }}/reset
            onFailure: continue
        """
        .formatted(name, targets);
  }

  private Map<String, Object> alert() {
    return Map.of(
        "name",
        "BreakerOpen",
        "labels",
        Map.of("base", http.url(), "circuit", "../../x?injected=1"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aLabelStaysInItsPathSegmentWhenTheTargetsAllowTheHost() {
    env.publish(runbook("t-allowed", "targets: [127.0.0.1]"));

    Map<String, Object> report =
        env.start("t-allowed", Map.of("base", http.url()), Map.of("alert", alert()))
            .getResult(Map.class);

    assertThat(step(report, "reset").get("status")).isEqualTo("succeeded");
    assertThat(http.rawTargets).containsExactly("/circuits/..%2F..%2Fx%3Finjected%3D1/reset");
  }

  @Test
  @SuppressWarnings("unchecked")
  void loopbackChosenByTheAlertIsRefusedWithoutTargets() {
    env.publish(runbook("t-open", ""));

    Map<String, Object> report =
        env.start("t-open", Map.of("base", http.url()), Map.of("alert", alert()))
            .getResult(Map.class);

    Map<String, Object> error = (Map<String, Object>) step(report, "reset").get("error");
    assertThat(error.get("type")).isEqualTo("TargetDenied");
    assertThat((String) error.get("message"))
        .contains(
            "refused: 127.0.0.1 is a loopback address and the host came from alert data, denied"
                + " unless allowed explicitly (targets or runbook.targets.allow)");
    assertThat(http.rawTargets).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aPersonMayPointTheSameRunbookAtLoopback() {
    env.publish(
        runbook("t-person", "").replace("/circuits/${{ alert.labels.circuit }}/reset", "/health"));

    Map<String, Object> report =
        env.start("t-person", Map.of("base", http.url())).getResult(Map.class);

    assertThat(step(report, "reset").get("status")).isEqualTo("succeeded");
    assertThat(http.rawTargets).containsExactly("/health");
  }
}
