package dev.runbooks.testbed.jarvis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * JARVIS's task queue and its workers. The queue is kept in {@code task_queue.json} in the data
 * directory ({@link QueueStore}: a real file the process loads when it starts and saves as it
 * changes), so a corrupt file really is what the process finds at start, a backup really copies it,
 * and a reset really removes it. Workers take pending tasks by priority (drafts first, batch
 * exports last), oldest first; emergency mode pauses the background types.
 */
final class TaskQueue {
  static final int WORKERS = 4;
  static final Set<String> BACKGROUND = Set.of("batch_export", "embedding_sync");
  private static final Map<String, Integer> PRIORITY =
      Map.of("draft_generation", 0, "message_index", 1, "embedding_sync", 2, "batch_export", 3);
  private static final Map<String, Integer> WORK =
      Map.of("draft_generation", 1, "message_index", 1, "embedding_sync", 4, "batch_export", 8);

  /** One task. */
  static final class Task {
    long id;
    String type;
    String status;
    Instant createdAt;
    Instant updatedAt;
    int retries;
    int maxRetries = 3;
    String error;
    int workLeft;
  }

  /** One worker. */
  static final class Worker {
    final String id;
    String status = "idle";
    Long taskId;
    Instant since;

    Worker(String id) {
      this.id = id;
    }
  }

  private final ObjectMapper json;
  private final QueueStore store;
  final Map<Long, Task> tasks = new LinkedHashMap<>();
  final List<Worker> workers = new ArrayList<>();
  long nextId = 1;
  boolean corrupted;
  String corruption;
  boolean resetPending;
  private boolean dirty;

  TaskQueue(ObjectMapper json) {
    this.json = json;
    this.store = new QueueStore(json);
  }

  /** Uses these files and fills the queue with a healthy history. */
  void reset(Path dir, Instant now) {
    store.attach(dir);
    tasks.clear();
    nextId = 1;
    corrupted = false;
    corruption = null;
    resetPending = false;
    idleWorkers();
    for (int i = 0; i < 240; i++) {
      Task t = add(i % 3 == 0 ? "message_index" : "draft_generation", now.minusSeconds(i * 5040L));
      t.status = "completed";
    }
    dirty = true;
    persist();
  }

  private void idleWorkers() {
    workers.clear();
    for (int i = 1; i <= WORKERS; i++) {
      workers.add(new Worker("worker-" + i));
    }
  }

  Task add(String type, Instant created) {
    Task t = new Task();
    t.id = nextId++;
    t.type = type;
    t.status = "pending";
    t.createdAt = created;
    t.updatedAt = created;
    tasks.put(t.id, t);
    dirty = true;
    return t;
  }

  /** Workers finish and take tasks; stuck workers do nothing. */
  void tick(Instant now, boolean emergencyMode) {
    if (corrupted) {
      return;
    }
    for (Worker w : workers) {
      if (w.status.equals("stuck")) {
        continue;
      }
      if (w.status.equals("busy")) {
        Task t = tasks.get(w.taskId);
        if (t != null && t.status.equals("running") && --t.workLeft > 0) {
          continue;
        }
        if (t != null && t.status.equals("running")) {
          t.status = "completed";
          t.updatedAt = now;
        }
        w.status = "idle";
        w.taskId = null;
        dirty = true;
      }
      Optional<Task> next =
          tasks.values().stream()
              .filter(t -> t.status.equals("pending"))
              .filter(t -> !emergencyMode || !BACKGROUND.contains(t.type))
              .min(
                  Comparator.comparingInt((Task t) -> PRIORITY.getOrDefault(t.type, 9))
                      .thenComparing(t -> t.createdAt));
      if (next.isPresent()) {
        Task t = next.get();
        t.status = "running";
        t.updatedAt = now;
        t.workLeft = WORK.getOrDefault(t.type, 1);
        w.status = "busy";
        w.taskId = t.id;
        w.since = now;
        dirty = true;
      }
    }
  }

  /** Saves the queue when it changed, unless it is corrupt or its file was removed for a reset. */
  void persist() {
    if (!dirty || corrupted || resetPending) {
      return;
    }
    store.save(tasks.values(), nextId);
    dirty = false;
  }

  /** What the process does at start: load the file; a missing file is an empty queue. */
  void load() {
    tasks.clear();
    idleWorkers();
    resetPending = false;
    QueueStore.Loaded loaded = store.load();
    loaded.tasks().forEach(t -> tasks.put(t.id, t));
    nextId = loaded.nextId();
    corruption = loaded.corruption();
    corrupted = corruption != null;
  }

