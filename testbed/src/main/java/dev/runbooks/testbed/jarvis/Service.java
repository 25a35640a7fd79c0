package dev.runbooks.testbed.jarvis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JARVIS process as its supervisor (launchd, {@code jarvis start|stop}) sees it, and its files
 * under {@code ~/.jarvis} (the system's data directory): the lock file a running process holds,
 * temporary files, daily log files, {@code config.yaml} and backups. A graceful stop removes the
 * lock; a hung process ignores it and must be killed, and a killed process leaves its lock behind,
 * which keeps the next start from starting until someone removes it.
 */
final class Service {
  static final Duration START_TIME = Duration.ofMillis(1500);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

  /** The process's state. */
  enum State {
    RUNNING,
    STARTING,
    STOPPED,
    HUNG
  }

  State state = State.RUNNING;
  Instant startedAt;
  Instant readyAt;
  int pid = 4100;
  int processes = 1;
  long starts;
  private Path dir;

  /** Uses the data directory and lays out the files of a running process. */
  void reset(Path dir, Instant now) {
    this.dir = dir;
    state = State.RUNNING;
    startedAt = now;
    readyAt = null;
    processes = 1;
    try {
      deleteTree(dir.resolve("temp"));
      deleteTree(dir.resolve("logs"));
      deleteTree(dir.resolve("backups"));
      deleteTree(dir.resolve("cache"));
      deleteTree(dir.resolve("embedding_cache"));
      Files.createDirectories(dir.resolve("temp"));
      Files.createDirectories(dir.resolve("cache"));
      Files.createDirectories(dir.resolve("embedding_cache"));
      for (int i = 0; i < 4; i++) {
        Files.writeString(dir.resolve("cache/responses-" + i + ".db"), "cached responses " + i);
        Files.writeString(dir.resolve("embedding_cache/chunk-" + i + ".npy"), "vectors " + i);
      }
      Files.createDirectories(dir.resolve("logs"));
      Files.createDirectories(dir.resolve("backups"));
      for (int i = 0; i < 3; i++) {
        Files.writeString(dir.resolve("temp/draft-" + i + ".partial"), "partial draft " + i);
      }
      for (int day = 0; day < 14; day++) {
        Instant at = now.minus(Duration.ofDays(day));
        Path log = dir.resolve("logs/jarvis-" + DAY.format(at) + ".log");
        Files.writeString(log, DAY.format(at) + " INFO jarvis started\n");
        Files.setLastModifiedTime(log, FileTime.from(at));
      }
      Instant backupAt = now.minus(Duration.ofDays(3));
      Path backup =
          Files.createDirectories(dir.resolve("backups/recovery_" + STAMP.format(backupAt)));
      Files.writeString(backup.resolve("config.yaml"), config());
      Files.setLastModifiedTime(backup, FileTime.from(backupAt));
      Files.writeString(dir.resolve("config.yaml"), config());
      writeLock();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String config() {
    return "memory:\n  full_mode_mb: 8000\n  lite_mode_mb: 500\n"
        + "rate_limit:\n  generation: 10/minute\n  read: 60/minute\n";
  }

  Path dir() {
    return dir;
  }

  Path lockFile() {
    return dir.resolve("jarvis.lock");
  }

  boolean running() {
    return state == State.RUNNING;
  }

  void writeLock() {
    try {
      Files.writeString(lockFile(), Integer.toString(pid));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void removeLock() {
    try {
      Files.deleteIfExists(lockFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Deletes the temporary files, the lock files and/or the on-disk caches ({@code cache/}, {@code
   * embedding_cache/}); returns the names deleted.
   */
  List<String> cleanup(boolean temp, boolean locks, boolean caches) {
    List<String> deleted = new ArrayList<>();
    try {
      List<String> dirs = new ArrayList<>();
      if (temp) {
        dirs.add("temp");
      }
      if (caches) {
        dirs.add("cache");
        dirs.add("embedding_cache");
      }
      for (String sub : dirs) {
        try (Stream<Path> files = Files.list(dir.resolve(sub))) {
          for (Path p : files.toList()) {
            Files.delete(p);
            deleted.add(sub + "/" + p.getFileName());
          }
        }
      }
      if (locks) {
        try (Stream<Path> files = Files.list(dir)) {
          for (Path p : files.filter(f -> f.toString().endsWith(".lock")).toList()) {
            Files.delete(p);
            deleted.add(p.getFileName().toString());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return deleted;
  }

  /** Deletes the log files last changed before a time; returns their names. */
  List<String> deleteLogsBefore(Instant cutoff) {
    List<String> deleted = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir.resolve("logs"))) {
      for (Path p : files.sorted().toList()) {
        if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
          Files.delete(p);
          deleted.add(p.getFileName().toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return deleted;
  }

  long count(String subdir) {
    try (Stream<Path> files = Files.list(dir.resolve(subdir))) {
      return files.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the state files into {@code backups/recovery_<time>}; returns the backup. */
  ObjectNode backup(Instant now, List<Path> files) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    try {
      Path target = dir.resolve("backups/recovery_" + STAMP.format(now));
      Files.createDirectories(target);
      ArrayNode copied = out.putArray("files");
      for (Path f : files) {
        if (Files.exists(f)) {
          Files.copy(f, target.resolve(f.getFileName()));
          copied.add(f.getFileName().toString());
        }
      }
      out.put("location", "~/.jarvis/backups/" + target.getFileName());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The backups, newest first. */
  ArrayNode backups() {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    try (Stream<Path> dirs = Files.list(dir.resolve("backups"))) {
      for (Path d :
          dirs.sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
              .toList()) {
        ObjectNode node = out.addObject();
        node.put("name", d.getFileName().toString());
        node.put("modified_at", Files.getLastModifiedTime(d).toInstant().toString());
        try (Stream<Path> files = Files.list(d)) {
          ArrayNode names = node.putArray("files");
          files.map(p -> p.getFileName().toString()).sorted().forEach(names::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  ObjectNode status(Instant now) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
    out.put("pid", processes > 0 ? pid : null);
    out.put("processes", processes);
    out.put("started_at", startedAt == null || !running() ? null : startedAt.toString());
    out.put(
        "uptime_seconds",
        running() && startedAt != null ? Duration.between(startedAt, now).toSeconds() : 0);
    out.put("lock_file", Files.exists(lockFile()));
    out.put("starts", starts);
    return out;
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
