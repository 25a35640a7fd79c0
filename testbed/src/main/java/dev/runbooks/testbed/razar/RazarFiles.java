package dev.runbooks.testbed.razar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * RAZAR's files, real ones under the system's data directory, laid out as seed 004 describes:
 * {@code logs/razar_state.json} (the last successful component), {@code logs/razar.log} (mission
 * log, JSON lines), {@code modules/<component>.py} (the components' code), {@code
 * quarantine/<component>.py} with {@code quarantine/<component>.json} (metadata), {@code
 * docs/quarantine_log.md}, {@code recovery_state/<component>.json} (downtime audit) and {@code
 * logs/dependency_audit.log}.
 */
final class RazarFiles {
  private final Path root;
  private final Clock clock;
  private final ObjectMapper json;

  RazarFiles(Path root, Clock clock, ObjectMapper json) {
    this.root = root;
    this.clock = clock;
    this.json = json;
  }

  Path root() {
    return root;
  }

  /** Deletes everything and writes the healthy layout: every module in place, empty logs. */
  void reset(List<String> components) {
    for (String dir : List.of("logs", "modules", "quarantine", "docs", "recovery_state")) {
      delete(root.resolve(dir));
    }
    for (String component : components) {
      write(
          root.resolve("modules").resolve(component + ".py"),
          "\"\"\"RAZAR component " + component + ".\"\"\"\n\ndef main():\n    serve()\n");
    }
    write(
        root.resolve("docs").resolve("quarantine_log.md"),
        "# Quarantine log\n\n| time | component | action | issue type | details |\n"
            + "| --- | --- | --- | --- | --- |\n");
  }

  /** The contents of {@code logs/razar_state.json}, or null when it does not exist. */
  ObjectNode state() {
    Path file = root.resolve("logs/razar_state.json");
    return Files.exists(file) ? (ObjectNode) read(file) : null;
  }

  void state(String lastComponent, boolean complete, String envHash) {
    ObjectNode state = json.createObjectNode();
    state.put("last_component", lastComponent);
    state.put("complete", complete);
    state.put("env_hash", envHash);
    state.put("updated_at", clock.instant().toString());
    write(root.resolve("logs/razar_state.json"), state.toPrettyString());
  }

  boolean deleteState() {
    try {
      return Files.deleteIfExists(root.resolve("logs/razar_state.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends an entry to {@code logs/razar.log} (razar.mission_logger). */
  void mission(String component, String status, String event, String details) {
    ObjectNode entry = json.createObjectNode();
    entry.put("timestamp", clock.instant().toString());
    entry.put("component", component);
    entry.put("status", status);
    entry.put("event", event);
    if (details != null) {
      entry.put("details", details);
    }
    append(root.resolve("logs/razar.log"), entry.toString() + "\n");
  }

  /** The mission log's entries, oldest first. */
  List<JsonNode> missionLog() {
    Path file = root.resolve("logs/razar.log");
    List<JsonNode> entries = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : lines(file)) {
        if (!line.isBlank()) {
          entries.add(parse(line));
        }
      }
    }
    return entries;
  }

  /** Moves the module to {@code quarantine/} with its metadata and logs it. */
  void quarantine(String component, Map<String, Object> metadata) {
    Path module = root.resolve("modules").resolve(component + ".py");
    Path target = root.resolve("quarantine").resolve(component + ".py");
    move(module, target);
    write(
        root.resolve("quarantine").resolve(component + ".json"),
        json.valueToTree(metadata).toPrettyString());
    append(
        root.resolve("docs/quarantine_log.md"),
        "| "
            + clock.instant()
            + " | "
            + component
            + " | quarantined | "
            + metadata.get("issue_type")
            + " | "
            + metadata.get("suggested_fix")
            + " |\n");
  }

  /** The metadata of a quarantined component, or null. */
  JsonNode quarantined(String component) {
    Path file = root.resolve("quarantine").resolve(component + ".json");
    return Files.exists(file) ? read(file) : null;
  }

  /** Returns the module from quarantine, removes its metadata and records the resolution. */
  void resolve(String component, String note) {
    move(
        root.resolve("quarantine").resolve(component + ".py"),
        root.resolve("modules").resolve(component + ".py"));
    try {
      Files.deleteIfExists(root.resolve("quarantine").resolve(component + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    append(
        root.resolve("docs/quarantine_log.md"),
        "| " + clock.instant() + " | " + component + " | resolved | | " + note + " |\n");
  }

  String quarantineLog() {
    return String.join("\n", lines(root.resolve("docs/quarantine_log.md")));
  }

  boolean moduleInPlace(String component) {
    return Files.exists(root.resolve("modules").resolve(component + ".py"));
  }

  /** Appends an event to {@code recovery_state/<component>.json} and returns the file's content. */
  ObjectNode recovery(String component, Map<String, Object> event) {
    Path file = root.resolve("recovery_state").resolve(component + ".json");
    ObjectNode state = Files.exists(file) ? (ObjectNode) read(file) : json.createObjectNode();
    state.put("component", component);
    state.withArray("events").add(json.valueToTree(event));
    state.put("last_event", String.valueOf(event.get("event")));
    state.put("updated_at", clock.instant().toString());
    write(file, state.toPrettyString());
    return state;
  }

  /** The downtime audit of a component, or null. */
  JsonNode recovery(String component) {
    Path file = root.resolve("recovery_state").resolve(component + ".json");
    return Files.exists(file) ? read(file) : null;
  }

  void auditLog(String text) {
    append(root.resolve("logs/dependency_audit.log"), text);
  }

  private JsonNode read(Path file) {
    try {
      return json.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void append(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(
          file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void move(Path from, Path to) {
    try {
      Files.createDirectories(to.getParent());
      if (Files.exists(from)) {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
