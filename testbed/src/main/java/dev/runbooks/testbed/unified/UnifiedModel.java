package dev.runbooks.testbed.unified;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.http.HttpError;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The true state of the unified system: every agent process, the selected profile, the GPU, the
 * circuit breakers, the LazyLoader queue, the configuration on disk, processes that hold ports, and
 * whether the system hangs. Every operation first applies what time has done ({@link #refresh()});
 * callers hold the system's monitor.
 */
final class UnifiedModel implements LazyLoader.Host {
  /** A process that holds an agent's port although it is not that agent's live process. */
  record Holder(int pid, String command, String agent) {}

  final Clock clock;
  final AgentCatalog catalog = new AgentCatalog();
  final Map<String, Agent> agents = new LinkedHashMap<>();
  final Gpu gpu = new Gpu();
  final Breakers breakers = new Breakers();
  final LazyLoader loader = new LazyLoader();
  final Disk disk = new Disk();
  final ConfigFiles config;
  final StateFiles stateFiles;
  final Path snapshots;
  final Map<Integer, Holder> holders = new LinkedHashMap<>();
  final Set<String> launching = new LinkedHashSet<>();
  String profile;
  boolean hung;
  boolean hangPersistent;
  Instant hangSince;
  long routedLocal;
  long routedCloud;
  int snapshotCount;
  private int pids;

  UnifiedModel(Clock clock, Path dataDir) {
    this.clock = clock;
    this.config = new ConfigFiles(dataDir);
    this.stateFiles = new StateFiles(dataDir);
    this.snapshots = dataDir.resolve("snapshots");
    reset();
  }

  /** The healthy initial state: the core profile running, every agent healthy. */
  void reset() {
    agents.clear();
    catalog.agents().values().forEach(spec -> agents.put(spec.name(), new Agent(spec)));
    gpu.reset();
    breakers.reset();
    loader.reset();
    disk.reset();
    config.reset();
    stateFiles.reset();
    holders.clear();
    launching.clear();
    hung = false;
    hangPersistent = false;
    hangSince = null;
    routedLocal = 0;
    routedCloud = 0;
    snapshotCount = 0;
    pids = 41000;
    profile = "core";
    Instant now = now().minusSeconds(60);
    for (String name : members()) {
      Agent agent = agents.get(name);
      agent.start(now, ++pids, "launch_unified_profile.py, PROFILE=core");
      agent.refresh(agent.readyAt);
    }
  }

  Instant now() {
    return clock.instant();
  }

  /** Applies what time has done to every part of the system. */
  void refresh() {
    Instant now = now();
    agents.values().forEach(a -> a.refresh(now));
    for (var it = launching.iterator(); it.hasNext(); ) {
      Agent agent = agents.get(it.next());
      if (agent.alive()) {
        it.remove();
      } else if (agent.spec.dependencies().stream().allMatch(d -> agents.get(d).healthy())) {
        launch(agent, now, "launch_unified_profile.py, PROFILE=" + profile);
        it.remove();
      }
    }
    loader.refresh(now, this);
    agents.values().forEach(a -> a.refresh(now));
    boolean anyAlive = agents.values().stream().anyMatch(Agent::alive);
    breakers.refresh(now, s -> anyAlive && (hung || !agents.get(s).healthy()));
    if (hangPersistent && !hung && agents.get("SystemDigitalTwin").healthy()) {
      hung = true;
      hangSince = now;
    }
  }

  @Override
  public Agent agent(String name) {
    Agent agent = agents.get(name);
    if (agent == null) {
      throw HttpError.notFound("unknown agent '" + name + "'");
    }
    return agent;
  }

  /** The agents of the selected profile. */
  List<String> members() {
    return catalog.profile(profile).agents();
  }

  /** The agents the ServiceRegistry knows of now: the profile's and any other live one. */
  List<Agent> registered() {
    Set<String> members = new LinkedHashSet<>(members());
    return agents.values().stream()
        .filter(a -> members.contains(a.spec.name()) || a.alive())
        .toList();
  }

  List<String> unhealthyDependencies(Agent agent) {
    return agent.spec.dependencies().stream().filter(d -> !agents.get(d).healthy()).toList();
  }

  /** Starts an agent whose dependencies are healthy; refuses (409) otherwise. */
  ObjectNode start(String name, String why) {
    refresh();
    Agent agent = agent(name);
    ObjectNode result = Json.object().put("agent", name);
    if (agent.alive()) {
      return result.put("changed", false).put("status", agent.status.text());
    }
    List<String> waiting = unhealthyDependencies(agent);
    if (!waiting.isEmpty()) {
      throw HttpError.conflict(
          "cannot start " + name + " before its dependencies are healthy: " + waiting);
    }
    launch(agent, now(), why);
    return result.put("changed", true).put("status", agent.status.text()).put("pid", agent.pid);
  }

  @Override
  public void start(Agent agent, String why) {
    launch(agent, now(), why);
  }

  private void launch(Agent agent, Instant now, String why) {
    agent.start(now, ++pids, why);
    Holder holder = holders.get(agent.spec.port());
    if (holder != null) {
      agent.startFailure =
          "OSError: [Errno 98] Address already in use: port "
              + agent.spec.port()
              + " is held by pid "
              + holder.pid();
    } else if (agent.spec.name().equals("ModelManagerSuite") && !config.problems().isEmpty()) {
      agent.startFailure =
          "FileNotFoundError: " + config.modelPath() + " (from " + ConfigFiles.CURRENT + ")";
    } else if (agent.spec.name().equals("SystemDigitalTwin")) {
      agent.startFailure = stateFiles.twinProblem();
      if (agent.startFailure == null) {
        stateFiles.ensureTwin();
      }
    }
  }

  /** Stops an agent (SIGTERM, or SIGKILL when forced); a hung agent ignores SIGTERM. */
  ObjectNode stop(String name, boolean force, String why) {
    refresh();
    Agent agent = agent(name);
    ObjectNode result = Json.object().put("agent", name).put("was", agent.status.text());
    if (hung && !force && agent.alive()) {
      throw HttpError.conflict(name + " did not exit after SIGTERM (the system hangs); use force");
    }
    halt(agent, force, why);
    return result.put("status", agent.status.text());
  }

  private void halt(Agent agent, boolean force, String why) {
    agent.stop(now(), force, why);
    if (agent.spec.name().equals("ModelManagerSuite")) {
      gpu.cachedMb = 0;
    }
  }

  /** Restarts an agent: refused (409) while a dependency is unhealthy, the agent left alone. */
  ObjectNode restart(String name) {
    refresh();
    Agent agent = agent(name);
    List<String> waiting = unhealthyDependencies(agent);
    if (!waiting.isEmpty()) {
      throw HttpError.conflict(
          "cannot restart " + name + " before its dependencies are healthy: " + waiting);
    }
    String was = agent.status.text();
    halt(agent, true, "restart requested");
    launch(agent, now(), "restart requested");
    return Json.object()
        .put("agent", name)
        .put("was", was)
        .put("status", agent.status.text())
        .put("pid", agent.pid);
  }

  /** Kills every agent process (the seed's pkill; -9 when forced). */
  ObjectNode stopAll(boolean force) {
    refresh();
    List<String> alive =
        agents.values().stream().filter(Agent::alive).map(a -> a.spec.name()).toList();
    if (hung && !force && !alive.isEmpty()) {
      throw HttpError.conflict(
          alive.size() + " agents did not exit after SIGTERM (the system hangs); use force");
    }
    for (Agent agent : agents.values()) {
      halt(agent, force, force ? "pkill -9 -f unified" : "pkill -f launch_unified");
    }
    if (force) {
      holders.values().removeIf(h -> h.agent() != null);
    }
    launching.clear();
    loader.reset();
    hung = false;
    hangSince = null;
    return Json.object()
        .put("stopped", alive.size())
        .put("force", force)
        .set("agents", Json.array(alive));
  }

  /**
   * Deletes the agents' persisted state and, when asked, their logs; only while all are stopped.
   */
  ObjectNode clearState(boolean logs) {
    refresh();
    if (agents.values().stream().anyMatch(Agent::alive)) {
      throw HttpError.conflict("agents are running; stop everything before clearing their state");
    }
    ObjectNode result = Json.object();
    result.set("deleted", Json.array(stateFiles.clear()));
    if (logs) {
      agents.values().forEach(Agent::clearLog);
    }
    return result.put("logs_cleared", logs);
  }

  /** Selects the profile ({@code PROFILE=}); refused while another profile's agents run. */
  void selectProfile(String name) {
    refresh();
    if (catalog.profile(name) == null) {
      throw HttpError.notFound("no profile '" + name + "'; profiles: " + catalog.profileNames());
    }
    boolean running = agents.values().stream().anyMatch(Agent::alive);
    if (running && !name.equals(profile)) {
      throw HttpError.conflict(
          "profile " + profile + " is running; stop the system before switching to " + name);
    }
    profile = name;
  }

  /** The launcher's own start of a profile: each agent as soon as its dependencies are healthy. */
  void launchProfile(String name) {
    selectProfile(name);
    launching.addAll(members().stream().filter(n -> !agents.get(n).alive()).toList());
    refresh();
  }

  double memoryMb() {
    Instant now = now();
    return agents.values().stream().mapToDouble(a -> a.memoryMb(now)).sum();
  }

  /** How long since the agents last sent a heartbeat (all of them, in a hang). */
  double heartbeatAgeSeconds() {
    return hung ? Duration.between(hangSince, now()).toMillis() / 1000.0 : 0;
  }

  /** The share of the profile's essential agents that answer their health check (0..1). */
  double healthScore() {
    List<Agent> essential =
        members().stream().map(agents::get).filter(a -> a.spec.essential()).toList();
    if (essential.isEmpty() || hung) {
      return 0;
    }
    return (double) essential.stream().filter(Agent::healthy).count() / essential.size();
  }
}
