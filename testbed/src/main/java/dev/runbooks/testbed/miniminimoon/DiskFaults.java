package dev.runbooks.testbed.miniminimoon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills the data directory with real files the way the seed's disk faults do, and remembers them so
 * that clearing a fault by hand removes what is left of them.
 *
 * <p>{@code disk_full} fills to 99.5% of the capacity. By default ({@code culprit: scratch}) the
 * space goes where the seed's emergency cleanup looks: temporary files, intermediate outputs, logs
 * rotated ten days ago, execution contexts from three days ago and an old model in the embedding
 * cache. With {@code culprit: results} it is the pipeline's results, which no cleanup may delete.
 *
 * <p>{@code disk_partial} fills to {@code used_percent} (90 by default): temporary files first (the
 * first thing the seed's prioritized cleanup removes), then logs from three days ago, today's
 * rotated log, an old model nobody read for ten days, and results. With {@code culprit: results} it
 * is all compressed results, which neither cleanup nor gzip can shrink.
 */
final class DiskFaults {
  private final Storage storage;
  private final List<Path> created = new ArrayList<>();
  private int sequence;

  DiskFaults(Storage storage) {
    this.storage = storage;
  }

  /** Fills to 99.5%; culprit {@code scratch} or {@code results}. */
  void full(String culprit) {
    long remaining = (long) (storage.capacity() * 0.995) - storage.used();
    switch (culprit) {
      case "scratch" -> {
        binary("tmp/miniminimoon_", ".tmp", remaining * 35 / 100, 0, 0);
        binary("intermediate_outputs/segment_", ".tmp", remaining * 10 / 100, 0, 0);
        text("logs/orchestrator.log.", "", remaining * 25 / 100, 10, true);
        text("execution_contexts/execution_context_old_", ".json", remaining * 20 / 100, 3, false);
        binary(
            "cache/huggingface/transformers/bert-base-multilingual-cased/shard_",
            ".bin",
            remaining - remaining * 90 / 100,
            60,
            30);
      }
      case "results" -> text("results/result_bulk_", ".json", remaining, 0, false);
      default ->
          throw new IllegalArgumentException(
              "culprit must be scratch or results, not '" + culprit + "'");
    }
  }

  /** Fills to a percentage between 50 and 97; culprit {@code scratch} or {@code results}. */
  void partial(double usedPercent, String culprit) {
    if (usedPercent < 50 || usedPercent > 97) {
      throw new IllegalArgumentException("used_percent must be in [50, 97], not " + usedPercent);
    }
    long remaining = (long) (storage.capacity() * usedPercent / 100) - storage.used();
    if (remaining <= 0) {
      return;
    }
    if (culprit.equals("results")) {
      binary("results/result_archive_", ".json.gz", remaining, 0, 0);
      return;
    }
    if (!culprit.equals("scratch")) {
      throw new IllegalArgumentException(
          "culprit must be scratch or results, not '" + culprit + "'");
    }
    binary("tmp/miniminimoon_", ".tmp", remaining * 40 / 100, 0, 0);
    text("logs/orchestrator.log.", "", remaining * 25 / 100, 3, true);
    text("logs/orchestrator.log.", "", remaining * 10 / 100, 0, true);
    binary(
        "cache/huggingface/transformers/xlm-roberta-base/shard_",
        ".bin",
        remaining * 15 / 100,
        40,
        10);
    text("results/result_batch_", ".json", remaining - remaining * 90 / 100, 0, false);
  }

  /** Deletes what is left of the files the faults wrote. */
  void clear() {
    for (Path file : created) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    created.clear();
  }

  /** Forgets the files (after the data directory was laid down anew). */
  void forget() {
    created.clear();
  }

  private void binary(String prefix, String suffix, long bytes, int modified, int accessed) {
    for (long left = bytes; left > 0; left -= Storage.MIB) {
      long size = Math.min(Storage.MIB, left);
      created.add(storage.data().writeBinary(prefix + next() + suffix, size, modified, accessed));
    }
  }

  private void text(String prefix, String suffix, long bytes, int daysAgo, boolean log) {
    for (long left = bytes; left > 0; left -= Storage.MIB) {
      long size = Math.max(64, Math.min(Storage.MIB, left));
      String content = log ? storage.data().logText(size) : storage.data().jsonText(size);
      created.add(storage.data().writeText(prefix + next() + suffix, content, daysAgo));
    }
  }

  private int next() {
    return ++sequence;
  }
}
