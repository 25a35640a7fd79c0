package dev.runbooks.testbed.unified;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One agent process of the unified system: its status, its start and crash history, its memory and
 * the faults that affect it, and its log. Status changes that depend on time (a start that
 * completes, a crash on start, errors that resume) happen in {@link #refresh(Instant)}.
 */
final class Agent {
  private static final int LOG_LINES = 200;
  private static final double LEAK_CAP_MB = 16_384;

  /** The states of an agent process. */
  enum Status {
    STOPPED,
    STARTING,
    RUNNING,
    UNHEALTHY,
    CRASHED;

    String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  final AgentSpec spec;
  Status status = Status.STOPPED;
  Instant startedAt;
  Instant readyAt;
  Instant stoppedAt;
  int pid;
  String lastError;
  int starts;
  int crashes;

  /** Crash on the next n starts; -1: on every start (the agent will not come back). */
  int failStarts;

  String failReason = "RuntimeError: agent exited during initialisation";

  /** Why the current start will fail whatever the faults say (port in use, bad config), or null. */
  String startFailure;

  double leakMbPerSecond;
  boolean leakPersistent;
  Instant leakSince;
  double spikeMb;
  Instant spikeUntil;
  boolean erroring;
  boolean errorsPersistent;
  Instant errorsFrom;
  private final Deque<String> log = new ArrayDeque<>();

  Agent(AgentSpec spec) {
    this.spec = spec;
  }

  /** Whether the agent answers its health check. */
  boolean healthy() {
    return status == Status.RUNNING;
  }

  /** Whether a process of the agent exists (it may be starting or unhealthy). */
  boolean alive() {
    return status == Status.STARTING || status == Status.RUNNING || status == Status.UNHEALTHY;
  }

  /** Starts the process; it becomes healthy (or crashes) after the agent's load time. */
  void start(Instant now, int newPid, String why) {
    status = Status.STARTING;
    startedAt = now;
    readyAt = now.plusMillis(spec.loadMillis());
    stoppedAt = null;
    pid = newPid;
    starts++;
    startFailure = null;
    log(now, "INFO", "starting (" + why + "), pid " + newPid + ", port " + spec.port());
  }

  /** Stops the process (SIGTERM, or SIGKILL when forced). */
  void stop(Instant now, boolean force, String why) {
    if (status != Status.STOPPED && status != Status.CRASHED) {
      log(now, "INFO", (force ? "killed (SIGKILL)" : "stopped (SIGTERM)") + ": " + why);
    }
    status = Status.STOPPED;
    stoppedAt = now;
    pid = 0;
    if (!leakPersistent) {
      leakMbPerSecond = 0;
    }
    spikeMb = 0;
    if (!errorsPersistent) {
      erroring = false;
    }
  }

  /** Crashes the running process now. */
  void crash(Instant now, String reason) {
    status = Status.CRASHED;
    stoppedAt = now;
    pid = 0;
    crashes++;
    lastError = reason;
    log(now, "ERROR", "process exited: " + reason);
  }

  /** Applies what time has done: a start completes or crashes, errors resume. */
  void refresh(Instant now) {
    if (status == Status.STARTING && !now.isBefore(readyAt)) {
      if (startFailure != null) {
        crash(readyAt, startFailure);
        return;
      }
      if (failStarts != 0) {
        if (failStarts > 0) {
          failStarts--;
        }
        crash(readyAt, failReason);
        return;
      }
      status = Status.RUNNING;
      log(readyAt, "INFO", "healthy after " + spec.loadMillis() + " ms");
      if (leakPersistent && leakMbPerSecond > 0) {
        leakSince = readyAt;
      }
      if (erroring && errorsPersistent) {
        errorsFrom = readyAt.plusSeconds(2);
      }
    }
    if (status == Status.RUNNING && erroring && !now.isBefore(errorsFrom)) {
      status = Status.UNHEALTHY;
      lastError = "ServiceError: requests failing (inference backend returned errors)";
      log(errorsFrom, "ERROR", lastError);
    }
  }

  /** The resident memory now, in MiB (zero when no process runs). */
  double memoryMb(Instant now) {
    if (!alive()) {
      return 0;
    }
    double mb = spec.memoryMb();
    if (leakMbPerSecond > 0 && leakSince != null && now.isAfter(leakSince)) {
      mb +=
          Math.min(
              LEAK_CAP_MB, leakMbPerSecond * Duration.between(leakSince, now).toMillis() / 1000.0);
    }
    if (spikeMb > 0 && spikeUntil != null && now.isBefore(spikeUntil)) {
      mb += spikeMb;
    }
    return mb;
  }

  /** How fast memory grows now, in MiB per minute. */
  double growthMbPerMinute(Instant now) {
    return alive() && leakSince != null && !now.isBefore(leakSince) ? leakMbPerSecond * 60 : 0;
  }

  void log(Instant at, String level, String message) {
    log.addLast(at + " " + level + " " + spec.name() + ": " + message);
    while (log.size() > LOG_LINES) {
      log.removeFirst();
    }
  }

  /** Empties the log ({@code rm -rf logs/*}). */
  void clearLog() {
    log.clear();
  }

  /** The last lines of the agent's log, oldest first. */
  List<String> tail(int lines) {
    List<String> all = List.copyOf(log);
    return all.subList(Math.max(0, all.size() - lines), all.size());
  }

  /** The agent's status as the process table and the dashboard show it. */
  ObjectNode view(Instant now) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("name", spec.name());
    node.put("status", status.text());
    node.put("healthy", healthy());
    node.put("essential", spec.essential());
    node.put("group", spec.group());
    node.put("port", spec.port());
    node.put("health_port", spec.healthPort());
    node.put("pid", pid == 0 ? null : pid);
    node.put("started_at", startedAt == null || !alive() ? null : startedAt.toString());
    node.put("memory_mb", Math.round(memoryMb(now)));
    node.put("baseline_memory_mb", spec.memoryMb());
    node.put("memory_growth_mb_per_min", Math.round(growthMbPerMinute(now)));
    node.put("vram_mb", alive() ? spec.vramMb() : 0);
    node.put("starts", starts);
    node.put("crashes", crashes);
    node.put("last_error", lastError);
    node.set("dependencies", Json.array(spec.dependencies()));
    return node;
  }
}
