package dev.runbooks.testbed.juggernaut;

import dev.runbooks.testbed.http.HttpError;
import dev.runbooks.testbed.http.Request;
import dev.runbooks.testbed.http.Response;
import dev.runbooks.testbed.http.Router;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Juggernaut's operational endpoints other than tasks: {@code /health}, {@code /status}, the
 * restart, the equivalents of the seed's shell commands ({@code psql $DATABASE_URL -c "SELECT 1"},
 * {@code echo $DATABASE_URL}, {@code railway status}, {@code ps aux | grep watchdog_main.py},
 * {@code redis-cli PING/GET}, {@code tail logs/juggernaut.log}), and the circuit breaker API of
 * {@code core.circuit_breaker}.
 */
final class JuggernautRoutes {
  private final Clock clock;
  private final JuggernautProcess process;
  private final Breakers breakers;
  private final Watchdog watchdog;
  private final JuggernautLog log;
  private final JuggernautWork work;
  private final JuggernautDb db;
  private Runnable onRestart = () -> {};

  JuggernautRoutes(
      Clock clock,
      JuggernautProcess process,
      Breakers breakers,
      Watchdog watchdog,
      JuggernautLog log,
      JuggernautWork work,
      JuggernautDb db) {
    this.clock = clock;
    this.process = process;
    this.breakers = breakers;
    this.watchdog = watchdog;
    this.log = log;
    this.work = work;
    this.db = db;
  }

  /** Called after each restart of the service. */
  void onRestart(Runnable hook) {
    this.onRestart = hook;
  }

  void routes(Router r) {
    r.get("/health", this::health);
    r.get("/status", q -> Response.ok(status()));
    r.post("/ops/restart", this::restart);
    r.get("/ops/db/ping", q -> Response.ok(ping()));
    r.get("/ops/db/url", q -> Response.ok(databaseUrl()));
    r.get("/ops/platform/status", q -> Response.ok(platform()));
    r.post("/ops/platform/services/{service}/restart", this::restartService);
    r.get("/ops/processes/watchdog", q -> Response.ok(watchdog.view()));
    r.get("/ops/processes/watchdog/health", this::watchdogHealth);
    r.post("/ops/processes/watchdog/restart", this::restartWatchdog);
    r.get("/ops/redis/ping", q -> Response.ok(redisPing()));
    r.get("/ops/redis/get", this::redisGet);
    r.get("/api/logs", this::logs);
    new BreakerRoutes(breakers, log, this::budgets).routes(r);
  }

  private Response health(Request q) {
    List<String> issues = new ArrayList<>();
    Map<String, Object> body = new LinkedHashMap<>();
    String status;
    if (process.starting()) {
      status = "starting";
      issues.add("the service is starting");
    } else {
      String dbError = process.databaseError();
      double memory = process.memoryMb();
      Map<String, Object> database = new LinkedHashMap<>();
      database.put("status", dbError == null ? "ok" : "error");
      database.put("error", dbError);
      body.put("database", database);
      body.put(
          "memory",
          Map.of("rss_mb", Math.round(memory), "limit_mb", (long) JuggernautProcess.LIMIT_MB));
      Map<String, Object> states = new LinkedHashMap<>();
      breakers.all().forEach((name, b) -> states.put(name, b.state));
      body.put("circuit_breakers", states);
      body.put("watchdog", watchdogSummary(dbError == null));
      if (dbError != null) {
        issues.add("database connection failed: " + dbError);
      }
      if (memory >= JuggernautProcess.LIMIT_MB) {
        issues.add("out of memory: the service is unresponsive");
      } else if (memory >= JuggernautProcess.SLOW_MB) {
        issues.add("memory above " + (long) JuggernautProcess.SLOW_MB + " MB: responses are slow");
      }
      states.forEach(
          (name, state) -> {
            if (!"CLOSED".equals(state)) {
              issues.add("circuit breaker " + name + " is " + state);
            }
          });
      if (!watchdog.healthy()) {
        issues.add("no recent WATCHDOG heartbeat");
      }
      status =
          dbError != null || memory >= JuggernautProcess.LIMIT_MB
              ? "down"
              : issues.isEmpty() ? "ok" : "degraded";
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("status", status);
    answer.put("pid", process.pid());
    answer.put("started_at", process.startedAt().toString());
    answer.putAll(body);
    answer.put("issues", issues);
    Response response =
        Response.status(status.equals("starting") || status.equals("down") ? 503 : 200, answer);
    return process.memoryMb() >= JuggernautProcess.SLOW_MB
            && process.memoryMb() < JuggernautProcess.LIMIT_MB
        ? response.delayed(Duration.ofMillis(1500))
        : response;
  }

  private Map<String, Object> watchdogSummary(boolean databaseReachable) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("process", watchdog.running() ? "running" : "not running");
    m.put("healthy", watchdog.healthy());
    if (databaseReachable) {
      List<Map<String, Object>> rows =
          db.query("SELECT last_heartbeat FROM worker_registry WHERE worker_id = 'WATCHDOG'");
      m.put("last_heartbeat", rows.isEmpty() ? null : rows.get(0).get("last_heartbeat"));
    }
    return m;
  }

