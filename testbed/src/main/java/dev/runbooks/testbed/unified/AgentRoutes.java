package dev.runbooks.testbed.unified;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.http.HttpError;
import dev.runbooks.testbed.http.Request;
import dev.runbooks.testbed.http.Response;
import dev.runbooks.testbed.http.Router;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The agents' endpoints. The seed reaches each agent on a port of its own ({@code
 * http://localhost:8202/health}); the testbed serves them all on one port under {@code
 * /agents/{name}/...}: the generic process control ({@code health}, {@code logs}, {@code start},
 * {@code stop}, {@code restart}) and the APIs of the LazyLoader, VRAMOptimizerAgent,
 * ModelManagerSuite, SystemDigitalTwin and RequestCoordinator. The ObservabilityHub's API is in
 * {@link HubRoutes}.
 */
final class AgentRoutes {
  /** How long a request to a hung agent waits before it times out. */
  static final Duration HANG = Duration.ofSeconds(5);

  private final UnifiedModel model;

  AgentRoutes(UnifiedModel model) {
    this.model = model;
  }

  void register(Router router) {
    router.get("/health", r -> health("ServiceRegistry"));
    router.get("/agents", this::list);
    router.get("/agents/{name}", r -> detail(r.param("name")));
    router.get("/agents/{name}/health", r -> health(r.param("name")));
    router.get("/agents/{name}/logs", this::logs);
    router.post(
        "/agents/{name}/start", r -> Response.ok(model.start(r.param("name"), "manual start")));
    router.post(
        "/agents/{name}/stop",
        r ->
            Response.ok(
                model.stop(
                    r.param("name"), r.body().path("force").asBoolean(false), "manual stop")));
    router.post("/agents/{name}/restart", r -> Response.ok(model.restart(r.param("name"))));
    router.post("/agents/LazyLoader/load", this::load);
    router.get("/agents/VRAMOptimizerAgent/vram", r -> serve("VRAMOptimizerAgent", this::gpu));
    router.post(
        "/agents/VRAMOptimizerAgent/vram/cleanup", r -> serve("VRAMOptimizerAgent", this::cleanup));
    router.post("/agents/ModelManagerSuite/vram/limit", this::limit);
    router.get(
        "/agents/ModelManagerSuite/routing/stats", r -> serve("ModelManagerSuite", this::routing));
    router.post(
        "/agents/ModelManagerSuite/routing/reset",
        r ->
            serve(
                "ModelManagerSuite",
                () -> {
                  model.routedLocal = 0;
                  model.routedCloud = 0;
                  return routing();
                }));
    router.post(
        "/agents/ModelManagerSuite/cache/clear",
        r ->
            serve("ModelManagerSuite", () -> Json.object().put("cleared_mb", model.gpu.cleanup())));
    router.post(
        "/agents/SystemDigitalTwin/memory/clear",
        r -> serve("SystemDigitalTwin", () -> Json.object().put("cleared", true)));
    router.post("/agents/RequestCoordinator/task", this::task);
  }

  /** Answers as the agent would: 503 when it is not running, a timeout when the system hangs. */
  Response serve(String agent, Supplier<ObjectNode> answer) {
    model.refresh();
    Agent a = model.agent(agent);
    if (model.hung && a.alive()) {
      return Response.status(504, Json.object().put("error", agent + " did not answer in time"))
          .delayed(HANG);
    }
    if (!a.healthy()) {
      return Response.status(
          503,
          Json.object().put("error", agent + " is not running").put("status", a.status.text()));
    }
    return Response.ok(answer.get());
  }

  private Response list(Request request) {
    model.refresh();
    Instant now = model.now();
    String status = request.query("status", "");
    List<Agent> agents =
        model.registered().stream()
            .filter(a -> status.isEmpty() || a.status.text().equals(status))
            .toList();
    if (request.query("sort", "").equals("memory")) {
      agents =
          agents.stream()
              .sorted(Comparator.comparingDouble((Agent a) -> a.memoryMb(now)).reversed())
              .toList();
    }
    ObjectNode body = Json.object();
    body.put("profile", model.profile);
    body.put("memory_mb", Math.round(model.memoryMb()));
    body.put("memory_budget_mb", model.catalog.profile(model.profile).memoryMb());
    ArrayNode list = body.putArray("agents");
    agents.forEach(a -> list.add(a.view(now)));
    return Response.ok(body);
  }

  private Response detail(String name) {
    model.refresh();
    Agent agent = model.agent(name);
    ObjectNode view = agent.view(model.now());
    view.put("in_profile", model.members().contains(name));
    view.set("unhealthy_dependencies", Json.array(model.unhealthyDependencies(agent)));
    view.set("dependents", Json.array(model.catalog.dependents(name)));
    return Response.ok(view);
  }

