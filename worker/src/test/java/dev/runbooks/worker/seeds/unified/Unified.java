package dev.runbooks.worker.seeds.unified;

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
 * One test's view of the unified testbed system through the seed harness: faults, true state, the
 * requests the system received, alerts, runs, audit rows and the pager.
 */
final class Unified {
  final SeedHarness h;
  final String base;

  private Unified(SeedHarness h) {
    this.h = h;
    this.base = h.testbed().url("unified").toString();
  }

  /** Fresh systems on new ports; the unified system runs the core profile, all healthy. */
  static Unified fresh() {
    return new Unified(SeedHarness.get().fresh());
  }

  /** Injects a fault. */
  void inject(String fault, Map<String, ?> params) {
    JsonNode answer = h.post(base + "/admin/faults/" + fault, params);
    assertThat(answer.path("httpStatus").asInt()).as(answer.toString()).isEqualTo(200);
  }

  /** The system's true state. */
  JsonNode state() {
    return h.get(base + "/admin/state");
  }

  /** One agent's true state. */
  JsonNode agent(String name) {
    return state().path("agents").path(name);
  }

  /** A call to the system's own API (not through a runbook), such as a stop before a startup. */
  JsonNode post(String path, Map<String, ?> body) {
    return h.post(base + path, body);
  }

  /** The mutating requests the system received, oldest first, as "METHOD path". */
  List<String> requests() {
    List<String> list = new ArrayList<>();
    for (JsonNode r : h.get(base + "/admin/requests").path("requests")) {
      list.add(r.path("method").asText() + " " + r.path("path").asText());
    }
    return list;
  }

  /** The bodies of the requests to one path. */
  List<JsonNode> bodies(String method, String path) {
    List<JsonNode> list = new ArrayList<>();
    for (JsonNode r : h.get(base + "/admin/requests").path("requests")) {
      if (r.path("method").asText().equals(method) && r.path("path").asText().equals(path)) {
        list.add(r.path("body"));
      }
    }
    return list;
  }

  /** How many times the system received this request. */
  long count(String request) {
    return requests().stream().filter(request::equals).count();
  }

  /** Fires an alert and returns the one run it started. */
  String fire(String alertname, Map<String, String> labels) {
    List<String> runs = h.fire("unified", alertname, labels);
    assertThat(runs).as("runs started by " + alertname).hasSize(1);
    return runs.get(0);
  }

  /** Waits for a run to end. */
  JsonNode await(String workflowId) {
    return h.awaitRun(workflowId, Duration.ofSeconds(90));
  }

  /** The outcome of a finished run. */
  static String outcome(JsonNode run) {
    return run.path("report").path("outcome").asText();
  }

  /** The workflow id of the n-th child run a call step started. */
  static String child(String parent, String step, int n) {
    return parent + "/" + step + "/" + n;
  }

  /** The audit rows of a run's http requests that changed things, as "action path outcome". */
  List<String> httpAudit(String workflowId) {
    List<String> rows = new ArrayList<>();
    for (JsonNode row : h.audit(workflowId)) {
      String action = row.path("action").asText();
      if (action.startsWith("http.")) {
        rows.add(
            action
                + " "
                + java.net.URI.create(row.path("target").asText()).getPath()
                + " "
                + row.path("outcome").asText());
      }
    }
    return rows;
  }

  /** The audit rows of a run as "action target outcome" (the target's first word only). */
  List<String> audit(String workflowId) {
    List<String> rows = new ArrayList<>();
    for (JsonNode row : h.remediationAudit(workflowId)) {
      rows.add(
          row.path("action").asText()
              + " "
              + row.path("target").asText().split(" ")[0]
              + " "
              + row.path("outcome").asText());
    }
    return rows;
  }

  /** The pager's incidents (PagerDuty, route oncall) by dedup key. */
  JsonNode incidents() {
    return h.pager().state().path("incidents");
  }

  /** The messages posted to the engineering Slack channel (route engineering). */
  JsonNode engineering() {
    return h.pager().state().path("messages").path("engineering");
  }

  /** Waits until the system's true state satisfies a condition (a precondition, not a result). */
  JsonNode until(Predicate<JsonNode> condition, String what) {
    Instant deadline = Instant.now().plusSeconds(20);
    while (true) {
      JsonNode state = state();
      if (condition.test(state)) {
        return state;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within 20s: " + what + "; state " + state);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Whether every agent of the profile is healthy in this state. */
  static boolean allHealthy(JsonNode state, List<String> agents) {
    return agents.stream().allMatch(a -> state.path("agents").path(a).path("healthy").asBoolean());
  }

  /** The 16 agents of the core profile. */
  static final List<String> CORE =
      List.of(
          "ServiceRegistry",
          "SystemDigitalTwin",
          "ObservabilityHub",
          "LazyLoader",
          "RequestCoordinator",
          "ModelManagerSuite",
          "VRAMOptimizerAgent",
          "MemoryClient",
          "SessionMemoryAgent",
          "KnowledgeBase",
          "AudioCapture",
          "FusedAudioPreprocessor",
          "WakeWordDetector",
          "StreamingSpeechRecognition",
          "StreamingTTSAgent",
          "StreamingInterruptHandler");
}
