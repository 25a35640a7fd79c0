package dev.runbooks.testbed.jarvis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The task queue's files in {@code ~/.jarvis}: {@code task_queue.json} (the tasks), {@code
 * scheduler_queue.json} and the backups {@code task_queue.json.bak.<epoch seconds>}.
 */
final class QueueStore {
  /** What a load found: the tasks, or why the file cannot be read. */
  record Loaded(List<TaskQueue.Task> tasks, long nextId, String corruption) {}

  private final ObjectMapper json;
  private Path file;
  private Path schedulerFile;

  QueueStore(ObjectMapper json) {
    this.json = json;
  }

  /** Uses the files in this directory and writes a fresh scheduler queue. */
  void attach(Path dir) {
    file = dir.resolve("task_queue.json");
    schedulerFile = dir.resolve("scheduler_queue.json");
    write(schedulerFile, "{\"version\": 1, \"jobs\": [{\"name\": \"nightly_index\"}]}\n");
  }

  Path file() {
    return file;
  }

  Path schedulerFile() {
    return schedulerFile;
  }

  void save(Collection<TaskQueue.Task> tasks, long nextId) {
    ObjectNode root = json.createObjectNode();
    root.put("version", 1);
    root.put("next_id", nextId);
    ArrayNode list = root.putArray("tasks");
    for (TaskQueue.Task t : tasks) {
      ObjectNode node = list.addObject();
      node.put("id", t.id);
      node.put("type", t.type);
      node.put("status", t.status);
      node.put("created_at", t.createdAt.toString());
      node.put("updated_at", t.updatedAt.toString());
      node.put("retries", t.retries);
      node.put("max_retries", t.maxRetries);
      node.put("error", t.error);
    }
    try {
      write(file, json.writeValueAsString(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the file; a missing file is an empty queue, a torn one a corruption. */
  Loaded load() {
    List<TaskQueue.Task> tasks = new ArrayList<>();
    if (!Files.exists(file)) {
      return new Loaded(tasks, 1, null);
    }
    try {
      JsonNode root = json.readTree(Files.readString(file));
      long nextId = root.path("next_id").asLong(1);
      for (JsonNode node : root.path("tasks")) {
        TaskQueue.Task t = new TaskQueue.Task();
        t.id = node.path("id").asLong();
        t.type = node.path("type").asText();
        t.status = node.path("status").asText();
        t.status = t.status.equals("running") ? "pending" : t.status;
        t.createdAt = Instant.parse(node.path("created_at").asText());
        t.updatedAt = Instant.parse(node.path("updated_at").asText());
        t.retries = node.path("retries").asInt();
        t.maxRetries = node.path("max_retries").asInt(3);
        t.error = node.path("error").isNull() ? null : node.path("error").asText();
        tasks.add(t);
        nextId = Math.max(nextId, t.id + 1);
      }
      return new Loaded(tasks, nextId, null);
    } catch (IOException | RuntimeException e) {
      return new Loaded(
          List.of(), 1, "TaskQueueCorruptedError: cannot parse " + file.getFileName() + ": " + e);
    }
  }

  /** Writes a torn file, as a crash in the middle of a write leaves it. */
  void tear() {
    write(file, "{\"version\": 1, \"next_id\": 3187, \"tasks\": [{\"id\": 3140, \"type\": \"dra");
  }

  /** Copies the queue file next to itself; returns the copy. */
  Path backup(Instant now) {
    if (!Files.exists(file)) {
      throw new IllegalStateException("no " + file.getFileName() + " to back up");
    }
    Path copy = file.resolveSibling(file.getFileName() + ".bak." + now.getEpochSecond());
    try {
      return Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The names of the backups made with {@link #backup}. */
  List<String> backups() {
    try (var files = Files.list(file.getParent())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("task_queue.json.bak."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the queue file (and the scheduler's); returns the names removed. */
  List<String> remove(boolean scheduler) {
    List<String> removed = new ArrayList<>();
    for (Path p : scheduler ? List.of(file, schedulerFile) : List.of(file)) {
      try {
        if (Files.deleteIfExists(p)) {
          removed.add(p.getFileName().toString());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return removed;
  }

  private static void write(Path path, String text) {
    try {
      Files.writeString(path, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
