package dev.runbooks.testbed.juggernaut;

import dev.runbooks.testbed.http.HttpError;
import dev.runbooks.testbed.http.Request;
import dev.runbooks.testbed.http.Response;
import dev.runbooks.testbed.http.Router;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Juggernaut's task API: create and read tasks ({@code POST /api/tasks}, as the seed's verification
 * does), {@code core.dlq.move_to_dlq} ({@code POST /api/tasks/{id}/dlq}), terminating a task that
 * runs too long, re-enqueueing a dead-lettered task (the target of the {@code dlq} step's HTTP
 * re-enqueue, which honours {@code Idempotency-Key}), and the workers' budgets. Every one of them
 * needs the service up and its database reachable.
 */
final class JuggernautTaskRoutes {
  private final Clock clock;
  private final JuggernautDb db;
  private final JuggernautProcess process;
  private final JuggernautWork work;
  private final JuggernautLog log;
  private final Map<String, Response> requeued = new HashMap<>();
  private boolean requeueFailing;
  private int nextTask = 1001;

  JuggernautTaskRoutes(
      Clock clock,
      JuggernautDb db,
      JuggernautProcess process,
      JuggernautWork work,
      JuggernautLog log) {
    this.clock = clock;
    this.db = db;
    this.process = process;
    this.work = work;
    this.log = log;
  }

  void reset() {
    requeued.clear();
    requeueFailing = false;
    nextTask = 1001;
  }

  /** While set, re-enqueued tasks are refused: the transient cause still persists. */
  void requeueFailing(boolean failing) {
    requeueFailing = failing;
  }

  boolean requeueFailing() {
    return requeueFailing;
  }

  void routes(Router r) {
    r.post("/api/tasks", this::create);
    r.get("/api/tasks", this::list);
    r.post("/api/tasks/requeue", this::requeue);
    r.get("/api/tasks/{id}", q -> Response.ok(task(up(q).param("id"))));
    r.post("/api/tasks/{id}/dlq", this::moveToDlq);
    r.post("/api/tasks/{id}/terminate", this::terminate);
    r.get(
        "/api/workers/budgets",
        q ->
            Response.ok(
                Map.of(
                    "budgets",
                    db.query("SELECT * FROM worker_budgets ORDER BY worker_id").stream()
                        .toList())));
    r.put("/api/workers/{id}/budget", this::budget);
  }

  /** Refuses the request when the service is starting, out of memory or without its database. */
  private Request up(Request q) {
    if (process.starting()) {
      throw HttpError.unavailable("the service is starting");
    }
    if (process.memoryMb() >= JuggernautProcess.LIMIT_MB) {
      throw HttpError.unavailable("the service is out of memory");
    }
    String error = process.databaseError();
    if (error != null) {
      throw HttpError.unavailable("database connection failed: " + error);
    }
    return q;
  }

  private Map<String, Object> task(String id) {
    List<Map<String, Object>> rows = db.query("SELECT * FROM governance_tasks WHERE id = ?", id);
    if (rows.isEmpty()) {
      throw HttpError.notFound("no task '" + id + "'");
    }
    return rows.get(0);
  }

  private Response create(Request q) {
    up(q);
    String title = q.text("title", null);
    if (title == null || title.isBlank()) {
      throw new IllegalArgumentException("title is required");
    }
    String id = "task-" + nextTask++;
    db.update(
        "INSERT INTO governance_tasks (id, title, task_type, status, payload, created_at,"
            + " updated_at) VALUES (?, ?, ?, 'pending', ?::jsonb, ?, ?)",
        id,
        title,
        q.text("task_type", "generic"),
        q.body().has("payload") ? q.body().get("payload").toString() : null,
        clock.instant(),
        clock.instant());
    log.info("api", "task " + id + " created: " + title);
    return Response.status(201, task(id));
  }

  private Response list(Request q) {
    up(q);
    String status = q.query("status", null);
    List<Map<String, Object>> rows =
        status == null
            ? db.query("SELECT * FROM governance_tasks ORDER BY id LIMIT 200")
            : db.query(
                "SELECT * FROM governance_tasks WHERE status = ? ORDER BY id LIMIT 200", status);
    return Response.ok(Map.of("tasks", rows));
  }

