package dev.runbooks.testbed.unified;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The startup configuration on disk, as real files in the system's data directory: {@code
 * config/unified_startup_phase2.yaml} (in service) and {@code archive/unified_startup_backup.yaml}
 * (the previous version, what a rollback restores). Agents read the configuration when they start,
 * so a bad version breaks the next start of the agent it misconfigures.
 */
final class ConfigFiles {
  static final String CURRENT = "config/unified_startup_phase2.yaml";
  static final String BACKUP = "archive/unified_startup_backup.yaml";
  static final String GOOD_VERSION = "phase2-2025-01-20";
  static final String BAD_VERSION = "phase2-2025-01-27";
  static final String GOOD_MODEL = "models/phi-3-mini-q4.gguf";
  static final String BAD_MODEL = "models/phi-3-mini-q5_k_m.gguf";

  private final Path dir;

  ConfigFiles(Path dir) {
    this.dir = dir;
  }

  /** Writes the good version as both the configuration in service and the backup. */
  void reset() {
    write(CURRENT, text(GOOD_VERSION, GOOD_MODEL));
    write(BACKUP, text(GOOD_VERSION, GOOD_MODEL));
  }

  /** Deploys a new version whose ModelManagerSuite model file does not exist. */
  void deployBad() {
    write(CURRENT, text(BAD_VERSION, BAD_MODEL));
  }

  /** Copies a file over the configuration in service (the seed's {@code cp}). */
  void restore(String from) {
    if (!from.equals(BACKUP)) {
      throw new IllegalArgumentException("no such backup '" + from + "'; the backup is " + BACKUP);
    }
    try {
      Files.copy(dir.resolve(BACKUP), dir.resolve(CURRENT), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String version(String file) {
    return field(file, "version:");
  }

  String modelPath() {
    return field(CURRENT, "model_path:");
  }

  /** What the seed's {@code validate_config.py} reports about the configuration in service. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    String model = modelPath();
    if (!GOOD_MODEL.equals(model)) {
      problems.add("agents.ModelManagerSuite.model_path: " + model + ": no such file");
    }
    return problems;
  }

  ObjectNode view() {
    ObjectNode node = Json.object();
    node.put("file", CURRENT);
    node.put("version", version(CURRENT));
    node.put("backup_file", BACKUP);
    node.put("backup_version", version(BACKUP));
    node.put("model_path", modelPath());
    List<String> problems = problems();
    node.put("valid", problems.isEmpty());
    node.set("problems", Json.array(problems));
    node.put("text", read(CURRENT));
    return node;
  }

  private String field(String file, String key) {
    for (String line : read(file).split("\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith(key)) {
        return trimmed.substring(key.length()).trim();
      }
    }
    return null;
  }

  private static String text(String version, String model) {
    return "# The unified system's startup configuration (all 77 agents)\n"
        + "version: "
        + version
        + "\n"
        + "vram_limit_mb: 4000\n"
        + "agents:\n"
        + "  ModelManagerSuite:\n"
        + "    model_path: "
        + model
        + "\n";
  }

  private String read(String file) {
    try {
      return Files.readString(dir.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(String file, String text) {
    try {
      Path path = dir.resolve(file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
