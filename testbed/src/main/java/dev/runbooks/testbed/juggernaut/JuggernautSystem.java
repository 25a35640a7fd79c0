package dev.runbooks.testbed.juggernaut;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.SystemContext;
import dev.runbooks.testbed.TestbedSystem;
import dev.runbooks.testbed.http.Metrics;
import dev.runbooks.testbed.http.Router;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The imitation of Juggernaut (seed 002): the service ({@code python main.py}) with its connection
 * pool and memory, the WATCHDOG process, Redis and PostgreSQL on Railway, circuit breakers in front
 * of the external APIs, and the tables of the seed ({@code governance_tasks}, {@code
 * dead_letter_queue}, {@code tool_executions}, {@code worker_budgets}, {@code worker_registry},
 * ...) in the testbed database, which the runbook engine reads as its {@code juggernaut}
 * datasource. The tables are created when missing and emptied and reseeded on start and reset.
 *
 * <p>Faults: {@code db_credentials}, {@code db_down}, {@code pool_exhausted} (database connection
 * issues), {@code rate_limit} (429s that open breakers and leave tasks stuck), {@code
 * provider_outage}, {@code dlq_backlog} (transient and persistent failure reasons), {@code
 * connection_resets} (re-enqueued tasks are refused), {@code memory_leak}, {@code runaway_task} (a
 * long-running task that holds memory), {@code watchdog_crash}, {@code redis_down} and {@code
 * watchdog_permission} (WATCHDOG heartbeats stop). See {@code docs/seeds/juggernaut.md}.
 */
public final class JuggernautSystem implements TestbedSystem {
  private Clock clock = Clock.systemUTC();
  private ObjectMapper json = new ObjectMapper();
  private JuggernautDb db;
  private JuggernautProcess process;
  private Breakers breakers;
  private Watchdog watchdog;
  private JuggernautLog log;
  private JuggernautWork work;
  private JuggernautTaskRoutes tasks;
  private JuggernautRoutes ops;
  private JuggernautFaults faults;
  private ScheduledFuture<?> ticking;
  private boolean closed;

  @Override
  public String name() {
    return "juggernaut";
  }

  @Override
  public int defaultPort() {
    return 8300;
  }

