package dev.runbooks.testbed.jarvis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.http.HttpError;
import dev.runbooks.testbed.http.Request;
import dev.runbooks.testbed.http.Response;
import dev.runbooks.testbed.http.Router;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operational endpoints behind the {@code jarvis} command line: the task queue and its workers,
 * rate limits and client blocks ({@code /api/admin/...}: the seed's {@code /admin/...}, moved
 * because the testbed keeps {@code /admin/} for fault injection), the process (start, stop, kill,
 * restart, cleanup), backups, log cleanup and the benchmark. The process endpoints are the
 * supervisor's and answer while JARVIS is down.
 */
final class OpsRoutes {
  private final Jarvis jarvis;

  OpsRoutes(Jarvis jarvis) {
    this.jarvis = jarvis;
  }

  void routes(Router router) {
    router.get("/tasks/stats", CoreRoutes.up(jarvis, r -> stats()));
    router.get("/tasks", CoreRoutes.up(jarvis, this::list));
    router.post("/tasks/cancel", CoreRoutes.up(jarvis, this::cancel));
    router.post("/tasks/clear", CoreRoutes.up(jarvis, this::clear));
    router.post("/tasks/clear-completed", CoreRoutes.up(jarvis, this::clearCompleted));
    router.post("/tasks/queue/backup", r -> backupQueue());
    router.post("/tasks/queue/reset", this::resetQueue);
    router.get("/workers", CoreRoutes.up(jarvis, r -> Response.ok(queue().workersJson(now()))));
    router.post("/workers/restart", CoreRoutes.up(jarvis, r -> restartWorkers()));
    router.get("/api/admin/ratelimit", CoreRoutes.up(jarvis, r -> rateLimits()));
    router.post("/api/admin/ratelimit", CoreRoutes.up(jarvis, this::setRateLimits));
    router.post("/api/admin/block", CoreRoutes.up(jarvis, this::block));
    router.get("/service/status", r -> Response.ok(jarvis.service.status(now())));
    router.post("/service/stop", r -> Response.ok(jarvis.stop(now())));
    router.post("/service/kill", r -> Response.ok(jarvis.kill(now())));
    router.post("/service/start", r -> Response.status(202, jarvis.start(now())));
    router.post("/service/restart", r -> Response.status(202, jarvis.restart(now())));
    router.post("/service/cleanup", this::cleanup);
    router.post("/backups", r -> backup());
    router.get("/backups", r -> Response.ok(Map.of("backups", jarvis.service.backups())));
    router.post("/logs/cleanup", this::cleanupLogs);
    router.post("/benchmark", CoreRoutes.up(jarvis, this::benchmark));
  }

