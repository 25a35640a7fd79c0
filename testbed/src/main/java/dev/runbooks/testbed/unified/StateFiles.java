package dev.runbooks.testbed.unified;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The agents' persisted state, as real files under {@code data/state/} in the system's data
 * directory: SystemDigitalTwin's twin of the system and the session memories. SystemDigitalTwin
 * reads its file when it starts, so a corrupt file makes it crash on every start until the state is
 * cleared (the seed's "Complete System Recovery": {@code rm -rf data/state/*}); without a file it
 * starts from an empty state and writes a new one.
 */
final class StateFiles {
  static final String TWIN = "digital_twin.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  StateFiles(Path dataDir) {
    this.dir = dataDir.resolve("data/state");
  }

  void reset() {
    clear();
    write(TWIN, "{\"agents\": 16, \"profile\": \"core\", \"revision\": 1842}");
    write("session_memory.json", "{\"sessions\": 3}");
  }

  /** Truncates the twin's file mid-write, as a crash during a save leaves it. */
  void corrupt() {
    write(TWIN, "{\"agents\": 16, \"profile\": \"co");
  }

  /** Why SystemDigitalTwin cannot load its state, or null when it can (or there is none). */
  String twinProblem() {
    Path file = dir.resolve(TWIN);
    if (!Files.exists(file)) {
      return null;
    }
    try {
      JSON.readTree(Files.readString(file));
      return null;
    } catch (IOException e) {
      return "json.decoder.JSONDecodeError: data/state/" + TWIN + " is not valid JSON";
    }
  }

  /** SystemDigitalTwin writes a fresh state when it starts without one. */
  void ensureTwin() {
    if (!Files.exists(dir.resolve(TWIN))) {
      write(TWIN, "{\"agents\": 0, \"revision\": 1}");
    }
  }

  /** The files, by name. */
  List<String> files() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes every file ({@code rm -rf data/state/*}); the names deleted. */
  List<String> clear() {
    List<String> deleted = new ArrayList<>();
    for (String name : files()) {
      try {
        Files.delete(dir.resolve(name));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      deleted.add("data/state/" + name);
    }
    return deleted;
  }

  private void write(String name, String text) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
