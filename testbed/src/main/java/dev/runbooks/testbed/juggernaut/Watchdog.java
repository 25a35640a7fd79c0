package dev.runbooks.testbed.juggernaut;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The WATCHDOG process ({@code python watchdog_main.py}). While it runs it writes a heartbeat every
 * tick to Redis ({@code watchdog:heartbeat:WATCHDOG}) and then records it in {@code
 * worker_registry}, which needs its {@code heartbeat} permission in {@code
 * worker_tool_permissions}. So a crashed process stops both heartbeats, Redis being down stops both
 * while the process runs on, and a revoked permission stops only the database one.
 */
final class Watchdog {
  static final Duration STARTUP = Duration.ofMillis(800);
  static final Duration FRESH = Duration.ofSeconds(5);

  private final Clock clock;
  private boolean running;
  private int pid;
  private Instant startedAt;
  private Instant redisHeartbeat;
  private int restarts;
  private String exitReason;

  Watchdog(Clock clock) {
    this.clock = clock;
    reset();
  }

  void reset() {
    Instant now = clock.instant();
    running = true;
    pid = 5151;
    startedAt = now.minus(Duration.ofDays(1));
    redisHeartbeat = now;
    restarts = 0;
    exitReason = null;
  }

  /** The process dies. */
  void crash(String reason) {
    running = false;
    exitReason = reason;
  }

  /** Starts the process (again). */
  void restart() {
    running = true;
    pid += 3;
    restarts++;
    startedAt = clock.instant();
    exitReason = null;
  }

  /** Whether the process runs and has finished starting, so it beats. */
  boolean beating() {
    return running && !clock.instant().isBefore(startedAt.plus(STARTUP));
  }

  void redisBeat(Instant at) {
    redisHeartbeat = at;
  }

  Instant redisHeartbeat() {
    return redisHeartbeat;
  }

  /** Whether the Redis heartbeat is recent enough for the process to count as healthy. */
  boolean healthy() {
    return running
        && redisHeartbeat != null
        && !redisHeartbeat.plus(FRESH).isBefore(clock.instant());
  }

  boolean running() {
    return running;
  }

  Instant startedAt() {
    return startedAt;
  }

  int restarts() {
    return restarts;
  }

  /** What {@code ps aux | grep watchdog_main.py} shows, as JSON. */
  Map<String, Object> view() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("process", "python watchdog_main.py");
    m.put("running", running);
    m.put("pid", running ? pid : null);
    m.put("started_at", startedAt.toString());
    m.put("exit_reason", exitReason);
    m.put("restarts", restarts);
    m.put("redis_heartbeat", redisHeartbeat == null ? null : redisHeartbeat.toString());
    m.put("healthy", healthy());
    return m;
  }
}
