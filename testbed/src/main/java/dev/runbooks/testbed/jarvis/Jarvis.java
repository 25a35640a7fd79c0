package dev.runbooks.testbed.jarvis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.http.HttpError;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The imitated JARVIS process and its machine: every component, the simulation tick (features
 * called through their breakers, workers, caches, traffic) and the process lifecycle. Time comes
 * from the clock; recovery takes seconds so that tests are quick.
 */
final class Jarvis {
  static final String VERSION = "2.4.1";

  final Clock clock;
  final EventLog log = new EventLog();
  final Models models = new Models();
  final Memory memory = new Memory(models);
  final Breakers breakers = new Breakers(log);
  final TaskQueue tasks;
  final MessagesDb db = new MessagesDb();
  final RateLimits limits = new RateLimits();
  final Service service = new Service();
  boolean emergencyMode;
  boolean gpuError;
  boolean generationBug;
  double diskPercent;
  long benchmarks;
  private Path dir;
  private Instant lastTick;

  Jarvis(Clock clock, ObjectMapper json) {
    this.clock = clock;
    this.tasks = new TaskQueue(json);
  }

  /** A healthy, running JARVIS with its files in {@code dir}. */
  void reset(Path dir) {
    this.dir = dir;
    Instant now = clock.instant();
    log.clear();
    models.reset();
    models.all().forEach(m -> models.load(m, now));
    memory.reset();
    breakers.reset();
    tasks.reset(dir, now);
    db.reset();
    limits.reset();
    service.reset(dir, now);
    emergencyMode = false;
    gpuError = false;
    generationBug = false;
    diskPercent = 42;
    lastTick = now;
    log.add(now, "INFO", "jarvis", "JARVIS " + VERSION + " started (pid " + service.pid + ")");
  }

  Path dir() {
    return dir;
  }

  /** One simulation step: the features are called once each, workers work, caches grow. */
  void tick() {
    Instant now = clock.instant();
    double seconds = Math.max(0, Duration.between(lastTick, now).toMillis() / 1000.0);
    lastTick = now;
    db.tick(now);
    if (service.state == Service.State.STARTING && !now.isBefore(service.readyAt)) {
      started(now);
    }
    limits.tick(now, seconds, service.running());
    if (!service.running()) {
      return;
    }
    memory.tick(seconds, emergencyMode);
    breakers.call("model_generation", now, () -> generationError(now));
    breakers.call("imessage", now, db::error);
    breakers.call("embeddings", now, this::embeddingError);
    tasks.tick(now, emergencyMode);
    tasks.persist();
  }

  /** Why a generation fails now, or null when it works (loading the model on demand). */
  String generationError(Instant now) {
    if (gpuError) {
      return "RuntimeError: [METAL] Command buffer execution failed: Internal Error (0000000e)"
          + " - Metal assertion failed in MLX";
    }
    Models.Model model = models.get(Models.GENERATION);
    String load = ensureLoaded(model, now);
    if (load != null) {
      return load;
    }
    if (memory.availableMb(true) < Memory.MIN_AVAILABLE_MB) {
      return "GenerationTimeout: generation timed out under memory pressure ("
          + Math.round(memory.availableMb(true))
          + " MB available)";
    }
    if (generationBug) {
      return "GenerationError: IndexError: index 32768 is out of bounds for axis 0 in sampler";
    }
    return null;
  }

  private String embeddingError() {
    return ensureLoaded(models.get(Models.EMBEDDING), clock.instant());
  }

  private String ensureLoaded(Models.Model model, Instant now) {
    if (model.status.equals("error") || !model.filesOk) {
      model.status = "error";
      model.lastError = model.loadError();
      return model.lastError;
    }
    if (model.status.equals("unloaded")) {
      if (memory.availableMb(true) - model.sizeMb < Memory.MIN_AVAILABLE_MB) {
        return "MemoryError: cannot load "
            + model.name
            + " ("
            + Math.round(model.sizeMb)
            + " MB) with "
            + Math.round(memory.availableMb(true))
            + " MB available";
      }
      models.load(model, now);
      log.add(now, "INFO", "models", "Loaded " + model.name + " on demand");
    }
    return null;
  }

