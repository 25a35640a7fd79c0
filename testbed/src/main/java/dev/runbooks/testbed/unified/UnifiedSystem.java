package dev.runbooks.testbed.unified;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.SystemContext;
import dev.runbooks.testbed.TestbedSystem;
import dev.runbooks.testbed.http.Metrics;
import dev.runbooks.testbed.http.Router;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/**
 * The imitation of the unified multi-agent system (seed 001): 77 agents (24 essential, 53 optional)
 * with ports, health endpoints, dependencies, memory and VRAM; the deployment profiles core,
 * vision, learning, tutoring and full; the critical dependencies ServiceRegistry, ObservabilityHub,
 * SystemDigitalTwin and ModelManagerSuite; agents that refuse to start before their dependencies
 * are healthy; the LazyLoader queue; VRAM cleanup; circuit breakers; and a system hang. Everything
 * is served on one port (the ServiceRegistry's 7200) with per-agent endpoints under {@code
 * /agents/{name}} (see {@link AgentRoutes}, {@link HubRoutes}, {@link HostRoutes}); the faults are
 * listed on {@link UnifiedFaults}. It starts with the core profile running and healthy.
 */
public final class UnifiedSystem implements TestbedSystem {
  private UnifiedModel model;
  private UnifiedFaults faults;

  @Override
  public String name() {
    return "unified";
  }

  @Override
  public int defaultPort() {
    return 7200;
  }

  @Override
  public void start(SystemContext context) {
    model = new UnifiedModel(context.clock(), context.dataDir());
    faults = new UnifiedFaults(model);
  }

  private UnifiedModel model() {
    if (model == null) {
      throw new IllegalStateException("the unified system is not started");
    }
    return model;
  }

  @Override
  public void routes(Router router) {
    new HubRoutes(model()).register(router);
    new AgentRoutes(model()).register(router);
    new HostRoutes(model()).register(router);
  }

  @Override
  public void metrics(Metrics metrics) {
    UnifiedMetrics.write(model(), metrics);
  }

  @Override
  public Set<String> faults() {
    return UnifiedFaults.NAMES;
  }

  @Override
  public void inject(String fault, JsonNode params) {
    model();
    faults.inject(fault, params);
  }

  @Override
  public void clear(String fault) {
    model();
    faults.clear(fault);
  }

  @Override
  public void reset() {
    model().reset();
    faults.active.clear();
    deleteSnapshots();
  }

  private void deleteSnapshots() {
    Path dir = model.snapshots;
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public ObjectNode state() {
    UnifiedModel m = model();
    m.refresh();
    Instant now = m.now();
    ObjectNode state = Json.object();
    state.put("profile", m.profile);
    state.put("hung", m.hung);
    state.put("health_score", m.healthScore());
    state.put("memory_mb", Math.round(m.memoryMb()));
    ObjectNode agents = state.putObject("agents");
    for (Agent a : m.agents.values()) {
      if (a.alive() || a.starts > 0 || m.members().contains(a.spec.name())) {
        agents.set(a.spec.name(), a.view(now));
      }
    }
    state.set("gpu", m.gpu.view(m.agents, now));
    state.put("vram_cleanups", m.gpu.cleanups);
    ObjectNode breakers = state.putObject("circuit_breakers");
    m.breakers.all().values().forEach(b -> breakers.set(b.name, m.breakers.view(b)));
    ObjectNode loader = state.putObject("lazyloader");
    loader.set("queue", m.loader.view(now));
    loader.put("loaded", m.loader.loaded);
    loader.put("failures", m.loader.failures);
    state.set("config", m.config.view());
    state.set("disk", m.disk.view().put("rotations", m.disk.rotations));
    ObjectNode persisted = state.putObject("state_files");
    persisted.set("files", Json.array(m.stateFiles.files()));
    persisted.put("problem", m.stateFiles.twinProblem());
    ArrayNode holders = state.putArray("port_holders");
    m.holders.forEach(
        (port, h) ->
            holders
                .addObject()
                .put("port", port)
                .put("pid", h.pid())
                .put("command", h.command())
                .put("agent", h.agent()));
    state.set("launching", Json.array(m.launching));
    ArrayNode snapshots = state.putArray("snapshots");
    for (int i = 1; i <= m.snapshotCount; i++) {
      snapshots.add("snapshots/system_state-" + i + ".json");
    }
    state.set("faults", faults.view());
    return state;
  }
}
