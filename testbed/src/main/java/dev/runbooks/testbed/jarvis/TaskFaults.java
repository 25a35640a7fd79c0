package dev.runbooks.testbed.jarvis;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/** The task queue's faults: stuck workers with a backlog behind them, and failed tasks. */
final class TaskFaults {
  private TaskFaults() {}

  /**
   * Every worker hangs on a batch export it took 95 minutes ago; behind them wait {@code pending}
   * tasks, {@code stale} of them background tasks queued 2 to 3 hours ago.
   */
  static void workersStuck(TaskQueue q, JsonNode params, Instant now) {
    int pending = params.path("pending").asInt(120);
    int stale = Math.min(pending, params.path("stale").asInt(20));
    Instant stuckSince = now.minus(Duration.ofMinutes(95));
    for (TaskQueue.Worker w : q.workers) {
      TaskQueue.Task t = q.add("batch_export", now.minus(Duration.ofMinutes(100)));
      t.status = "running";
      t.updatedAt = stuckSince;
      w.status = "stuck";
      w.taskId = t.id;
      w.since = stuckSince;
    }
    for (int i = 0; i < stale; i++) {
      q.add(
          i % 2 == 0 ? "embedding_sync" : "batch_export",
          now.minus(Duration.ofMinutes(120 + i * 3L)));
    }
    for (int i = 0; i < pending - stale; i++) {
      q.add(i % 4 == 0 ? "message_index" : "draft_generation", now.minusSeconds(15L * i + 5));
    }
  }

  /** Adds {@code count} failed tasks that used up their retries. */
  static void failedTasks(TaskQueue q, JsonNode params, Instant now) {
    int count = params.path("count").asInt(12);
    for (int i = 0; i < count; i++) {
      TaskQueue.Task t = q.add("embedding_sync", now.minus(Duration.ofMinutes(30 + i)));
      t.status = "failed";
      t.retries = t.maxRetries;
      t.error = "TimeoutError: embedding batch timed out after 3 retries";
    }
  }
}
