package dev.runbooks.testbed.miniminimoon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline's data directory: real files under {@code SystemContext.dataDir()} counted against a
 * configured capacity, as {@code df} would count them against a small disk. The layout follows the
 * seed: {@code cache/huggingface}, {@code cache/spacy}, {@code logs}, {@code tmp}, {@code
 * intermediate_outputs}, {@code execution_contexts}, {@code results}, {@code evidence}. Writes past
 * the capacity fail ("No space left on device"); above 85% the pipeline's optional writes (the
 * embedding cache, intermediate outputs) fail intermittently, and above 98% every write fails.
 */
final class Storage {
  static final long KIB = 1024;
  static final long MIB = 1024 * KIB;
  static final long INODES = 16384;
  static final List<String> DIRS =
      List.of(
          "cache/huggingface",
          "cache/spacy",
          "logs",
          "tmp",
          "intermediate_outputs",
          "execution_contexts",
          "results",
          "evidence");
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Path root;
  private final long capacity;
  private final Clock clock;
  private final DataFiles data;
  private final StorageMode mode = new StorageMode();
  private long writeFailures;

  Storage(Path root, long capacity, Clock clock) {
    this.root = root;
    this.capacity = capacity;
    this.clock = clock;
    this.data = new DataFiles(root, clock);
  }

  Path root() {
    return root;
  }

  long capacity() {
    return capacity;
  }

  Clock clock() {
    return clock;
  }

  /** Deletes everything and lays down the healthy pipeline's files; storage modes to defaults. */
  void baseline() {
    DataFiles.deleteTree(root);
    for (String dir : DIRS) {
      DataFiles.mkdirs(root.resolve(dir));
    }
    writeModels("huggingface");
    writeModels("spacy");
    data.writeText("logs/orchestrator.log", data.logText(32 * KIB), 0);
    data.writeText("evidence/evidence_registry.json", data.jsonText(16 * KIB), 0);
    for (int i = 0; i < 5; i++) {
      data.writeText("results/result_" + i + ".json", data.jsonText(8 * KIB), 0);
    }
    for (int i = 0; i < 2; i++) {
      data.writeText(
          "execution_contexts/execution_context_" + i + ".json", data.jsonText(8 * KIB), 0);
    }
    mode.reset();
    writeFailures = 0;
  }

  /** Writes the cached model files of one cache ({@code huggingface} or {@code spacy}). */
  void writeModels(String cache) {
    if (cache.equals("huggingface")) {
      data.writeBinary(
          "cache/huggingface/transformers/paraphrase-multilingual-MiniLM-L12-v2/model.bin",
          MIB,
          0,
          0);
    } else {
      data.writeBinary("cache/spacy/es_core_news_sm/model.bin", 512 * KIB, 0, 0);
    }
  }

  /** Whether the cache holds a model file. */
  boolean cached(String cache) {
    return cached(files(), cache);
  }

  /** Whether the listing holds a model file of the cache. */
  static boolean cached(List<DataFiles.Entry> files, String cache) {
    String prefix = "cache/" + cache + "/";
    return files.stream().anyMatch(f -> f.path().startsWith(prefix));
  }

  /** Bytes used by the files of a listing. */
  static long used(List<DataFiles.Entry> files) {
    return files.stream().mapToLong(DataFiles.Entry::size).sum();
  }

  /** Percent of the capacity the files of a listing use. */
  double usedPercent(List<DataFiles.Entry> files) {
    return 100.0 * used(files) / capacity;
  }

  /** Bytes used by the files under the data directory. */
  long used() {
    return files().stream().mapToLong(DataFiles.Entry::size).sum();
  }

  double usedPercent() {
    return 100.0 * used() / capacity;
  }

  /**
   * The share of the pipeline's optional writes (embedding cache, intermediate outputs) that fail
   * at this usage: none up to 85%, then more and more, all from 98%.
   */
  static double optionalWriteFailure(double usedPercent) {
    if (usedPercent >= 98) {
      return 1;
    }
    return usedPercent <= 85 ? 0 : (usedPercent - 85) / 13 * 0.15;
  }

