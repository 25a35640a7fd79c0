package dev.runbooks.testbed.jarvis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.SystemContext;
import dev.runbooks.testbed.TestbedSystem;
import dev.runbooks.testbed.http.Metrics;
import dev.runbooks.testbed.http.Router;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The imitation of JARVIS (seed 000): the assistant's API with memory, circuit breakers, task
 * queue, models, cache, rate limits and the iMessage database, simulated every 250 ms. Faults are
 * causes, not symptoms: a fault breaks a dependency and the symptoms follow (breakers open, queues
 * grow, memory climbs), and a fix works only if it removes the cause. The faults and the endpoints
 * are described in {@code docs/seeds/jarvis.md}.
 */
public final class JarvisSystem implements TestbedSystem {
  static final Duration TICK = Duration.ofMillis(250);
  private static final Set<String> FAULTS =
      Set.of(
          "memory_pressure",
          "memory_leak",
          "model_corruption",
          "gpu_error",
          "generation_bug",
          "db_lock",
          "db_permission",
          "db_corruption",
          "workers_stuck",
          "failed_tasks",
          "queue_corrupted",
          "traffic_surge",
          "abusive_client",
          "unresponsive",
          "disk_full");

  private Jarvis jarvis;
  private final Set<String> abusiveClients = new LinkedHashSet<>();
  private ScheduledFuture<?> ticking;

  @Override
  public String name() {
    return "jarvis";
  }

  @Override
  public int defaultPort() {
    return 8742;
  }

