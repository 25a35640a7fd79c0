package dev.runbooks.testbed.unified;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The faults the unified system can suffer, as the seed's alerts and emergencies describe them.
 * Each is injected with JSON parameters and cleared as if its cause was fixed by hand.
 *
 * <ul>
 *   <li>{@code agent_down {agent, failStarts, reason}}: the agent's process exits; its next {@code
 *       failStarts} starts crash too (-1: every start, the agent will not come back).
 *   <li>{@code service_errors {agent, persistent}}: the agent fails its requests (health 503) and
 *       its circuit breaker opens; a restart cures it unless {@code persistent}, when the errors
 *       resume two seconds after each start. {@code agent: cloud_llm} fails the cloud LLM instead.
 *   <li>{@code memory_leak {agent, mbPerSecond, persistent}}: the agent's memory grows until it is
 *       restarted (and again after each restart when {@code persistent}).
 *   <li>{@code memory_spike {agent, mb, seconds}}: a temporary rise that settles by itself.
 *   <li>{@code vram_exhaustion {cachedMb, extraModelMb, defunctMb}}: VRAM the allocators cached (a
 *       forced cleanup frees it), a model loaded past a raised limit (lowering the limit unloads
 *       it), or memory held by a defunct process (nothing in the system frees it).
 *   <li>{@code slow_loading {agent, blocker}}: a task queued a load of {@code agent}, but its
 *       dependency {@code blocker} is not loaded, so the load waits.
 *   <li>{@code load_failure {agent, times}}: a task queued {@code agent}, whose next {@code times}
 *       loads crash (-1: all).
 *   <li>{@code port_conflict {agent, foreign}}: the agent died and a stale copy of it (or, with
 *       {@code foreign}, another program) holds its port, so it cannot start again.
 *   <li>{@code system_hang {persistent}}: every agent stops answering; a forced stop ends it unless
 *       {@code persistent}, when it comes back as soon as SystemDigitalTwin runs again.
 *   <li>{@code bad_config {}}: a new configuration version with a missing model file is deployed
 *       and the system relaunched: ModelManagerSuite crashes and its dependents never start.
 *   <li>{@code state_corruption {}}: SystemDigitalTwin is killed while saving its state, which is
 *       left truncated: it crashes on every start until {@code data/state} is cleared.
 *   <li>{@code disk_full {logsGb, otherGb}}: the disk fills with logs (log rotation frees them) or
 *       with other data (it does not).
 * </ul>
 */
final class UnifiedFaults {
  static final Set<String> NAMES =
      Set.of(
          "agent_down",
          "service_errors",
          "memory_leak",
          "memory_spike",
          "vram_exhaustion",
          "slow_loading",
          "load_failure",
          "port_conflict",
          "system_hang",
          "bad_config",
          "state_corruption",
          "disk_full");

  private final UnifiedModel model;
  final Map<String, JsonNode> active = new LinkedHashMap<>();

  UnifiedFaults(UnifiedModel model) {
    this.model = model;
  }