  /** Tears the queue file, as a crash mid-write leaves it, and finds it on the next read. */
  void corrupt() {
    persist();
    store.tear();
    tasks.clear();
    corrupted = true;
    corruption =
        "TaskQueueCorruptedError: cannot parse task_queue.json: Unterminated string at line 1";
  }

  /** Copies the queue file next to itself as {@code task_queue.json.bak.<epoch seconds>}. */
  Path backup(Instant now) {
    return store.backup(now);
  }

  /** The backups made with {@link #backup}. */
  List<String> backups() {
    return store.backups();
  }

  /** Removes the queue files; the running process keeps what it has until it restarts. */
  List<String> removeFiles(boolean scheduler) {
    resetPending = true;
    return store.remove(scheduler);
  }

  Path file() {
    return store.file();
  }

  Path schedulerFile() {
    return store.schedulerFile();
  }

  /** Restarts the workers: the tasks stuck ones held go back to pending. */
  int restartWorkers(Instant now) {
    int requeued = 0;
    for (Worker w : workers) {
      Task t = w.taskId == null ? null : tasks.get(w.taskId);
      if (t != null && t.status.equals("running")) {
        t.status = "pending";
        t.updatedAt = now;
        requeued++;
      }
    }
    idleWorkers();
    dirty = true;
    return requeued;
  }

  /** Sets tasks matching a condition to a status, or removes them when status is null. */
  List<Long> change(Predicate<Task> which, String status, Instant now) {
    List<Long> ids = new ArrayList<>();
    for (Task t : List.copyOf(tasks.values())) {
      if (which.test(t)) {
        ids.add(t.id);
        if (status == null) {
          tasks.remove(t.id);
        } else {
          t.status = status;
          t.updatedAt = now;
        }
      }
    }
    dirty |= !ids.isEmpty();
    return ids;
  }

  long count(String status) {
    return tasks.values().stream().filter(t -> t.status.equals(status)).count();
  }

  ObjectNode stats(Instant now) {
    ObjectNode out = json.createObjectNode();
    out.put("total", tasks.size());
    ObjectNode by = out.putObject("by_status");
    for (String s : List.of("pending", "running", "completed", "failed", "cancelled")) {
      by.put(s, count(s));
    }
    Optional<Instant> oldest =
        tasks.values().stream()
            .filter(t -> t.status.equals("pending"))
            .map(t -> t.createdAt)
            .min(Comparator.naturalOrder());
    out.put(
        "oldest_pending_age_seconds",
        oldest.map(o -> Duration.between(o, now).toSeconds()).orElse(0L));
    out.put(
        "pending_older_than_1h",
        tasks.values().stream()
            .filter(t -> t.status.equals("pending") && t.createdAt.isBefore(now.minusSeconds(3600)))
            .count());
    out.put(
        "failed_max_retries_exceeded",
        tasks.values().stream()
            .filter(t -> t.status.equals("failed") && t.retries >= t.maxRetries)
            .count());
    out.set("workers", workersSummary());
    return out;
  }

  ObjectNode workersSummary() {
    ObjectNode w = json.createObjectNode();
    w.put("total", workers.size());
    for (String s : List.of("idle", "busy", "stuck")) {
      w.put(s, workers.stream().filter(x -> x.status.equals(s)).count());
    }
    return w;
  }

  ObjectNode workersJson(Instant now) {
    ObjectNode out = json.createObjectNode();
    ArrayNode list = out.putArray("workers");
    for (Worker w : workers) {
      ObjectNode node = list.addObject();
      node.put("id", w.id);
      node.put("status", w.status);
      node.put("task_id", w.taskId);
      Task t = w.taskId == null ? null : tasks.get(w.taskId);
      node.put("task_type", t == null ? null : t.type);
      node.put("busy_seconds", w.since == null ? 0 : Duration.between(w.since, now).toSeconds());
    }
    out.set("summary", workersSummary());
    return out;
  }

  ArrayNode list(String status, boolean oldestFirst, int limit) {
    ArrayNode out = json.createArrayNode();
    tasks.values().stream()
        .filter(t -> status == null || t.status.equals(status))
        .sorted(
            oldestFirst
                ? Comparator.comparing((Task t) -> t.createdAt)
                : Comparator.comparing((Task t) -> t.createdAt).reversed())
        .limit(limit)
        .forEach(
            t -> {
              ObjectNode node = out.addObject();
              node.put("id", t.id);
              node.put("type", t.type);
              node.put("status", t.status);
              node.put("created_at", t.createdAt.toString());
              node.put("retries", t.retries);
              node.put("error", t.error);
            });
    return out;
  }
}