  @Override
  public void start(SystemContext context) {
    jarvis = new Jarvis(context.clock(), context.json());
    jarvis.reset(context.dataDir());
    ticking =
        context
            .scheduler()
            .scheduleAtFixedRate(
                this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tick() {
    synchronized (this) {
      try {
        jarvis.tick();
      } catch (RuntimeException e) {
        jarvis.log.add(jarvis.clock.instant(), "ERROR", "testbed", "tick failed: " + e);
      }
    }
  }

  @Override
  public void routes(Router router) {
    new CoreRoutes(jarvis).routes(router);
    new OpsRoutes(jarvis).routes(router);
  }

  @Override
  public void metrics(Metrics metrics) {
    JarvisMetrics.write(jarvis, metrics);
  }

  @Override
  public Set<String> faults() {
    return FAULTS;
  }

  @Override
  public void inject(String fault, JsonNode params) {
    Instant now = jarvis.clock.instant();
    boolean running = jarvis.service.running();
    switch (fault) {
      case "memory_pressure" ->
          jarvis.memory.cacheMb =
              jarvis.memory.cacheFor(params.path("percent").asDouble(97.5), running);
      case "memory_leak" ->
          jarvis.memory.leakMb =
              jarvis.memory.leakFor(params.path("percent").asDouble(98), running);
      case "model_corruption" ->
          jarvis.models.corrupt(params.path("model").asText(Models.GENERATION));
      case "gpu_error" -> jarvis.gpuError = true;
      case "generation_bug" -> jarvis.generationBug = true;
      case "db_lock" -> {
        jarvis.db.locked = true;
        jarvis.db.lockReleaseAt =
            params.has("releaseAfterSeconds")
                ? now.plusMillis((long) (params.path("releaseAfterSeconds").asDouble() * 1000))
                : null;
      }
      case "db_permission" -> jarvis.db.fullDiskAccess = false;
      case "db_corruption" -> jarvis.db.corrupt = true;
      case "workers_stuck" -> TaskFaults.workersStuck(jarvis.tasks, params, now);
      case "failed_tasks" -> TaskFaults.failedTasks(jarvis.tasks, params, now);
      case "queue_corrupted" -> jarvis.tasks.corrupt();
      case "traffic_surge" -> {
        int clients = params.path("clients").asInt(6);
        for (int i = 1; i <= clients; i++) {
          jarvis.limits.clients.put(
              "team-mac-" + i,
              new RateLimits.Client(
                  "team-mac-" + i,
                  params.path("generationPerMinute").asDouble(15),
                  params.path("readPerMinute").asDouble(90)));
        }
      }
      case "abusive_client" -> {
        String client = params.path("client").asText("script-7f3a");
        abusiveClients.add(client);
        jarvis.limits.clients.put(
            client,
            new RateLimits.Client(
                client,
                params.path("generationPerMinute").asDouble(600),
                params.path("readPerMinute").asDouble(1200)));
      }
      case "unresponsive" -> {
        if (running) {
          jarvis.service.state = Service.State.HUNG;
        }
      }
      case "disk_full" -> jarvis.diskPercent = params.path("percent").asDouble(92);
      default -> throw new IllegalArgumentException("unknown fault '" + fault + "'");
    }
    jarvis.log.add(now, "DEBUG", "testbed", "fault injected: " + fault + " " + params);
  }

  @Override
  public void clear(String fault) {
    Instant now = jarvis.clock.instant();
    switch (fault) {
      case "memory_pressure" ->
          jarvis.memory.cacheMb = Math.min(jarvis.memory.cacheMb, Memory.CACHE_STEADY_MB);
      case "memory_leak" -> jarvis.memory.leakMb = 0;
      case "model_corruption" ->
          jarvis.models.all().stream()
              .filter(m -> !m.filesOk)
              .forEach(
                  m -> {
                    m.filesOk = true;
                    jarvis.models.load(m, now);
                  });
      case "gpu_error" -> jarvis.gpuError = false;
      case "generation_bug" -> jarvis.generationBug = false;
      case "db_lock" -> {
        jarvis.db.locked = false;
        jarvis.db.lockReleaseAt = null;
      }
      case "db_permission" -> jarvis.db.fullDiskAccess = true;
      case "db_corruption" -> jarvis.db.corrupt = false;
      case "workers_stuck" -> jarvis.tasks.restartWorkers(now);
      case "failed_tasks" -> jarvis.tasks.change(t -> t.status.equals("failed"), null, now);
      case "queue_corrupted" -> {
        jarvis.tasks.removeFiles(false);
        jarvis.tasks.load();
      }
      case "traffic_surge" ->
          jarvis.limits.clients.keySet().removeIf(c -> c.startsWith("team-mac-"));
      case "abusive_client" -> {
        jarvis.limits.clients.keySet().removeAll(abusiveClients);
        abusiveClients.clear();
      }
      case "unresponsive" -> {
        if (jarvis.service.state == Service.State.HUNG) {
          jarvis.service.state = Service.State.RUNNING;
        }
      }
      case "disk_full" -> jarvis.diskPercent = 42;
      default -> {}
    }
  }

  @Override
  public void reset() {
    abusiveClients.clear();
    jarvis.reset(jarvis.dir());
  }

  /** The faults whose cause is present now. */
  private List<String> activeFaults() {
    Instant now = jarvis.clock.instant();
    List<String> active = new java.util.ArrayList<>();
    add(active, "memory_pressure", jarvis.memory.cacheMb > Memory.CACHE_STEADY_MB + 1);
    add(active, "memory_leak", jarvis.memory.leakMb > 0);
    add(active, "model_corruption", jarvis.models.anyCorrupt());
    add(active, "gpu_error", jarvis.gpuError);
    add(active, "generation_bug", jarvis.generationBug);
    add(active, "db_lock", jarvis.db.locked);
    add(active, "db_permission", !jarvis.db.fullDiskAccess);
    add(active, "db_corruption", jarvis.db.corrupt);
    add(
        active,
        "workers_stuck",
        jarvis.tasks.workers.stream().anyMatch(w -> w.status.equals("stuck")));
    add(active, "failed_tasks", jarvis.tasks.count("failed") > 0);
    add(active, "queue_corrupted", jarvis.tasks.corrupted);
    add(
        active,
        "traffic_surge",
        jarvis.limits.clients.keySet().stream().anyMatch(c -> c.startsWith("team-mac-")));
    add(
        active,
        "abusive_client",
        abusiveClients.stream()
            .anyMatch(
                c -> jarvis.limits.clients.containsKey(c) && !jarvis.limits.isBlocked(c, now)));
    add(active, "unresponsive", jarvis.service.state == Service.State.HUNG);
    add(active, "disk_full", jarvis.diskPercent >= 85);
    return active;
  }

  private static void add(List<String> list, String name, boolean active) {
    if (active) {
      list.add(name);
    }
  }

  @Override
  public ObjectNode state() {
    Instant now = jarvis.clock.instant();
    ObjectNode state = JsonNodeFactory.instance.objectNode();
    activeFaults().forEach(state.putArray("faults")::add);
    state.set("service", jarvis.service.status(now));
    boolean running = jarvis.service.running();
    state.set("memory", jarvis.memory.json(running));
    state.put("emergency_mode", jarvis.emergencyMode);
    state.set("models", jarvis.models.status().path("models"));
    state.set("circuits", jarvis.breakers.json().path("circuits"));
    ObjectNode tasks = state.putObject("tasks");
    tasks.put("corrupted", jarvis.tasks.corrupted);
    if (!jarvis.tasks.corrupted) {
      tasks.setAll(jarvis.tasks.stats(now));
    }
    tasks.put("queue_file", Files.exists(jarvis.tasks.file()));
    jarvis.tasks.backups().forEach(tasks.putArray("backups")::add);
    tasks.set("workers_detail", jarvis.tasks.workersJson(now).path("workers"));
    state.set("database", jarvis.db.json());
    state.set("ratelimit", jarvis.limits.json(now));
    state.put("disk_used_percent", jarvis.diskPercent);
    state.put("benchmarks", jarvis.benchmarks);
    state.put("log_files", jarvis.service.count("logs"));
    state.put("temp_files", jarvis.service.count("temp"));
    state.put(
        "cache_files", jarvis.service.count("cache") + jarvis.service.count("embedding_cache"));
    state.set("backups", jarvis.service.backups());
    return state;
  }

  @Override
  public void close() {
    if (ticking != null) {
      ticking.cancel(false);
    }
  }
}