  private Response moveToDlq(Request q) {
    Map<String, Object> task = task(up(q).param("id"));
    String id = String.valueOf(task.get("id"));
    String reason = q.text("reason", "moved to the DLQ by an operator");
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("task_id", id);
    if ("dead_lettered".equals(task.get("status"))) {
      answer.put("moved", false);
      answer.put("reason", "already in the dead letter queue");
      return Response.ok(answer);
    }
    long dlqId =
        db.count(
            "INSERT INTO dead_letter_queue (task_id, failure_reason, created_at) VALUES (?, ?, ?)"
                + " RETURNING id",
            id,
            reason,
            clock.instant());
    db.update(
        "UPDATE governance_tasks SET status = 'dead_lettered', error_message = ?, updated_at = ?"
            + " WHERE id = ?",
        reason,
        clock.instant(),
        id);
    stopRunaway(id);
    log.warn("core.dlq", "task " + id + " moved to the DLQ: " + reason);
    answer.put("moved", true);
    answer.put("dlq_id", dlqId);
    return Response.ok(answer);
  }

  private Response terminate(Request q) {
    Map<String, Object> task = task(up(q).param("id"));
    String id = String.valueOf(task.get("id"));
    String reason = q.text("reason", "Terminated due to excessive runtime");
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("task_id", id);
    if (!"in_progress".equals(task.get("status"))) {
      answer.put("terminated", false);
      answer.put("status", task.get("status"));
      return Response.ok(answer);
    }
    db.update(
        "UPDATE governance_tasks SET status = 'failed', updated_at = ?, error_message = ?"
            + " WHERE id = ?",
        clock.instant(),
        reason,
        id);
    stopRunaway(id);
    log.warn("core.executor", "task " + id + " terminated: " + reason);
    answer.put("terminated", true);
    answer.put("status", "failed");
    return Response.ok(answer);
  }

  private void stopRunaway(String id) {
    if (work.runaway().remove(id) && work.runaway().isEmpty()) {
      process.runaway(0, 0);
    }
  }

  /** {@code retry_dlq_item}: puts the task back to pending; the body is the DLQ row. */
  private Response requeue(Request q) {
    up(q);
    String key = q.header("Idempotency-Key");
    if (key != null && requeued.containsKey(key)) {
      return requeued.get(key);
    }
    String taskId = q.text("task_id", null);
    if (taskId == null) {
      throw new IllegalArgumentException("task_id is required (the DLQ row as JSON)");
    }
    task(taskId);
    if (requeueFailing) {
      log.error("core.dlq", "retry of task " + taskId + " failed: connection reset by peer");
      return Response.status(
          503, Map.of("error", "connection reset by peer while re-enqueueing task " + taskId));
    }
    db.update(
        "UPDATE governance_tasks SET status = 'pending', error_message = NULL, updated_at = ?"
            + " WHERE id = ?",
        clock.instant(),
        taskId);
    log.info("core.dlq", "task " + taskId + " re-enqueued from the DLQ");
    Response answer = Response.status(202, Map.of("task_id", taskId, "status", "pending"));
    if (key != null) {
      requeued.put(key, answer);
    }
    return answer;
  }

  private Response budget(Request q) {
    up(q);
    String worker = q.param("id");
    double limit = q.number("daily_limit", -1);
    if (limit < 0) {
      throw new IllegalArgumentException("daily_limit must be a non-negative number");
    }
    int changed =
        db.update(
            "UPDATE worker_budgets SET daily_limit = ?, updated_at = ? WHERE worker_id = ?",
            limit,
            clock.instant(),
            worker);
    if (changed == 0) {
      throw HttpError.notFound("no worker '" + worker + "'");
    }
    log.info("core.budgets", "daily limit of " + worker + " set to " + limit);
    return Response.ok(db.query("SELECT * FROM worker_budgets WHERE worker_id = ?", worker).get(0));
  }
}