  private void started(Instant now) {
    service.state = Service.State.RUNNING;
    service.startedAt = now;
    service.starts++;
    tasks.load();
    memory.processStopped();
    models.all().forEach(m -> models.load(m, now));
    breakers.reset();
    emergencyMode = false;
    gpuError = false;
    log.add(now, "INFO", "jarvis", "JARVIS " + VERSION + " started (pid " + service.pid + ")");
    if (tasks.corrupted) {
      log.add(now, "ERROR", "tasks", tasks.corruption);
    }
  }

  /** {@code jarvis stop}: a graceful stop; a hung process does not stop. */
  ObjectNode stop(Instant now) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    if (service.state == Service.State.HUNG) {
      throw new HttpError(
          504,
          "jarvis did not stop within 10s: pid " + service.pid + " is not responding; kill it");
    }
    if (service.state != Service.State.STOPPED) {
      tasks.persist();
      processGone();
      service.removeLock();
      log.add(now, "INFO", "jarvis", "JARVIS stopped");
    }
    out.put("state", "stopped");
    return out;
  }

  /** {@code kill -9}: the process is gone at once and leaves its lock file behind. */
  ObjectNode kill(Instant now) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("killed", service.processes);
    if (service.processes > 0) {
      processGone();
      log.add(now, "WARNING", "supervisor", "pid " + service.pid + " killed (SIGKILL)");
    }
    return out;
  }

  private void processGone() {
    service.state = Service.State.STOPPED;
    service.processes = 0;
    memory.processStopped();
    models.unloadAll();
  }

  /** {@code jarvis start}: refused while a process or a stale lock file is there. */
  ObjectNode start(Instant now) {
    if (service.state != Service.State.STOPPED || service.processes > 0) {
      throw HttpError.conflict(
          "jarvis is already running (pid " + service.pid + ", " + service.state + ")");
    }
    if (java.nio.file.Files.exists(service.lockFile())) {
      throw HttpError.conflict(
          "stale lock file ~/.jarvis/jarvis.lock: another instance may be running; remove it"
              + " if none is");
    }
    service.pid++;
    service.processes = 1;
    service.state = Service.State.STARTING;
    service.readyAt = now.plus(Service.START_TIME);
    service.writeLock();
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("state", "starting");
    out.put("pid", service.pid);
    return out;
  }

  /** {@code jarvis restart}: a graceful stop, then a start. */
  ObjectNode restart(Instant now) {
    stop(now);
    return start(now);
  }

  /** What {@code jarvis health --json} prints. */
  ObjectNode health(Instant now) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    List<String> open = breakers.open();
    String pressure = memory.pressure(true);
    String status =
        pressure.equals("critical")
            ? "unhealthy"
            : !open.isEmpty() || pressure.equals("red") || emergencyMode || db.errorCode() != null
                ? "degraded"
                : "healthy";
    out.put("status", status);
    out.put("version", VERSION);
    out.put("uptime_seconds", Duration.between(service.startedAt, now).toSeconds());
    out.set("memory", memory.json(true));
    out.put("memory_pressure", pressure);
    out.put("emergency_mode", emergencyMode);
    ObjectNode circuits = out.putObject("circuits");
    circuits.put("open_count", open.size());
    open.forEach(circuits.putArray("open")::add);
    ObjectNode modelStates = out.putObject("models");
    models.all().forEach(m -> modelStates.put(m.name, m.status));
    ObjectNode queue = out.putObject("tasks");
    if (tasks.corrupted) {
      queue.put("queue", "corrupted");
    } else {
      queue.put("queue", "ok");
      queue.put("pending", tasks.count("pending"));
      queue.put("running", tasks.count("running"));
      queue.put("failed", tasks.count("failed"));
    }
    ObjectNode database = out.putObject("database");
    database.put("ok", db.errorCode() == null);
    database.put("error_code", db.errorCode());
    ObjectNode disk = out.putObject("disk");
    disk.put("path", "~/.jarvis");
    disk.put("used_percent", diskPercent);
    disk.put("free_gb", Math.round((100 - diskPercent) * 4.6) / 10.0);
    return out;
  }
}
