package dev.runbooks.testbed.juggernaut;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Juggernaut does every tick (one second): the WATCHDOG beats, the workers call their external
 * APIs through the circuit breakers (each call is a {@code tool_executions} row), and the EXECUTOR
 * picks up pending tasks and completes the ones it started. Nothing reaches the database while the
 * service cannot (database down, wrong credentials, exhausted pool): tasks then stay pending.
 */
final class JuggernautWork {
  private final Clock clock;
  private final JuggernautDb db;
  private final JuggernautProcess process;
  private final Breakers breakers;
  private final Watchdog watchdog;
  private final JuggernautLog log;
  private final Set<String> inFlight = new LinkedHashSet<>();
  private final Set<String> runaway = new LinkedHashSet<>();

  JuggernautWork(
      Clock clock,
      JuggernautDb db,
      JuggernautProcess process,
      Breakers breakers,
      Watchdog watchdog,
      JuggernautLog log) {
    this.clock = clock;
    this.db = db;
    this.process = process;
    this.breakers = breakers;
    this.watchdog = watchdog;
    this.log = log;
  }

  void reset() {
    inFlight.clear();
    runaway.clear();
  }

  /** A new process forgets what the old one had in flight (those tasks stay in_progress). */
  void restarted() {
    inFlight.clear();
  }

  /** The tasks that hold memory while they run (a runaway task fault). */
  Set<String> runaway() {
    return runaway;
  }

  /** One tick of the whole system. */
  void tick() {
    Instant now = clock.instant();
    beatWatchdog(now);
    if (process.starting()) {
      return;
    }
    String dbError = process.databaseError();
    if (dbError != null) {
      log.error("core.database", "database connection failed: " + dbError);
      return;
    }
    if (process.memoryMb() >= JuggernautProcess.LIMIT_MB) {
      log.error("main", "MemoryError: cannot allocate memory; the service is unresponsive");
      return;
    }
    Map<String, Double> budgets = budgets();
    boolean llmOk = true;
    for (String service : breakers.all().keySet()) {
      Breakers.Call call = breakers.call(service, budgets);
      String worker = Breakers.USERS.get(service).get(0);
      db.update(
          "INSERT INTO tool_executions (worker_id, tool_name, status, error_message, cost_usd)"
              + " VALUES (?, ?, ?, ?, ?)",
          worker,
          service + ".request",
          call.ok() ? "success" : "failed",
          call.error(),
          call.ok() ? 0.0012 : 0.0);
      if (!call.ok()) {
        log.error("core.tools", worker + " call failed: " + call.error());
        if (service.equals("openrouter")) {
          llmOk = false;
        }
      }
    }
    db.update(
        "UPDATE worker_registry SET last_heartbeat = ?, status = 'active'"
            + " WHERE worker_id IN ('EXECUTOR', 'ANALYST', 'STRATEGIST')",
        now);
    work(now, llmOk);
  }

  private void beatWatchdog(Instant now) {
    if (!watchdog.beating()) {
      return;
    }
    if (process.redisDown()) {
      log.error(
          "watchdog",
          "heartbeat failed: Error 111 connecting to redis.railway.internal:6379. Connection"
              + " refused.");
      return;
    }
    watchdog.redisBeat(now);
    if (process.databaseDown()) {
      return;
    }
    long allowed =
        db.count(
            "SELECT count(*) FROM worker_tool_permissions WHERE worker_id = 'WATCHDOG'"
                + " AND tool_name = 'heartbeat' AND allowed");
    if (allowed == 0) {
      log.error(
          "watchdog",
          "heartbeat not recorded: permission denied for tool 'heartbeat' (worker WATCHDOG)");
      return;
    }
    db.update(
        "UPDATE worker_registry SET last_heartbeat = ?, status = 'active'"
            + " WHERE worker_id = 'WATCHDOG'",
        now);
  }

  /** Completes the tasks started last tick and starts the pending ones. */
  private void work(Instant now, boolean llmOk) {
    if (!inFlight.isEmpty()) {
      for (String id : List.copyOf(inFlight)) {
        List<Map<String, Object>> rows =
            db.query("SELECT task_type, status FROM governance_tasks WHERE id = ?", id);
        if (rows.isEmpty() || !"in_progress".equals(rows.get(0).get("status"))) {
          inFlight.remove(id);
          continue;
        }
        if (llmOk || "evaluation".equals(rows.get(0).get("task_type"))) {
          db.update(
              "UPDATE governance_tasks SET status = 'completed', updated_at = ? WHERE id = ?",
              now,
              id);
          log.info("core.executor", "task " + id + " completed");
          inFlight.remove(id);
        }
      }
    }
    List<Map<String, Object>> started =
        db.query(
            "UPDATE governance_tasks SET status = 'in_progress', started_at = ?, updated_at = ?,"
                + " worker_id = 'EXECUTOR' WHERE status = 'pending' RETURNING id",
            now,
            now);
    for (Map<String, Object> row : started) {
      inFlight.add(String.valueOf(row.get("id")));
    }
  }

  /** The workers' daily limits from {@code worker_budgets}. */
  Map<String, Double> budgets() {
    Map<String, Double> budgets = new HashMap<>();
    for (Map<String, Object> row : db.query("SELECT worker_id, daily_limit FROM worker_budgets")) {
      budgets.put(
          String.valueOf(row.get("worker_id")), ((Number) row.get("daily_limit")).doubleValue());
    }
    return budgets;
  }
}
