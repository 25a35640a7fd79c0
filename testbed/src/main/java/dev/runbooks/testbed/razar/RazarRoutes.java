package dev.runbooks.testbed.razar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.testbed.http.HttpError;
import dev.runbooks.testbed.http.Request;
import dev.runbooks.testbed.http.Response;
import dev.runbooks.testbed.http.Router;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * RAZAR's HTTP API: {@code /health}, the components (status, health, restart), the runtime
 * manager's boot, {@code razar_state.json}, the environment builder, the mission logger's summary
 * and log, the quarantine manager, the recovery manager's downtime cycle (shutdown, patch, resume)
 * and the dependency audit. Each is the equivalent of a command of seed 004.
 */
final class RazarRoutes {
  private final Clock clock;
  private final RazarRuntime runtime;
  private final RazarFiles files;
  private final DependencyAudit audit;
  private final Consumer<String> onRestart;

  RazarRoutes(
      Clock clock,
      RazarRuntime runtime,
      RazarFiles files,
      DependencyAudit audit,
      Consumer<String> onRestart) {
    this.clock = clock;
    this.runtime = runtime;
    this.files = files;
    this.audit = audit;
    this.onRestart = onRestart;
  }

  void routes(Router r) {
    r.get("/health", this::health);
    r.get("/components", q -> ok(Map.of("components", views())));
    r.get("/components/{name}", q -> ok(view(component(q))));
    r.get("/components/{name}/health", this::componentHealth);
    r.post("/components/{name}/restart", this::restart);
    r.get("/boot", q -> ok(runtime.boot.view()));
    r.post("/boot", q -> refreshed(Response.status(202, runtime.startBoot())));
    r.get("/state", this::state);
    r.delete("/state", q -> ok(Map.of("removed", files.deleteState())));
    r.get("/environment", q -> ok(environment()));
    r.post("/environment/rebuild", this::rebuild);
    r.get("/mission/summary", q -> ok(summary()));
    r.get("/mission/log", this::missionLog);
    r.get("/quarantine", q -> ok(quarantine()));
    r.get("/quarantine/{name}", this::quarantined);
    r.post("/quarantine/{name}", this::quarantineOne);
    r.post("/quarantine/{name}/resolve", this::resolve);
    r.get("/recovery/{name}", this::recovery);
    r.post("/recovery/{name}/shutdown", this::shutdown);
    r.post("/recovery/{name}/patch", this::patch);
    r.post("/recovery/{name}/resume", this::resume);
    r.post("/audit/dependencies", q -> ok(audit.run()));
  }

  private Response ok(Object body) {
    runtime.refresh();
    return Response.ok(body);
  }

  private Response refreshed(Response response) {
    runtime.refresh();
    return response;
  }

  private Component component(Request q) {
    runtime.refresh();
    Component c = runtime.component(q.param("name"));
    if (c == null) {
      throw HttpError.notFound(
          "no component '" + q.param("name") + "'; known: " + runtime.components.keySet());
    }
    return c;
  }

  private Map<String, Object> view(Component c) {
    return c.view(clock.instant(), RazarRuntime.STALE);
  }

  private List<Map<String, Object>> views() {
    return runtime.components.values().stream().map(this::view).toList();
  }

  private Response health(Request q) {
    runtime.refresh();
    Map<String, Object> m = new LinkedHashMap<>();
    boolean healthy = runtime.healthy();
    m.put("status", healthy ? "ok" : "degraded");
    m.put("env_hash", runtime.envHash);
    m.put("heartbeat", runtime.managerRunning ? clock.instant().toString() : null);
    m.put("manager", runtime.managerRunning ? "running" : "stopped");
    m.put("boot", runtime.boot.state);
    Map<String, Object> byName = new LinkedHashMap<>();
    for (Component c : runtime.components.values()) {
      byName.put(
          c.name,
          Map.of(
              "status", c.status,
              "priority", c.priority,
              "heartbeat_age_seconds", c.heartbeatAge(clock.instant())));
    }
    m.put("components", byName);
    return Response.status(healthy ? 200 : 503, m);
  }

  private Response componentHealth(Request q) {
    Component c = component(q);
    boolean healthy = c.healthy(clock.instant(), RazarRuntime.STALE);
    return Response.status(healthy ? 200 : 503, view(c));
  }

  private Response restart(Request q) {
    Component c = component(q);
    if (c.status.equals("quarantined")) {
      throw HttpError.conflict(c.name + " is quarantined; resolve it before starting it");
    }
    if (c.status.equals("down")) {
      throw HttpError.conflict(c.name + " is down for maintenance; resume it instead");
    }
    runtime.start(c.name, "restart");
    onRestart.accept(c.name);
    return Response.status(202, view(c));
  }

  private Response state(Request q) {
    runtime.refresh();
    JsonNode state = files.state();
    if (state == null) {
      throw HttpError.notFound("logs/razar_state.json does not exist: the next boot runs in full");
    }
    return Response.ok(state);
  }

