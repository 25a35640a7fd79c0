package dev.runbooks.worker.seeds.jarvis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import dev.runbooks.worker.seeds.SeedSystem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the JARVIS seed tests share beyond {@link SeedSystem}: circuit breakers, audit rows by
 * action and approvals by step.
 */
final class JarvisSeed extends SeedSystem {
  private JarvisSeed() {
    super("jarvis", Duration.ofSeconds(120));
  }

  /** The harness with fresh seed systems, for one test. */
  static JarvisSeed fresh() {
    return new JarvisSeed();
  }

  @Override
  public JarvisSeed inject(String fault, Map<String, ?> params) {
    super.inject(fault, params);
    return this;
  }

  /** Waits until a circuit breaker is in a state. */
  void awaitCircuit(String circuit, String breakerState) {
    awaitState(
        s -> s.path("circuits").path(circuit).path("state").asText().equals(breakerState),
        circuit + " " + breakerState);
  }

  /** The audit rows of a run with this action. */
  List<JsonNode> audit(String workflowId, String action) {
    return h.audit(workflowId).stream()
        .filter(row -> row.path("action").asText().equals(action))
        .toList();
  }

  /** Waits until a run waits for a person on a given approval step. */
  void awaitApproval(String workflowId, String step) {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      JsonNode run = h.run(workflowId);
      for (JsonNode waiting : run.path("status").path("waiting")) {
        if (waiting.path("step").asText().equals(step)
            && waiting.path("kind").asText().equals("approval")) {
          return;
        }
      }
      assertThat(run.path("executionStatus").asText())
          .as("run %s ended before approval %s: %s", workflowId, step, run)
          .isIn("running", "");
      assertThat(Instant.now()).as("waiting for approval %s: %s", step, run).isBefore(deadline);
      SeedHarness.pause(100);
    }
  }
}