  @Override
  public void start(SystemContext context) {
    clock = context.clock();
    json = context.json();
    db = new JuggernautDb(context.database().dataSource());
    db.create();
    process = new JuggernautProcess(clock);
    breakers = new Breakers(clock);
    watchdog = new Watchdog(clock);
    log = new JuggernautLog(clock, context.dataDir());
    work = new JuggernautWork(clock, db, process, breakers, watchdog, log);
    tasks = new JuggernautTaskRoutes(clock, db, process, work, log);
    ops = new JuggernautRoutes(clock, process, breakers, watchdog, log, work, db);
    faults = new JuggernautFaults(clock, db, process, breakers, watchdog, work, tasks);
    ops.onRestart(faults::restarted);
    reset();
    ticking =
        context.scheduler().scheduleWithFixedDelay(this::tick, 1000, 1000, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    synchronized (this) {
      if (closed) {
        return;
      }
      try {
        work.tick();
      } catch (RuntimeException e) {
        log.error("testbed", "tick failed: " + e);
      }
    }
  }

  @Override
  public void routes(Router router) {
    ops.routes(router);
    tasks.routes(router);
  }

  @Override
  public void metrics(Metrics m) {
    String dbError = process.databaseError();
    boolean up =
        !process.starting() && dbError == null && process.memoryMb() < JuggernautProcess.LIMIT_MB;
    m.gauge("juggernaut_up", "Whether the service answers its health check.", up ? 1 : 0);
    m.gauge(
        "juggernaut_database_up",
        "Whether the service can use its database.",
        dbError == null ? 1 : 0);
    m.gauge(
        "juggernaut_process_resident_memory_bytes",
        "Resident memory of python main.py.",
        process.memoryMb() * 1024 * 1024);
    m.gauge(
        "juggernaut_process_start_time_seconds",
        "When the service last started.",
        process.startedAt().getEpochSecond());
    m.gauge("juggernaut_watchdog_up", "Whether watchdog_main.py runs.", watchdog.running() ? 1 : 0);
    breakers
        .all()
        .forEach(
            (name, b) ->
                m.gauge(
                    "juggernaut_circuit_breaker_open",
                    "Whether a circuit breaker is open (1) or half open (0.5).",
                    Map.of("service", name),
                    switch (b.state) {
                      case "OPEN" -> 1;
                      case "HALF_OPEN" -> 0.5;
                      default -> 0;
                    }));
    breakers
        .all()
        .forEach(
            (name, b) -> {
              b.calls.forEach(
                  (code, n) ->
                      m.counter(
                          "juggernaut_api_requests_total",
                          "Calls to external APIs by status code (0: rejected by the breaker).",
                          Map.of("provider", name, "code", code),
                          n));
            });
    if (process.databaseDown()) {
      return;
    }
    for (Map<String, Object> row :
        db.query(
            "SELECT extract(epoch FROM now() - last_heartbeat) AS age FROM worker_registry"
                + " WHERE worker_id = 'WATCHDOG'")) {
      m.gauge(
          "juggernaut_watchdog_heartbeat_age_seconds",
          "Age of the WATCHDOG heartbeat in worker_registry.",
          ((Number) row.get("age")).doubleValue());
    }
    for (Map<String, Object> row :
        db.query("SELECT status, count(*) AS n FROM governance_tasks GROUP BY status")) {
      m.gauge(
          "juggernaut_tasks",
          "Tasks by status.",
          Map.of("status", String.valueOf(row.get("status"))),
          ((Number) row.get("n")).doubleValue());
    }
    m.gauge(
        "juggernaut_tasks_stuck",
        "Tasks in progress without an update for 30 minutes.",
        db.count(
            "SELECT count(*) FROM governance_tasks WHERE status = 'in_progress'"
                + " AND updated_at < now() - interval '30 minutes'"));
    m.gauge(
        "juggernaut_tasks_long_running",
        "Tasks in progress for more than two hours.",
        db.count(
            "SELECT count(*) FROM governance_tasks WHERE status = 'in_progress'"
                + " AND started_at < now() - interval '2 hours'"));
    for (Map<String, Object> row :
        db.query("SELECT status, count(*) AS n FROM dead_letter_queue GROUP BY status")) {
      m.gauge(
          "juggernaut_dlq_items",
          "Dead letter queue items by status.",
          Map.of("status", String.valueOf(row.get("status"))),
          ((Number) row.get("n")).doubleValue());
    }
  }

  @Override
  public Set<String> faults() {
    return JuggernautFaults.NAMES;
  }

  @Override
  public void inject(String fault, JsonNode params) {
    faults.inject(fault, params);
    log.warn("testbed", "fault injected: " + fault + " " + params);
  }

  @Override
  public void clear(String fault) {
    faults.clear(fault);
  }

  @Override
  public void reset() {
    db.reseed(clock.instant());
    process.reset();
    breakers.reset();
    watchdog.reset();
    work.reset();
    tasks.reset();
    faults.reset();
    log.reset();
    log.info("main", "Juggernaut started (pid " + process.pid() + ")");
  }

  @Override
  public ObjectNode state() {
    ObjectNode state = json.createObjectNode();
    state.set("process", json.valueToTree(ops.status()));
    Map<String, Object> database = new LinkedHashMap<>();
    database.put("error", process.databaseError());
    database.put("serverDown", process.databaseDown());
    database.put("poolExhausted", process.poolExhausted());
    database.put("runningPasswordWrong", process.runningPasswordWrong());
    database.put("deployedPasswordWrong", process.deployedPasswordWrong());
    database.put("restartPending", process.restartPending());
    state.set("database", json.valueToTree(database));
    state.put("redisDown", process.redisDown());
    state.set(
        "breakers",
        json.valueToTree(
            breakers.all().values().stream().map(b -> breakers.view(b, Map.of())).toList()));
    state.set("watchdog", json.valueToTree(watchdog.view()));
    state.put("memoryMb", Math.round(process.memoryMb()));
    state.set("runawayTasks", json.valueToTree(List.copyOf(work.runaway())));
    state.put("requeueFailing", tasks.requeueFailing());
    state.set("faults", json.valueToTree(faults.active()));
    state.put("logFile", log.file().toString());
    if (!process.databaseDown()) {
      state.set(
          "tables",
          json.valueToTree(
              Map.of(
                  "tasks",
                  db.query("SELECT status, count(*) AS n FROM governance_tasks GROUP BY status"),
                  "dlq",
                  db.query("SELECT status, count(*) AS n FROM dead_letter_queue GROUP BY status"),
                  "budgets",
                  db.query("SELECT worker_id, daily_limit FROM worker_budgets ORDER BY 1"))));
    }
    return state;
  }

  @Override
  public void close() {
    closed = true;
    if (ticking != null) {
      ticking.cancel(false);
    }
  }
}
