package dev.runbooks.testbed.unified;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.http.Response;
import dev.runbooks.testbed.http.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The ObservabilityHub's API (port 9000 in the seed), under {@code /agents/ObservabilityHub}: the
 * health summary, the dashboard, the circuit breakers and the debug state. The hub aggregates what
 * the agents report, so it still answers while the other agents hang.
 */
final class HubRoutes {
  private static final String HUB = "/agents/ObservabilityHub";

  private final UnifiedModel model;

  HubRoutes(UnifiedModel model) {
    this.model = model;
  }

  void register(Router router) {
    router.get(HUB + "/health/summary", r -> hub(this::summary));
    router.get(HUB + "/dashboard", r -> hub(this::dashboard));
    router.get(HUB + "/circuit_breakers", r -> hub(model.breakers::list));
    router.get(
        HUB + "/circuit_breakers/{name}", r -> hub(() -> model.breakers.view(r.param("name"))));
    router.post(
        HUB + "/circuit_breakers/{name}/reset",
        r -> hub(() -> model.breakers.reset(r.param("name"), model.now())));
    router.get(HUB + "/debug/state", r -> hub(this::debugState));
    router.post(HUB + "/debug/snapshots", r -> hub(this::snapshot));
  }

  private Response hub(Supplier<ObjectNode> answer) {
    model.refresh();
    Agent hub = model.agent("ObservabilityHub");
    if (!hub.healthy()) {
      return Response.status(
          503,
          Json.object()
              .put("error", "ObservabilityHub is not running")
              .put("status", hub.status.text()));
    }
    return Response.ok(answer.get());
  }

  /** The seed's {@code /health/summary}: the essential agents, resources and health score. */
  ObjectNode summary() {
    ObjectNode body = Json.object();
    List<Agent> essential =
        model.members().stream().map(model.agents::get).filter(a -> a.spec.essential()).toList();
    List<String> down =
        essential.stream().filter(a -> !a.healthy()).map(a -> a.spec.name()).toList();
    body.put("profile", model.profile);
    body.put("system_health_score", Math.round(model.healthScore() * 1000) / 1000.0);
    body.put("essential_total", essential.size());
    body.put("essential_healthy", essential.size() - down.size());
    body.set("essential_down", Json.array(down));
    body.put("agents_running", model.agents.values().stream().filter(Agent::alive).count());
    body.put("memory_mb", Math.round(model.memoryMb()));
    body.put("memory_budget_mb", model.catalog.profile(model.profile).memoryMb());
    int used = model.gpu.usedMb(model.agents);
    body.put("vram_used_mb", used);
    body.put("vram_used_percent", Math.round(1000.0 * used / Gpu.TOTAL_MB) / 10.0);
    body.set(
        "open_breakers",
        Json.array(
            model.breakers.all().values().stream()
                .filter(b -> b.state.equals("open"))
                .map(b -> b.name)
                .toList()));
    body.put("lazyloader_queue_size", model.loader.size());
    body.put("heartbeat_age_seconds", model.heartbeatAgeSeconds());
    body.put(
        "unresponsive_agents",
        model.hung ? model.agents.values().stream().filter(Agent::alive).count() : 0);
    body.put("config_version", model.config.version(ConfigFiles.CURRENT));
    return body;
  }

  private ObjectNode dashboard() {
    ObjectNode body = summary();
    Instant now = model.now();
    ArrayNode agents = body.putArray("agents");
    model.registered().forEach(a -> agents.add(a.view(now)));
    return body;
  }

  /** Everything the hub knows, for the seed's {@code curl .../debug/state > system_state.json}. */
  ObjectNode debugState() {
    Instant now = model.now();
    ObjectNode body = Json.object();
    body.put("captured_at", now.toString());
    body.set("summary", summary());
    body.put("hung", model.hung);
    ArrayNode stuck = body.putArray("stuck_threads");
    if (model.hung) {
      model.agents.values().stream()
          .filter(Agent::alive)
          .forEach(
              a ->
                  stuck
                      .addObject()
                      .put("agent", a.spec.name())
                      .put("thread", "MainThread")
                      .put("waiting_on", "SystemDigitalTwin state lock (zmq REQ, no reply)"));
    }
    ArrayNode agents = body.putArray("agents");
    model.registered().forEach(a -> agents.add(a.view(now)));
    body.set("gpu", model.gpu.view(model.agents, now));
    body.set("circuit_breakers", model.breakers.list().get("circuits"));
    body.set("lazyloader_queue", model.loader.view(now));
    return body;
  }

  private ObjectNode snapshot() {
    ObjectNode state = debugState();
    model.snapshotCount++;
    Path file = model.snapshots.resolve("system_state-" + model.snapshotCount + ".json");
    String text = state.toPrettyString();
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Json.object()
        .put("file", "snapshots/" + file.getFileName())
        .put("bytes", text.length())
        .put("hung", model.hung)
        .put("agents", state.path("agents").size());
  }
}
