package dev.runbooks.worker.seeds.miniminimoon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One MINIMINIMOON test's view of the seed harness: the fresh system's URL, faults, alerts as
 * Prometheus would fire them, the run, and the testbed's true state, requests and escalations.
 */
final class Moon {
  static final String SYSTEM = "miniminimoon";

  final SeedHarness h;
  final String base;

  private Moon(SeedHarness h) {
    this.h = h;
    this.base = h.testbed().url(SYSTEM).toString();
  }

  /** A fresh testbed (new port, so new dedup keys) for one test. */
  static Moon fresh() {
    return new Moon(SeedHarness.get().fresh());
  }

  /** Injects a fault and checks the testbed accepted it. */
  JsonNode inject(String fault, Map<String, Object> params) {
    JsonNode state = h.post(base + "/admin/faults/" + fault, params);
    assertThat(state.path("httpStatus").asInt()).as(state.toString()).isEqualTo(200);
    return state;
  }

  /** Clears a fault as if its cause was fixed by hand. */
  void clear(String fault) {
    h.delete(base + "/admin/faults/" + fault);
  }

  /** The testbed's true state. */
  JsonNode state() {
    return h.get(base + "/admin/state");
  }

  /** The data directory the system keeps its real files in. */
  Path dataDir() {
    return Path.of(state().path("data_dir").asText());
  }

  /** Fires the alert as Alertmanager would and returns the one run it started. */
  String fire(String alertname, String severity) {
    List<String> runs = h.fire(SYSTEM, alertname, Map.of("severity", severity));
    assertThat(runs).as("runs started by " + alertname).hasSize(1);
    return runs.get(0);
  }

  /** Waits for the run to close. */
  JsonNode await(String workflowId) {
    return h.awaitRun(workflowId, Duration.ofSeconds(60));
  }

  /** The outcome in the run's report. */
  static String outcome(JsonNode run) {
    return run.path("report").path("outcome").asText();
  }

  /** The mutating calls the system received for a path (optionally only some bodies). */
  List<JsonNode> requests(String path, Predicate<JsonNode> body) {
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode request : h.get(base + "/admin/requests").path("requests")) {
      if (request.path("path").asText().equals(path) && body.test(request.path("body"))) {
        found.add(request);
      }
    }
    return found;
  }

  /** The mutating calls the system received for a path. */
  List<JsonNode> requests(String path) {
    return requests(path, b -> true);
  }

  /** The Slack messages the engineering route delivered. */
  List<String> engineeringMessages() {
    List<String> texts = new ArrayList<>();
    JsonNode channel = h.pager().state().path("messages").path("engineering");
    for (JsonNode message : channel) {
      texts.add(message.path("body").path("text").asText());
    }
    return texts;
  }

  /** The PagerDuty incidents the oncall route triggered, by dedup key. */
  JsonNode incidents() {
    return h.pager().state().path("incidents");
  }

  /**
   * The audit rows of a run as "step action target outcome" lines, the target cut to its first word
   * (an escalation's target is the route name and then its endpoint).
   */
  List<String> audit(String workflowId) {
    List<String> rows = new ArrayList<>();
    for (JsonNode row : h.remediationAudit(workflowId)) {
      rows.add(
          row.path("step").asText()
              + " "
              + row.path("action").asText()
              + " "
              + row.path("target").asText().split(" ")[0]
              + " "
              + row.path("outcome").asText());
    }
    return rows;
  }

  /** Polls the testbed's state until the condition holds (at most 30 s). */
  JsonNode awaitState(Predicate<JsonNode> condition) {
    Instant deadline = Instant.now().plusSeconds(30);
    while (true) {
      JsonNode state = state();
      if (condition.test(state)) {
        return state;
      }
      assertThat(Instant.now()).as("state condition, last: " + state).isBefore(deadline);
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
