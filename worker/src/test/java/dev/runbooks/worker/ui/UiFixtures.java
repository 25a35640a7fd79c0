package dev.runbooks.worker.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the web page tests post and look up: alerts, the runs they start, steps, form fields. */
final class UiFixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private UiFixtures() {}

  /** An Alertmanager webhook payload (version 4) with one firing alert. */
  static ObjectNode alert(String alertname, String service, String healthUrl) {
    ObjectNode body = JSON.createObjectNode();
    body.put("version", "4").put("status", "firing").put("receiver", "runbooks");
    body.put("groupKey", "{}:{alertname=\"" + alertname + "\"}");
    ObjectNode alert = body.putArray("alerts").addObject();
    alert.put("status", "firing");
    ObjectNode labels = alert.putObject("labels");
    labels.put("alertname", alertname).put("service", service);
    labels.put("instance", "host-" + System.nanoTime());
    alert.putObject("annotations").put("health_url", healthUrl);
    alert.put("startsAt", Instant.now().minusSeconds(60).toString());
    alert.put("endsAt", "0001-01-01T00:00:00Z");
    alert.put("fingerprint", Long.toHexString(System.nanoTime()));
    return body;
  }

  /** The run an accepted alert started, once the intake dispatched it. */
  static String startedRun(UiHarness ui, JsonNode accepted) {
    long id = accepted.path("ids").path(0).asLong();
    JsonNode handled =
        ui.await(
            () -> ui.json("/api/alerts/" + id),
            alert -> !alert.path("state").asText("pending").equals("pending"),
            "alert " + id + " dispatched");
    for (JsonNode route : handled.path("routes")) {
      if (route.path("action").asText().equals("started")) {
        return ui.track(route.path("workflowId").asText());
      }
    }
    throw new AssertionError("the alert started no run: " + handled);
  }

  /** A step of a run's report by id. */
  static JsonNode step(JsonNode run, String id) {
    for (JsonNode step : run.path("report").path("steps")) {
      if (step.path("id").asText().equals(id)) {
        return step;
      }
    }
    throw new AssertionError("no step " + id + " in " + run);
  }

  static Map<String, String> form(String... pairs) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      fields.put(pairs[i], pairs[i + 1]);
    }
    return fields;
  }
}