  private Response health(String name) {
    model.refresh();
    Agent agent = model.agent(name);
    if (model.hung && agent.alive()) {
      return Response.status(504, Json.object().put("error", name + " did not answer in time"))
          .delayed(HANG);
    }
    ObjectNode body =
        Json.object()
            .put("agent", name)
            .put("status", agent.healthy() ? "healthy" : agent.status.text());
    if (!agent.healthy()) {
      body.put("error", agent.alive() ? agent.lastError : "connection refused");
      return Response.status(503, body);
    }
    body.put("uptime_seconds", Duration.between(agent.startedAt, model.now()).toSeconds());
    if (name.equals("LazyLoader")) {
      Instant now = model.now();
      body.put("queue_size", model.loader.size());
      body.put("oldest_wait_seconds", model.loader.oldestWaitSeconds(now));
      body.set("queue", model.loader.view(now));
      body.set("blocked_on", Json.array(model.loader.blockers()));
      body.set("failing", Json.array(model.loader.failing()));
      body.put("loaded_total", model.loader.loaded);
      body.put("failures_total", model.loader.failures);
    }
    if (name.equals("ServiceRegistry")) {
      body.put("registered", model.registered().stream().filter(Agent::alive).count());
    }
    return Response.ok(body);
  }

  private Response logs(Request request) {
    model.refresh();
    Agent agent = model.agent(request.param("name"));
    int lines = Integer.parseInt(request.query("lines", "50"));
    String level = request.query("level", "");
    List<String> tail =
        agent.tail(1000).stream()
            .filter(l -> level.isEmpty() || l.contains(" " + level + " "))
            .toList();
    tail = tail.subList(Math.max(0, tail.size() - lines), tail.size());
    ObjectNode body =
        Json.object()
            .put("agent", agent.spec.name())
            .put("file", "logs/agents/" + agent.spec.name() + ".log");
    body.set("lines", Json.array(tail));
    return Response.ok(body);
  }

  private Response load(Request request) {
    String name = request.text("agent", null);
    if (name == null) {
      throw new IllegalArgumentException("body needs {\"agent\": \"AgentName\"}");
    }
    model.refresh();
    Agent agent = model.agent(name);
    return serve(
        "LazyLoader",
        () -> {
          LazyLoader.Item item = model.loader.loadNow(agent, model.now());
          model.refresh();
          ObjectNode body = Json.object().put("agent", name).put("queued", item != null);
          body.put("status", agent.status.text());
          body.set("waiting_for", Json.array(model.unhealthyDependencies(agent)));
          body.put("queue_size", model.loader.size());
          return body;
        });
  }

  private ObjectNode gpu() {
    return model.gpu.view(model.agents, model.now());
  }

  private ObjectNode cleanup() {
    int before = model.gpu.usedMb(model.agents);
    int freed = model.gpu.cleanup();
    model
        .agent("VRAMOptimizerAgent")
        .log(model.now(), "INFO", "forced VRAM cleanup freed " + freed + " MB");
    return Json.object()
        .put("freed_mb", freed)
        .put("before_mb", before)
        .put("used_mb", model.gpu.usedMb(model.agents))
        .put("total_mb", Gpu.TOTAL_MB);
  }

  private Response limit(Request request) {
    int mb = (int) request.number("limit_mb", -1);
    if (mb < 0) {
      throw new IllegalArgumentException("body needs {\"limit_mb\": <MiB>}");
    }
    return serve(
        "ModelManagerSuite",
        () -> {
          List<String> unloaded = model.gpu.limit(mb);
          model
              .agent("ModelManagerSuite")
              .log(model.now(), "INFO", "VRAM_LIMIT_MB=" + mb + ", unloaded " + unloaded);
          ObjectNode body = Json.object().put("limit_mb", mb);
          body.set("unloaded", Json.array(unloaded));
          body.put("models_mb", model.gpu.modelsMb());
          body.put("used_mb", model.gpu.usedMb(model.agents));
          return body;
        });
  }

  private ObjectNode routing() {
    long total = model.routedLocal + model.routedCloud;
    return Json.object()
        .put("local", model.routedLocal)
        .put("cloud", model.routedCloud)
        .put("total", total)
        .put("cloud_breaker", model.breakers.isOpen(Breakers.CLOUD) ? "open" : "closed");
  }

  private Response task(Request request) {
    String type = request.text("type", "");
    String name = AgentCatalog.TASK_AGENTS.get(type);
    if (name == null) {
      throw new IllegalArgumentException(
          "unknown task type '" + type + "'; types: " + AgentCatalog.TASK_AGENTS.keySet());
    }
    Response coordinator = serve("RequestCoordinator", Json::object);
    if (coordinator.status() != 200) {
      return coordinator;
    }
    Agent agent = model.agent(name);
    if (agent.healthy()) {
      boolean heavy = List.of("reasoning", "code", "learning").contains(type);
      boolean cloud = heavy && !model.breakers.isOpen(Breakers.CLOUD);
      if (cloud) {
        model.routedCloud++;
      } else {
        model.routedLocal++;
      }
      return Response.ok(
          Json.object().put("handled_by", name).put("route", cloud ? "cloud" : "local"));
    }
    if (!model.agent("LazyLoader").healthy()) {
      throw HttpError.unavailable(name + " is not loaded and the LazyLoader is not running");
    }
    model.loader.enqueue(agent, model.now(), "task " + type);
    model.refresh();
    return Response.status(
        202,
        Json.object()
            .put("queued", true)
            .put("agent", name)
            .put("queue_size", model.loader.size()));
  }
}