  void inject(String fault, JsonNode p) {
    model.refresh();
    Instant now = model.now();
    switch (fault) {
      case "agent_down" -> {
        Agent agent = model.agent(required(p, "agent"));
        agent.failStarts = p.path("failStarts").asInt(0);
        agent.failReason = p.path("reason").asText("MemoryError: killed by the OOM killer");
        if (agent.alive()) {
          agent.crash(now, agent.failReason);
        }
      }
      case "service_errors" -> {
        String name = p.path("agent").asText("ModelManagerSuite");
        if (name.equals(Breakers.CLOUD)) {
          model.breakers.cloudFailing = true;
        } else {
          Agent agent = model.agent(name);
          agent.erroring = true;
          agent.errorsPersistent = p.path("persistent").asBoolean(false);
          agent.errorsFrom = now;
        }
      }
      case "memory_leak" -> {
        Agent agent = model.agent(p.path("agent").asText("SessionMemoryAgent"));
        agent.leakMbPerSecond = p.path("mbPerSecond").asDouble(150);
        agent.leakPersistent = p.path("persistent").asBoolean(false);
        agent.leakSince = now;
        agent.log(now, "WARNING", "memory growing: cache of conversation embeddings never evicted");
      }
      case "memory_spike" -> {
        Agent agent = model.agent(p.path("agent").asText("KnowledgeBase"));
        agent.spikeMb = p.path("mb").asDouble(800);
        agent.spikeUntil = now.plusSeconds(p.path("seconds").asLong(6));
        agent.log(now, "INFO", "re-indexing the knowledge base (temporary memory use)");
      }
      case "vram_exhaustion" -> {
        boolean any = p.has("cachedMb") || p.has("extraModelMb") || p.has("defunctMb");
        model.gpu.exhaust(
            model.agents,
            p.path("cachedMb").asInt(any ? 0 : 3000),
            p.path("extraModelMb").asInt(0),
            p.path("defunctMb").asInt(0),
            40999);
      }
      case "slow_loading" -> {
        Agent blocker = model.agent(p.path("blocker").asText("ChainOfThoughtAgent"));
        if (blocker.alive()) {
          blocker.stop(now, true, "unloaded");
        }
        model.loader.enqueue(
            model.agent(p.path("agent").asText("GoTToTAgent")), now, "task reasoning");
      }
      case "load_failure" -> {
        Agent agent = model.agent(p.path("agent").asText("GoTToTAgent"));
        agent.failStarts = p.path("times").asInt(-1);
        agent.failReason = "FileNotFoundError: models/" + agent.spec.name().toLowerCase() + ".gguf";
        model.loader.enqueue(agent, now, "task");
      }
      case "port_conflict" -> {
        Agent agent = model.agent(p.path("agent").asText("MemoryClient"));
        boolean foreign = p.path("foreign").asBoolean(false);
        int port = agent.spec.port();
        int pid = agent.pid == 0 ? 40998 : agent.pid;
        if (agent.alive()) {
          agent.crash(
              now, "zmq.error.ZMQError: main loop died; worker child process still running");
        }
        model.holders.put(
            port,
            foreign
                ? new UnifiedModel.Holder(40997, "python3 -m http.server " + port, null)
                : new UnifiedModel.Holder(
                    pid, "python3 agents/" + agent.spec.name() + ".py", agent.spec.name()));
      }
      case "system_hang" -> {
        model.hung = true;
        model.hangSince = now;
        model.hangPersistent = p.path("persistent").asBoolean(false);
      }
      case "bad_config" -> {
        model.config.deployBad();
        model.stopAll(true);
        model.launchProfile(model.profile);
      }
      case "state_corruption" -> {
        model.stateFiles.corrupt();
        Agent twin = model.agent("SystemDigitalTwin");
        if (twin.alive()) {
          twin.crash(now, "killed (SIGKILL) while saving data/state/" + StateFiles.TWIN);
        }
      }
      case "disk_full" -> {
        model.disk.logsGb += p.path("logsGb").asDouble(p.has("otherGb") ? 0 : 110);
        model.disk.otherGb += p.path("otherGb").asDouble(0);
      }
      default -> throw new IllegalArgumentException("unknown fault '" + fault + "'");
    }
    active.put(fault, p.deepCopy());
    model.refresh();
  }

  void clear(String fault) {
    JsonNode p = active.remove(fault);
    if (p == null) {
      return;
    }
    model.refresh();
    Instant now = model.now();
    switch (fault) {
      case "agent_down", "load_failure" -> model.agents.values().forEach(a -> a.failStarts = 0);
      case "service_errors" -> {
        model.breakers.cloudFailing = false;
        for (Agent a : model.agents.values()) {
          a.erroring = false;
          a.errorsPersistent = false;
          if (a.status == Agent.Status.UNHEALTHY) {
            a.status = Agent.Status.RUNNING;
          }
        }
      }
      case "memory_leak" ->
          model
              .agents
              .values()
              .forEach(
                  a -> {
                    a.leakMbPerSecond = 0;
                    a.leakPersistent = false;
                  });
      case "memory_spike" -> model.agents.values().forEach(a -> a.spikeMb = 0);
      case "vram_exhaustion" -> {
        int limit = model.gpu.limitMb;
        model.gpu.reset();
        model.gpu.limit(Math.min(limit, Gpu.DEFAULT_LIMIT_MB));
      }
      case "slow_loading" ->
          model.loader.loadNow(model.agent(p.path("blocker").asText("ChainOfThoughtAgent")), now);
      case "port_conflict" -> model.holders.clear();
      case "system_hang" -> {
        model.hung = false;
        model.hangPersistent = false;
      }
      case "bad_config" -> model.config.reset();
      case "state_corruption" -> model.stateFiles.reset();
      case "disk_full" -> model.disk.reset();
      default -> {}
    }
    model.refresh();
  }

  ObjectNode view() {
    ObjectNode node = Json.object();
    active.forEach(node::set);
    return node;
  }

  private static String required(JsonNode p, String field) {
    String value = p.path(field).asText("");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("fault needs \"" + field + "\"");
    }
    return value;
  }
}