  /** The share of the pipeline's essential writes (contexts, evidence) that fail at this usage. */
  static double essentialWriteFailure(double usedPercent) {
    return usedPercent >= 98 ? 1 : 0;
  }

  /** How the pipeline uses the disk. */
  StorageMode mode() {
    return mode;
  }

  /**
   * Writes (or with {@code append}, appends to) a file of the pipeline; fails like a full disk,
   * counting a write failure, when the capacity would be exceeded.
   */
  boolean put(String relative, String text, boolean append) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Path file = root.resolve(relative);
    try {
      long replaced = !append && Files.exists(file) ? Files.size(file) : 0;
      if (used() - replaced + bytes.length > capacity) {
        writeFailures++;
        return false;
      }
      DataFiles.mkdirs(file.getParent());
      if (append) {
        Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } else {
        Files.write(file, bytes);
      }
      return true;
    } catch (IOException e) {
      writeFailures++;
      return false;
    }
  }

  /** Renames the live log to {@code orchestrator.log.1} once it exceeds this size. */
  void rotateLog(long maxBytes) {
    Path live = root.resolve("logs/orchestrator.log");
    try {
      if (Files.exists(live) && Files.size(live) > maxBytes) {
        Files.move(
            live,
            live.resolveSibling("orchestrator.log.1"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      writeFailures++;
    }
  }

  /** Counts a write the pipeline could not make. */
  void writeFailed() {
    writeFailures++;
  }

  long writeFailures() {
    return writeFailures;
  }

  /** {@code df}: capacity, used and free bytes and inodes. */
  ObjectNode df() {
    return df(files());
  }

  /** {@code df} of a listing. */
  ObjectNode df(List<DataFiles.Entry> files) {
    long used = files.stream().mapToLong(DataFiles.Entry::size).sum();
    ObjectNode df = JSON.objectNode();
    df.put("capacity_bytes", capacity);
    df.put("used_bytes", used);
    df.put("free_bytes", Math.max(0, capacity - used));
    df.put("used_percent", Cpu.round(100.0 * used / capacity));
    df.put("free_percent", Cpu.round(100.0 * Math.max(0, capacity - used) / capacity));
    df.put("inodes_used", files.size());
    df.put("inodes_total", INODES);
    df.put("write_failures", writeFailures);
    return df;
  }

  /** {@code df}, {@code du} by directory, the largest files, and the storage modes. */
  ObjectNode usage() {
    return usage(files());
  }

  /** {@code df}, {@code du} and the largest files of a listing, and the storage modes. */
  ObjectNode usage(List<DataFiles.Entry> files) {
    ObjectNode usage = df(files);
    Map<String, Long> du = new LinkedHashMap<>();
    DIRS.forEach(d -> du.put(d, 0L));
    for (DataFiles.Entry file : files) {
      for (String dir : DIRS) {
        if (file.path().startsWith(dir + "/")) {
          du.merge(dir, file.size(), Long::sum);
        }
      }
    }
    ObjectNode dirs = usage.putObject("directories");
    du.forEach(dirs::put);
    ArrayNode large = usage.putArray("large_files");
    files.stream()
        .filter(f -> f.size() >= 256 * KIB)
        .sorted(Comparator.comparingLong(DataFiles.Entry::size).reversed())
        .limit(20)
        .forEach(
            f -> {
              ObjectNode n = large.addObject();
              n.put("path", f.path());
              n.put("bytes", f.size());
              n.put("modified", f.modified().toString());
              n.put("accessed", f.accessed().toString());
            });
    usage.set("mode", mode.json());
    return usage;
  }

  /** The data directory's files. */
  DataFiles data() {
    return data;
  }

  /** Every regular file under the data directory. */
  List<DataFiles.Entry> files() {
    return data.files();
  }
}
