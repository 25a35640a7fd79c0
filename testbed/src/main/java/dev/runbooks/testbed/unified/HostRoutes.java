package dev.runbooks.testbed.unified;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.http.HttpError;
import dev.runbooks.testbed.http.Request;
import dev.runbooks.testbed.http.Response;
import dev.runbooks.testbed.http.Router;
import java.util.List;

/**
 * What the seed does on the host rather than through an agent: {@code nvidia-smi} ({@code GET
 * /gpu}), {@code lsof -i :PORT} ({@code GET /ports/{port}}) and {@code kill} ({@code POST
 * /processes/{pid}/kill}), the profile files ({@code /profiles}), the launcher script ({@code
 * /launcher}: PROFILE, launch, pkill) and the startup configuration ({@code /config}: validate,
 * restore a backup).
 */
final class HostRoutes {
  private final UnifiedModel model;

  HostRoutes(UnifiedModel model) {
    this.model = model;
  }

  void register(Router router) {
    router.get("/gpu", r -> ok(() -> model.gpu.view(model.agents, model.now())));
    router.get("/ports/{port}", r -> ok(() -> port(Integer.parseInt(r.param("port")))));
    router.post("/processes/{pid}/kill", r -> ok(() -> kill(Integer.parseInt(r.param("pid")))));
    router.get("/profiles", r -> ok(this::profiles));
    router.get("/profiles/{name}", r -> ok(() -> profile(r.param("name"))));
    router.get("/launcher", r -> ok(this::launcher));
    router.post("/launcher/profile", r -> ok(() -> select(r)));
    router.post(
        "/launcher/launch",
        r ->
            ok(
                () -> {
                  model.launchProfile(r.text("profile", model.profile));
                  return launcher();
                }));
    router.post(
        "/launcher/stop", r -> ok(() -> model.stopAll(r.body().path("force").asBoolean(false))));
    router.get("/host/disk", r -> ok(model.disk::view));
    router.post(
        "/launcher/rotate-logs",
        r -> ok(() -> model.disk.view().put("freed_gb", model.disk.rotate())));
    router.get("/launcher/state", r -> ok(this::persisted));
    router.post(
        "/launcher/clear-state",
        r -> ok(() -> model.clearState(r.body().path("logs").asBoolean(false))));
    router.get("/config", r -> ok(model.config::view));
    router.get("/config/validate", r -> ok(this::validate));
    router.post("/config/restore", r -> ok(() -> restore(r)));
  }

  private Response ok(java.util.function.Supplier<ObjectNode> answer) {
    model.refresh();
    return Response.ok(answer.get());
  }

  private ObjectNode port(int port) {
    ObjectNode body = Json.object().put("port", port);
    ArrayNode processes = body.putArray("processes");
    for (Agent agent : model.agents.values()) {
      if (agent.alive() && (agent.spec.port() == port || agent.spec.healthPort() == port)) {
        processes
            .addObject()
            .put("pid", agent.pid)
            .put("command", "python3 agents/" + agent.spec.name() + ".py")
            .put("agent", agent.spec.name())
            .put("stale", false)
            .put("foreign", false);
      }
    }
    UnifiedModel.Holder holder = model.holders.get(port);
    if (holder != null) {
      processes
          .addObject()
          .put("pid", holder.pid())
          .put("command", holder.command())
          .put("agent", holder.agent())
          .put("stale", holder.agent() != null)
          .put("foreign", holder.agent() == null);
    }
    body.put("in_use", !processes.isEmpty());
    return body;
  }

  private ObjectNode kill(int pid) {
    for (Agent agent : model.agents.values()) {
      if (agent.alive() && agent.pid == pid) {
        model.stop(agent.spec.name(), true, "kill -9 " + pid);
        return Json.object().put("pid", pid).put("killed", agent.spec.name());
      }
    }
    for (var entry : model.holders.entrySet()) {
      if (entry.getValue().pid() == pid) {
        model.holders.remove(entry.getKey());
        return Json.object()
            .put("pid", pid)
            .put("killed", entry.getValue().command())
            .put("freed_port", entry.getKey());
      }
    }
    throw HttpError.notFound("no process " + pid);
  }

  private ObjectNode profiles() {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("profiles");
    model.catalog.profiles().values().forEach(p -> list.add(profile(p.name())));
    return body;
  }

  private ObjectNode profile(String name) {
    AgentCatalog.Profile p = model.catalog.profile(name);
    if (p == null) {
      throw HttpError.notFound(
          "no profile '" + name + "'; profiles: " + model.catalog.profileNames());
    }
    ObjectNode body = Json.object().put("name", p.name()).put("description", p.description());
    body.put("agent_count", p.agents().size());
    body.put("memory_mb", p.memoryMb());
    body.put("expected_seconds", p.expectedSeconds());
    body.set("agents", Json.array(p.agents()));
    body.set(
        "essential",
        Json.array(p.agents().stream().filter(a -> model.catalog.agent(a).essential()).toList()));
    ArrayNode phases = body.putArray("phases");
    for (List<String> phase : model.catalog.phases(p.agents())) {
      phases.add(Json.array(phase));
    }
    return body;
  }

  private ObjectNode launcher() {
    ObjectNode body = Json.object().put("profile", model.profile);
    List<String> alive =
        model.agents.values().stream().filter(Agent::alive).map(a -> a.spec.name()).toList();
    body.put("running", !alive.isEmpty());
    body.put("agents_alive", alive.size());
    body.set("launching", Json.array(model.launching));
    body.put("config_version", model.config.version(ConfigFiles.CURRENT));
    return body;
  }

  private ObjectNode persisted() {
    ObjectNode body = Json.object().put("dir", "data/state");
    body.set("files", Json.array(model.stateFiles.files()));
    String problem = model.stateFiles.twinProblem();
    body.put("valid", problem == null);
    body.put("problem", problem);
    return body;
  }

  private ObjectNode select(Request request) {
    String name = request.text("profile", null);
    if (name == null) {
      throw new IllegalArgumentException("body needs {\"profile\": \"core\"}");
    }
    model.selectProfile(name);
    return launcher();
  }

  private ObjectNode validate() {
    List<String> problems = model.config.problems();
    ObjectNode body =
        Json.object().put("file", ConfigFiles.CURRENT).put("valid", problems.isEmpty());
    body.set("problems", Json.array(problems));
    return body;
  }

  private ObjectNode restore(Request request) {
    if (model.agents.values().stream().anyMatch(Agent::alive)) {
      throw HttpError.conflict("agents are running; stop the current version before restoring");
    }
    String from = request.text("from", ConfigFiles.BACKUP);
    String before = model.config.version(ConfigFiles.CURRENT);
    model.config.restore(from);
    return Json.object()
        .put("restored_from", from)
        .put("previous_version", before)
        .put("version", model.config.version(ConfigFiles.CURRENT));
  }
}