  private Map<String, Object> environment() {
    return Map.of(
        "env_hash", runtime.envHash, "broken", runtime.envBroken, "config", "razar_env.yaml");
  }

  private Response rebuild(Request q) {
    runtime.rebuildEnvironment();
    audit.rebuilt();
    return ok(environment());
  }

  /** {@code razar.mission_logger summary}: the last successful component, and pending ones. */
  private Map<String, Object> summary() {
    Map<String, JsonNode> latest = new LinkedHashMap<>();
    String lastSuccess = null;
    for (JsonNode e : files.missionLog()) {
      String component = e.path("component").asText();
      if (component.equals("razar")) {
        continue;
      }
      latest.put(component, e);
      if (e.path("event").asText().equals("component_ready")) {
        lastSuccess = component;
      }
    }
    List<String> pending = new ArrayList<>();
    for (Component c : runtime.components.values()) {
      JsonNode e = latest.get(c.name);
      if (!c.status.equals("running")
          || (e != null && !e.path("status").asText().equals("success"))) {
        pending.add(c.name);
      }
    }
    JsonNode state = files.state();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("last_successful_component", lastSuccess);
    m.put("state_last_component", state == null ? null : state.path("last_component").asText());
    m.put("pending", pending);
    m.put("boot", runtime.boot.state);
    return m;
  }

  private Response missionLog(Request q) {
    runtime.refresh();
    List<JsonNode> entries = files.missionLog();
    String since = q.query("since", null);
    if (since != null) {
      Instant from = Instant.parse(since);
      entries =
          entries.stream()
              .filter(e -> !Instant.parse(e.path("timestamp").asText()).isBefore(from))
              .toList();
    }
    return Response.ok(Map.of("file", "logs/razar.log", "entries", entries));
  }

  private Map<String, Object> quarantine() {
    List<JsonNode> entries = new ArrayList<>();
    for (String name : runtime.components.keySet()) {
      JsonNode meta = files.quarantined(name);
      if (meta != null) {
        entries.add(meta);
      }
    }
    return Map.of("quarantined", entries, "log", files.quarantineLog());
  }

  private Response quarantined(Request q) {
    Component c = component(q);
    JsonNode meta = files.quarantined(c.name);
    if (meta == null) {
      throw HttpError.notFound(c.name + " is not in quarantine/");
    }
    return Response.ok(meta);
  }

  private Response quarantineOne(Request q) {
    Component c = component(q);
    if (c.status.equals("quarantined")) {
      return Response.ok(files.quarantined(c.name));
    }
    String reason = q.text("reason", c.lastError);
    return Response.ok(runtime.quarantine(c.name, reason, q.text("by", "operator")));
  }

  private Response resolve(Request q) {
    Component c = component(q);
    if (!c.status.equals("quarantined")) {
      throw HttpError.conflict(c.name + " is not quarantined");
    }
    String note = q.text("note", "resolved");
    files.resolve(c.name, note);
    files.mission(c.name, "info", "resolved", note);
    c.status = "stopped";
    return Response.ok(view(c));
  }

  private Response recovery(Request q) {
    Component c = component(q);
    JsonNode state = files.recovery(c.name);
    if (state == null) {
      throw HttpError.notFound("no recovery_state/" + c.name + ".json");
    }
    return Response.ok(state);
  }

  private Map<String, Object> event(String event, Object details) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event", event);
    e.put("at", clock.instant().toString());
    e.put("details", details);
    return e;
  }

  /** {@code recovery_manager.request_shutdown(name)}. */
  private Response shutdown(Request q) {
    Component c = component(q);
    if (c.status.equals("quarantined")) {
      throw HttpError.conflict(c.name + " is quarantined");
    }
    c.status = "down";
    files.mission(c.name, "info", "shutdown", q.text("reason", "maintenance"));
    return Response.ok(files.recovery(c.name, event("shutdown", q.text("reason", "maintenance"))));
  }

  /** {@code recovery_manager.apply_patch(name, info)}: only while the component is down. */
  private Response patch(Request q) {
    Component c = component(q);
    if (!c.status.equals("down")) {
      throw HttpError.conflict(c.name + " is " + c.status + "; shut it down before patching");
    }
    if (runtime.patchRejected.contains(c.name)) {
      throw new HttpError(422, "patch refused for " + c.name + ": signature check failed");
    }
    c.patched = true;
    JsonNode info = q.body().path("info");
    files.mission(c.name, "info", "patch", info.toString());
    return Response.ok(files.recovery(c.name, event("patch", info)));
  }

  /** {@code recovery_manager.resume(name)}: starts the component again. */
  private Response resume(Request q) {
    Component c = component(q);
    if (!c.status.equals("down")) {
      throw HttpError.conflict(c.name + " is " + c.status + ", not down for maintenance");
    }
    runtime.start(c.name, "resume");
    return Response.ok(files.recovery(c.name, event("resume", null)));
  }
}
