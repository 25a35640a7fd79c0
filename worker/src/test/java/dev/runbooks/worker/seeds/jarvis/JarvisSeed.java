package dev.runbooks.worker.seeds.jarvis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the JARVIS seed tests share: the harness with a fresh testbed, fault injection, the
 * testbed's true state and the requests JARVIS received, and the escalations that reached the
 * pager.
 */
final class JarvisSeed {
  static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

  final SeedHarness h;
  final String base;

  private JarvisSeed(SeedHarness h) {
    this.h = h;
    this.base = h.testbed().url("jarvis").toString();
  }

  /** The harness with fresh seed systems, for one test. */
  static JarvisSeed fresh() {
    return new JarvisSeed(SeedHarness.get().fresh());
  }

  /** Injects a fault into JARVIS. */
  JarvisSeed inject(String fault, Map<String, ?> params) {
    JsonNode state = h.post(base + "/admin/faults/" + fault, params);
    assertThat(state.path("httpStatus").asInt()).as(state.toString()).isEqualTo(200);
    return this;
  }

  /** JARVIS's true state ({@code GET /admin/state}). */
  JsonNode state() {
    return h.get(base + "/admin/state");
  }

  /** Waits until the state satisfies a condition (the monitoring's {@code for:} period). */
  JsonNode awaitState(String what, Predicate<JsonNode> condition) {
    Instant deadline = Instant.now().plusSeconds(20);
    while (true) {
      JsonNode state = state();
      if (condition.test(state)) {
        return state;
      }
      assertThat(Instant.now()).as("waiting for %s; state %s", what, state).isBefore(deadline);
      pause(100);
    }
  }

  /** Waits until a circuit breaker is in a state. */
  void awaitCircuit(String circuit, String breakerState) {
    awaitState(
        circuit + " " + breakerState,
        s -> s.path("circuits").path(circuit).path("state").asText().equals(breakerState));
  }

  /** Fires a JARVIS alert and returns the one run it started. */
  String fire(String alertname, Map<String, String> labels) {
    List<String> runs = h.fire("jarvis", alertname, labels);
    assertThat(runs).as("runs started by %s", alertname).hasSize(1);
    return runs.get(0);
  }

  /** Waits for a run to end and returns it. */
  JsonNode awaitRun(String workflowId) {
    return h.awaitRun(workflowId, RUN_TIMEOUT);
  }

  /** The outcome of a finished run. */
  static String outcome(JsonNode run) {
    return run.path("report").path("outcome").asText();
  }

  /** The non-GET requests JARVIS received on a path, oldest first. */
  List<JsonNode> requests(String method, String path) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode r : h.get(base + "/admin/requests").path("requests")) {
      if (r.path("method").asText().equals(method) && r.path("path").asText().equals(path)) {
        out.add(r);
      }
    }
    return out;
  }

  /** The Slack messages the engineering route posted. */
  JsonNode engineeringMessages() {
    return h.pager().state().path("messages").path("engineering");
  }

  /** The pager's incidents by dedup key. */
  JsonNode incidents() {
    return h.pager().state().path("incidents");
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
      pause(100);
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