  /** Parses {@code 45s}, {@code 30m}, {@code 1h}, {@code 7d} or a number of seconds. */
  static Duration duration(String text) {
    String t = text.strip();
    if (t.matches("[0-9]+")) {
      return Duration.ofSeconds(Long.parseLong(t));
    }
    if (!t.matches("[0-9]+[smhd]")) {
      throw new IllegalArgumentException("duration '" + text + "': use 45s, 30m, 1h or 7d");
    }
    long n = Long.parseLong(t.substring(0, t.length() - 1));
    return switch (t.charAt(t.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private Instant now() {
    return jarvis.clock.instant();
  }

  private TaskQueue queue() {
    TaskQueue q = jarvis.tasks;
    if (q.corrupted) {
      throw new HttpError(500, q.corruption);
    }
    return q;
  }

  private Response stats() {
    TaskQueue q = jarvis.tasks;
    if (q.corrupted) {
      return Response.status(
          500,
          Map.of("error", q.corruption, "error_code", "QUEUE_CORRUPTED", "queue", "corrupted"));
    }
    return Response.ok(q.stats(now()));
  }

  private Response list(Request r) {
    return Response.ok(
        Map.of(
            "tasks",
            queue()
                .list(
                    r.query("status", null),
                    !r.query("sort", "oldest").equals("newest"),
                    Integer.parseInt(r.query("limit", "20")))));
  }

  private Response cancel(Request r) {
    JsonNode body = r.body();
    String status = r.text("status", "pending");
    Instant cutoff =
        body.has("older_than") ? now().minus(duration(r.text("older_than", "0"))) : null;
    Set<String> types = new HashSet<>();
    body.path("types").forEach(t -> types.add(t.asText()));
    Set<Long> ids = new HashSet<>();
    body.path("ids").forEach(t -> ids.add(t.asLong()));
    List<Long> cancelled =
        queue()
            .change(
                t ->
                    t.status.equals(status)
                        && (cutoff == null || t.createdAt.isBefore(cutoff))
                        && (types.isEmpty() || types.contains(t.type))
                        && (ids.isEmpty() || ids.contains(t.id)),
                "cancelled",
                now());
    return Response.ok(Map.of("cancelled", cancelled.size(), "ids", cancelled));
  }

  private Response clear(Request r) {
    String status = r.text("status", "failed");
    boolean exceeded = r.body().path("max_retries_exceeded").asBoolean(false);
    List<Long> cleared =
        queue()
            .change(
                t -> t.status.equals(status) && (!exceeded || t.retries >= t.maxRetries),
                null,
                now());
    return Response.ok(Map.of("cleared", cleared.size()));
  }

  private Response clearCompleted(Request r) {
    Instant cutoff =
        r.body().has("older_than") ? now().minus(duration(r.text("older_than", "0"))) : null;
    List<Long> cleared =
        queue()
            .change(
                t ->
                    t.status.equals("completed")
                        && (cutoff == null || t.updatedAt.isBefore(cutoff)),
                null,
                now());
    return Response.ok(Map.of("cleared", cleared.size()));
  }

  private Response backupQueue() {
    try {
      Path copy = jarvis.tasks.backup(now());
      return Response.ok(
          Map.of(
              "backup",
              "~/.jarvis/" + copy.getFileName(),
              "bytes",
              copy.toFile().length(),
              "backups",
              jarvis.tasks.backups()));
    } catch (IllegalStateException e) {
      throw HttpError.notFound(e.getMessage());
    }
  }

  private Response resetQueue(Request r) {
    boolean scheduler = r.body().path("scheduler").asBoolean(false);
    long pending = jarvis.tasks.corrupted ? -1 : jarvis.tasks.count("pending");
    List<String> removed = jarvis.tasks.removeFiles(scheduler);
    jarvis.log.add(now(), "WARNING", "tasks", "Queue files removed: " + removed);
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    removed.forEach(out.putArray("removed")::add);
    out.put("pending_lost", pending);
    out.put("restart_required", jarvis.service.state != Service.State.STOPPED);
    return Response.ok(out);
  }

  private Response restartWorkers() {
    int requeued = queue().restartWorkers(now());
    jarvis.log.add(now(), "INFO", "workers", "Workers restarted; " + requeued + " tasks requeued");
    return Response.ok(Map.of("restarted", TaskQueue.WORKERS, "requeued", requeued));
  }

  private Response rateLimits() {
    return Response.ok(jarvis.limits.json(now()));
  }

  private Response setRateLimits(Request r) {
    Integer generation =
        r.body().has("generation") ? RateLimits.perMinute(r.text("generation", "")) : null;
    Integer read = r.body().has("read") ? RateLimits.perMinute(r.text("read", "")) : null;
    Duration expires =
        r.body().has("expires_in_minutes")
            ? Duration.ofMinutes((long) r.number("expires_in_minutes", 0))
            : null;
    jarvis.limits.setLimits(generation, read, expires, now());
    jarvis.log.add(
        now(), "WARNING", "ratelimit", "Rate limits set to " + r.body() + " by operator");
    return Response.ok(jarvis.limits.json(now()));
  }

  private Response block(Request r) {
    String client = r.text("client", "");
    if (client.isBlank()) {
      throw new IllegalArgumentException("'client' is required");
    }
    long minutes = (long) r.number("duration_minutes", 60);
    Instant until = now().plus(Duration.ofMinutes(minutes));
    jarvis.limits.blocked.put(client, until);
    jarvis.log.add(now(), "WARNING", "ratelimit", "Client " + client + " blocked until " + until);
    return Response.ok(Map.of("client", client, "blocked_until", until.toString()));
  }

  private Response cleanup(Request r) {
    boolean temp = r.body().path("temp").asBoolean(true);
    boolean locks = r.body().path("locks").asBoolean(true);
    boolean caches = r.body().path("caches").asBoolean(false);
    if (caches) {
      jarvis.memory.clearCaches();
    }
    return Response.ok(Map.of("deleted", jarvis.service.cleanup(temp, locks, caches)));
  }

  private Response backup() {
    Path dir = jarvis.dir();
    return Response.ok(
        jarvis.service.backup(
            now(),
            List.of(
                jarvis.tasks.file(), jarvis.tasks.schedulerFile(), dir.resolve("config.yaml"))));
  }

  private Response cleanupLogs(Request r) {
    long days = (long) r.number("older_than_days", 7);
    List<String> deleted = jarvis.service.deleteLogsBefore(now().minus(Duration.ofDays(days)));
    return Response.ok(
        Map.of("deleted", deleted, "count", deleted.size(), "kept", jarvis.service.count("logs")));
  }

  private Response benchmark(Request r) {
    String error = jarvis.generationError(now());
    if (error != null) {
      throw HttpError.unavailable("benchmark failed: " + error);
    }
    jarvis.benchmarks++;
    String pressure = jarvis.memory.pressure(true);
    double tokens =
        switch (pressure) {
          case "green" -> 41.8;
          case "yellow" -> 35.2;
          default -> 18.5;
        };
    return Response.ok(
        Map.of(
            "suite",
            r.text("suite", "quick"),
            "tokens_per_second",
            tokens,
            "first_token_ms",
            Math.round(9000 / tokens),
            "passed",
            tokens >= 20));
  }
}
