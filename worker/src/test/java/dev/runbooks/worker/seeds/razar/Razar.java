package dev.runbooks.worker.seeds.razar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the RAZAR tests share: the system's URL, faults, requests, state and run helpers. */
final class Razar {
  final SeedHarness h;
  final String base;

  private Razar(SeedHarness h) {
    this.h = h;
    this.base = h.testbed().url("razar").toString();
  }

  /** A fresh harness and RAZAR. */
  static Razar fresh() {
    return new Razar(SeedHarness.get().fresh());
  }

  JsonNode inject(String fault, Map<String, ?> params) {
    JsonNode answer = h.post(base + "/admin/faults/" + fault, params);
    if (answer.path("httpStatus").asInt() != 200) {
      throw new IllegalStateException("cannot inject " + fault + ": " + answer);
    }
    return answer;
  }

  JsonNode clear(String fault) {
    return h.delete(base + "/admin/faults/" + fault);
  }

  JsonNode state() {
    return h.get(base + "/admin/state");
  }

  JsonNode component(String name) {
    return state().path("components").path(name);
  }

  /** Starts the runtime manager's boot and waits until it ends. */
  JsonNode bootAndWait() {
    h.post(base + "/boot", Map.of());
    long until = System.currentTimeMillis() + 30_000;
    while (true) {
      JsonNode boot = h.get(base + "/boot");
      if (!boot.path("state").asText().equals("running")) {
        return boot;
      }
      if (System.currentTimeMillis() > until) {
        throw new AssertionError("boot still running: " + boot);
      }
      pause(200);
    }
  }

  /** The mutating requests the system received, as "METHOD path". */
  List<String> requests() {
    List<String> out = new ArrayList<>();
    for (JsonNode r : h.get(base + "/admin/requests").path("requests")) {
      out.add(r.path("method").asText() + " " + r.path("path").asText());
    }
    return out;
  }

  /** The components that logged component_ready, in order, from the mission log. */
  List<String> ready() {
    List<String> out = new ArrayList<>();
    for (JsonNode e : state().path("missionLog")) {
      if (e.path("event").asText().equals("component_ready")) {
        out.add(e.path("component").asText());
      }
    }
    return out;
  }

  JsonNode await(String workflowId) {
    return h.awaitRun(workflowId, Duration.ofSeconds(90));
  }

  /** A short description of a run for assertion messages. */
  static String describe(JsonNode run) {
    JsonNode report = run.path("report");
    return report.path("outcome").asText()
        + ": "
        + report.path("message").asText(run.path("error").toString())
        + " steps "
        + SeedHarness.stepsRun(run);
  }

  static String outcome(JsonNode run) {
    return run.path("report").path("outcome").asText();
  }

  /** The audit rows of a run as "action target outcome". */
  List<String> audit(String workflowId) {
    List<String> out = new ArrayList<>();
    for (JsonNode row : h.remediationAudit(workflowId)) {
      out.add(
          row.path("action").asText()
              + " "
              + row.path("target").asText()
              + " "
              + row.path("outcome").asText());
    }
    return out;
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
