package dev.runbooks.testbed.miniminimoon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;

/**
 * The cleanups of the seed's disk procedures, on the real files of the data directory, in the order
 * the caller lists them. Targets: {@code tmp} (temporary files and {@code *.tmp} intermediate
 * outputs), {@code intermediate} (all intermediate outputs), {@code logs} (rotated logs last
 * modified at least {@code logs_older_than_days} ago; never the live log), {@code
 * execution_contexts} (at least {@code contexts_older_than_days} old), {@code cache} (model caches
 * not read for {@code cache_not_accessed_days}; 0: all) and {@code compress} (gzip rotated logs and
 * results). Results and the evidence registry are never deleted. With {@code target_free_percent}
 * the cleanup stops after the first target that leaves that much free; with {@code
 * only_above_percent} it does nothing unless the disk is at least that full (so that an alert that
 * is no longer true deletes nothing).
 */
final class DiskCleanup {
  static final Set<String> TARGETS =
      Set.of("tmp", "intermediate", "logs", "execution_contexts", "cache", "compress");
  private static final long DAY = 86_400_000L;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Storage storage;

  DiskCleanup(Storage storage) {
    this.storage = storage;
  }

  /** Runs the cleanup the body describes and reports what it freed, target by target. */
  ObjectNode run(JsonNode body) {
    JsonNode targets = body.path("targets");
    if (!targets.isArray() || targets.isEmpty()) {
      throw new IllegalArgumentException("targets must be a non-empty list of " + TARGETS);
    }
    for (JsonNode target : targets) {
      if (!TARGETS.contains(target.asText())) {
        throw new IllegalArgumentException(
            "unknown target '" + target.asText() + "'; targets: " + TARGETS);
      }
    }
    double goal = body.path("target_free_percent").asDouble(0);
    ObjectNode report = JSON.objectNode();
    List<DataFiles.Entry> listing = storage.files();
    report.set("before", storage.df(listing));
    double onlyAbove = body.path("only_above_percent").asDouble(0);
    if (onlyAbove > 0 && storage.usedPercent(listing) < onlyAbove) {
      report.put("skipped", true);
      report.put("reason", "disk below " + onlyAbove + "% used");
      report.set("after", report.get("before"));
      report.put("freed_bytes", 0);
      report.putArray("steps");
      return report;
    }
    report.put("skipped", false);
    ArrayNode steps = report.putArray("steps");
    String stoppedAfter = null;
    for (JsonNode target : targets) {
      long before = Storage.used(listing);
      int files = apply(target.asText(), body, listing);
      listing = storage.files();
      ObjectNode step = steps.addObject();
      step.put("target", target.asText());
      step.put("files", files);
      step.put("bytes_freed", before - Storage.used(listing));
      if (goal > 0 && 100 - storage.usedPercent(listing) >= goal) {
        stoppedAfter = target.asText();
        break;
      }
    }
    ObjectNode after = storage.df(listing);
    report.set("after", after);
    report.put(
        "freed_bytes",
        report.path("before").path("used_bytes").asLong() - after.path("used_bytes").asLong());
    report.put("stopped_after", stoppedAfter);
    if (goal > 0) {
      report.put("target_free_percent", goal);
      report.put("target_met", 100 - storage.usedPercent(listing) >= goal);
    }
    return report;
  }

  private int apply(String target, JsonNode body, List<DataFiles.Entry> listing) {
    long now = storage.clock().millis();
    return switch (target) {
      case "tmp" ->
          delete(
              listing,
              e ->
                  e.path().startsWith("tmp/")
                      || (e.path().startsWith("intermediate_outputs/")
                          && e.path().endsWith(".tmp")));
      case "intermediate" -> delete(listing, e -> e.path().startsWith("intermediate_outputs/"));
      case "logs" -> {
        long days = body.path("logs_older_than_days").asLong(7);
        yield delete(
            listing,
            e ->
                e.path().startsWith("logs/")
                    && !e.path().equals("logs/orchestrator.log")
                    && now - e.modified().toMillis() >= days * DAY);
      }
      case "execution_contexts" -> {
        long days = body.path("contexts_older_than_days").asLong(1);
        yield delete(
            listing,
            e ->
                e.path().startsWith("execution_contexts/")
                    && now - e.modified().toMillis() >= days * DAY);
      }
      case "cache" -> {
        long days = body.path("cache_not_accessed_days").asLong(0);
        yield delete(
            listing,
            e -> e.path().startsWith("cache/") && now - e.accessed().toMillis() >= days * DAY);
      }
      case "compress" -> compress(listing);
      default -> throw new IllegalArgumentException("unknown target " + target);
    };
  }

  private int delete(List<DataFiles.Entry> listing, Predicate<DataFiles.Entry> which) {
    int count = 0;
    for (DataFiles.Entry entry : listing) {
      if (which.test(entry)) {
        try {
          Files.deleteIfExists(entry.file());
          pruneEmptyParents(entry.file());
          count++;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return count;
  }

  /**
   * Removes the directories a deletion left empty, as {@code rm -rf dir/} would, up to the layout's
   * own.
   */
  private void pruneEmptyParents(Path file) throws IOException {
    Path root = storage.root();
    for (Path dir = file.getParent(); dir != null && dir.startsWith(root); dir = dir.getParent()) {
      String rel = root.relativize(dir).toString().replace('\\', '/');
      if (dir.equals(root) || dir.endsWith("cache") || Storage.DIRS.contains(rel)) {
        return;
      }
      try (var entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          return;
        }
      }
      Files.delete(dir);
    }
  }

  /** Gzips rotated logs and results in place (file.gz replaces file). */
  private int compress(List<DataFiles.Entry> listing) {
    int count = 0;
    long used = Storage.used(listing);
    List<DataFiles.Entry> candidates =
        listing.stream()
            .filter(
                e ->
                    (e.path().startsWith("logs/") && !e.path().equals("logs/orchestrator.log"))
                        || (e.path().startsWith("results/") && e.path().endsWith(".json")))
            .filter(e -> !e.path().endsWith(".gz"))
            .toList();
    for (DataFiles.Entry entry : candidates) {
      if (used + entry.size() > storage.capacity()) {
        continue; // gzip needs room for the compressed copy before it deletes the original
      }
      Path gz = entry.file().resolveSibling(entry.file().getFileName() + ".gz");
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
        Files.copy(entry.file(), out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        Files.setLastModifiedTime(gz, entry.modified());
        Files.delete(entry.file());
        used += Files.size(gz) - entry.size();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      count++;
    }
    return count;
  }
}