  /** The process as the supervisor sees it (answers while the service starts). */
  Map<String, Object> status() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("service", "python main.py");
    m.put("pid", process.pid());
    m.put("started_at", process.startedAt().toString());
    m.put("uptime_seconds", Duration.between(process.startedAt(), clock.instant()).toSeconds());
    m.put("starting", process.starting());
    m.put("rss_mb", Math.round(process.memoryMb()));
    m.put("memory_growth_mb_per_minute", Math.round(process.growthMbPerSecond() * 60));
    m.put("restarts", process.restarts());
    return m;
  }

  private Response restart(Request q) {
    log.info("main", "received SIGTERM, shutting down (pid " + process.pid() + ")");
    process.restart();
    work.restarted();
    onRestart.run();
    log.info("main", "Juggernaut started (pid " + process.pid() + ")");
    return Response.status(202, status());
  }

  private Map<String, Object> ping() {
    String error = process.pingError();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", "psql $DATABASE_URL -c \"SELECT 1\"");
    m.put("ok", error == null);
    m.put(
        "output", error == null ? " ?column? \n----------\n        1\n(1 row)" : "psql: " + error);
    m.put("error", error);
    return m;
  }

  private Map<String, Object> databaseUrl() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("database_url", "postgresql://juggernaut:****@" + JuggernautProcess.DATABASE_HOST);
    m.put("user", "juggernaut");
    m.put("host", JuggernautProcess.DATABASE_HOST);
    m.put("process_started_at", process.startedAt().toString());
    m.put("deployment_changed_at", process.deploymentChangedAt().toString());
    m.put("restart_pending", process.restartPending());
    return m;
  }

  private Map<String, Object> platform() {
    Map<String, Object> services = new LinkedHashMap<>();
    services.put(
        "juggernaut",
        Map.of(
            "status",
            process.starting() ? "DEPLOYING" : "SUCCESS",
            "variables_changed",
            process.restartPending()));
    services.put("postgres", Map.of("status", process.databaseDown() ? "CRASHED" : "SUCCESS"));
    services.put("redis", Map.of("status", process.redisDown() ? "CRASHED" : "SUCCESS"));
    return Map.of("project", "juggernaut", "environment", "production", "services", services);
  }

  private Response restartService(Request q) {
    switch (q.param("service")) {
      case "postgres" -> process.restartDatabase();
      case "redis" -> process.redisDown(false);
      case "juggernaut" -> {
        return restart(q);
      }
      default -> throw HttpError.notFound("no Railway service '" + q.param("service") + "'");
    }
    return Response.status(202, platform());
  }

  private Response watchdogHealth(Request q) {
    return Response.status(watchdog.healthy() ? 200 : 503, watchdog.view());
  }

  private Response restartWatchdog(Request q) {
    watchdog.restart();
    log.info("watchdog", "WATCHDOG started (python watchdog_main.py)");
    return Response.status(202, watchdog.view());
  }

  private Map<String, Object> redisPing() {
    boolean down = process.redisDown();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ok", !down);
    m.put(
        "reply",
        down
            ? "Could not connect to Redis at redis.railway.internal:6379: Connection refused"
            : "PONG");
    return m;
  }

  private Response redisGet(Request q) {
    if (process.redisDown()) {
      throw HttpError.unavailable(
          "Could not connect to Redis at redis.railway.internal:6379: Connection refused");
    }
    String key = q.query("key", "watchdog:heartbeat:WATCHDOG");
    Instant beat = key.equals("watchdog:heartbeat:WATCHDOG") ? watchdog.redisHeartbeat() : null;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", key);
    m.put("value", beat == null ? null : beat.toString());
    m.put(
        "age_seconds",
        beat == null ? null : Duration.between(beat, clock.instant()).toMillis() / 1000.0);
    return Response.ok(m);
  }

  private Response logs(Request q) {
    String level = q.query("level", null);
    Instant since =
        q.query().containsKey("since")
            ? Instant.parse(q.query("since", ""))
            : clock.instant().minusSeconds(Long.parseLong(q.query("seconds", "300")));
    List<Map<String, Object>> lines =
        log.lines(level, since, Integer.parseInt(q.query("limit", "100")));
    return Response.ok(
        Map.of("file", "logs/juggernaut.log", "count", lines.size(), "lines", lines));
  }

  /** The budgets, or none while the service cannot reach its database. */
  Map<String, Double> budgets() {
    return process.databaseError() == null ? work.budgets() : Map.of();
  }
}
