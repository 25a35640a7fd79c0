package dev.runbooks.testbed.juggernaut;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The faults Juggernaut can be given, each imitating one of the seed's troubleshooting sections.
 * Faults that leave data behind (stuck tasks, a DLQ backlog, runaway tasks) write it into the
 * tables; clearing them fixes the cause, not the data, as fixing a cause by hand would.
 */
final class JuggernautFaults {
  static final Set<String> NAMES =
      Set.of(
          "db_credentials",
          "db_down",
          "pool_exhausted",
          "rate_limit",
          "provider_outage",
          "dlq_backlog",
          "connection_resets",
          "memory_leak",
          "runaway_task",
          "watchdog_crash",
          "redis_down",
          "watchdog_permission");

  static final List<String> TRANSIENT_REASONS =
      List.of(
          "connection reset by peer",
          "upstream request timed out after 30s",
          "openrouter API error 503: service temporarily unavailable");
  static final List<String> PERSISTENT_REASONS =
      List.of(
          "invalid API credentials (401 Unauthorized)",
          "payload validation failed: missing field 'eval_type'");

  private final Clock clock;
  private final JuggernautDb db;
  private final JuggernautProcess process;
  private final Breakers breakers;
  private final Watchdog watchdog;
  private final JuggernautWork work;
  private final JuggernautTaskRoutes tasks;
  private final Map<String, JsonNode> active = new LinkedHashMap<>();
  private int seeded;

  JuggernautFaults(
      Clock clock,
      JuggernautDb db,
      JuggernautProcess process,
      Breakers breakers,
      Watchdog watchdog,
      JuggernautWork work,
      JuggernautTaskRoutes tasks) {
    this.clock = clock;
    this.db = db;
    this.process = process;
    this.breakers = breakers;
    this.watchdog = watchdog;
    this.work = work;
    this.tasks = tasks;
  }

  Map<String, JsonNode> active() {
    return active;
  }

  /** A restart empties the connection pool: that fault is gone. */
  void restarted() {
    active.remove("pool_exhausted");
  }

  void reset() {
    active.clear();
    seeded = 0;
  }

  void inject(String fault, JsonNode p) {
    Instant now = clock.instant();
    switch (fault) {
      case "db_credentials" -> process.breakCredentials();
      case "db_down" -> process.databaseDown(true);
      case "pool_exhausted" -> process.poolExhausted(true);
      case "rate_limit" -> {
        provider(p).capacity = p.path("capacity").asDouble(120);
        for (int i = 0; i < p.path("stuck").asInt(3); i++) {
          insertTask("stuck", "Summarize market research batch", "in_progress", now, 50, 45);
        }
      }
      case "provider_outage" -> provider(p).outage = true;
      case "dlq_backlog" -> {
        backlog(p.path("transient").asInt(12), TRANSIENT_REASONS, now);
        backlog(p.path("persistent").asInt(5), PERSISTENT_REASONS, now);
      }
      case "connection_resets" -> tasks.requeueFailing(true);
      case "memory_leak" ->
          process.leak(p.path("startMb").asDouble(1600), p.path("mbPerSecond").asDouble(40));
      case "runaway_task" -> {
        int count = p.path("count").asInt(1);
        int minutes = p.path("minutes").asInt(180);
        for (int i = 0; i < count; i++) {
          work.runaway()
              .add(insertTask("runaway", "Crawl competitor sites", "in_progress", now, minutes, 1));
        }
        process.runaway(
            count * p.path("mbPerSecond").asDouble(30), p.path("startMb").asDouble(1400));
      }
      case "watchdog_crash" -> {
        watchdog.crash(p.path("reason").asText("killed by signal 9 (SIGKILL)"));
        staleHeartbeats(p, now, true);
      }
      case "redis_down" -> {
        process.redisDown(true);
        staleHeartbeats(p, now, true);
      }
      case "watchdog_permission" -> {
        db.update(
            "UPDATE worker_tool_permissions SET allowed = false"
                + " WHERE worker_id = 'WATCHDOG' AND tool_name = 'heartbeat'");
        staleHeartbeats(p, now, false);
      }
      default -> throw new IllegalArgumentException("unknown fault '" + fault + "'");
    }
    active.put(fault, p);
  }

  void clear(String fault) {
    if (active.remove(fault) == null) {
      return;
    }
    switch (fault) {
      case "db_credentials" -> process.fixDeployedCredentials();
      case "db_down" -> process.databaseDown(false);
      case "pool_exhausted" -> process.poolExhausted(false);
      case "rate_limit" -> breakers.all().values().forEach(b -> b.capacity = null);
      case "provider_outage" -> breakers.all().values().forEach(b -> b.outage = false);
      case "connection_resets" -> tasks.requeueFailing(false);
      case "memory_leak" -> process.leak(0, 0);
      case "runaway_task" -> {
        for (String id : work.runaway()) {
          db.update(
              "UPDATE governance_tasks SET status = 'failed', error_message = 'killed by hand',"
                  + " updated_at = ? WHERE id = ?",
              clock.instant(),
              id);
        }
        work.runaway().clear();
        process.runaway(0, 0);
      }
      case "watchdog_crash" -> watchdog.restart();
      case "redis_down" -> process.redisDown(false);
      case "watchdog_permission" ->
          db.update(
              "UPDATE worker_tool_permissions SET allowed = true"
                  + " WHERE worker_id = 'WATCHDOG' AND tool_name = 'heartbeat'");
      default -> {
        // dlq_backlog: the items stay; people or runbooks work them off
      }
    }
  }

  private Breakers.Breaker provider(JsonNode p) {
    String name = p.path("provider").asText("openrouter");
    Breakers.Breaker b = breakers.get(name);
    if (b == null) {
      throw new IllegalArgumentException(
          "unknown provider '" + name + "'; known: " + breakers.all().keySet());
    }
    return b;
  }

  private String insertTask(
      String kind, String title, String status, Instant now, int startedMinutes, int idleMinutes) {
    String id = String.format("task-%s-%03d", kind, ++seeded);
    db.update(
        "INSERT INTO governance_tasks (id, title, task_type, status, worker_id, created_at,"
            + " started_at, updated_at) VALUES (?, ?, 'research', ?, 'EXECUTOR', ?, ?, ?)",
        id,
        title,
        status,
        now.minus(Duration.ofMinutes(startedMinutes + 5L)),
        now.minus(Duration.ofMinutes(startedMinutes)),
        now.minus(Duration.ofMinutes(idleMinutes)));
    return id;
  }

  private void backlog(int count, List<String> reasons, Instant now) {
    for (int i = 0; i < count; i++) {
      String reason = reasons.get(i % reasons.size());
      String id =
          insertTask("dlq", "Generate weekly report " + (seeded + 1), "dead_lettered", now, 90, 60);
      db.update("UPDATE governance_tasks SET error_message = ? WHERE id = ?", reason, id);
      db.update(
          "INSERT INTO dead_letter_queue (task_id, failure_reason, created_at) VALUES (?, ?, ?)",
          id,
          reason,
          now.minus(Duration.ofMinutes(60 - i)));
    }
  }

  /** The outage has lasted a while when the alert fires: heartbeats are that old. */
  private void staleHeartbeats(JsonNode p, Instant now, boolean redisToo) {
    Instant last = now.minusSeconds(p.path("staleSeconds").asLong(600));
    db.update("UPDATE worker_registry SET last_heartbeat = ? WHERE worker_id = 'WATCHDOG'", last);
    if (redisToo) {
      watchdog.redisBeat(last);
    }
  }
}
