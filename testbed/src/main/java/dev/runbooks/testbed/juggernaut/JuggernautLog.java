package dev.runbooks.testbed.juggernaut;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Juggernaut's log, {@code logs/juggernaut.log} under the system's data directory (what {@code tail
 * -f logs/juggernaut.log | grep ERROR} reads), with the recent lines kept in memory for the {@code
 * /api/logs} endpoint.
 */
final class JuggernautLog {
  private static final int KEPT = 5000;

  /** One line of the log. */
  record Line(Instant at, String level, String logger, String message) {
    String text() {
      return at + " " + level + " [" + logger + "] " + message;
    }
  }

  private final Clock clock;
  private final Path file;
  private final Deque<Line> recent = new ArrayDeque<>();

  JuggernautLog(Clock clock, Path dir) {
    this.clock = clock;
    try {
      this.file = Files.createDirectories(dir.resolve("logs")).resolve("juggernaut.log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void info(String logger, String message) {
    write("INFO", logger, message);
  }

  void warn(String logger, String message) {
    write("WARNING", logger, message);
  }

  void error(String logger, String message) {
    write("ERROR", logger, message);
  }

  private void write(String level, String logger, String message) {
    Line line = new Line(clock.instant(), level, logger, message);
    recent.addLast(line);
    while (recent.size() > KEPT) {
      recent.removeFirst();
    }
    try {
      Files.writeString(
          file,
          line.text() + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the file afresh. */
  void reset() {
    recent.clear();
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines of a level (or all when null) since an instant, newest last, at most limit. */
  List<Map<String, Object>> lines(String level, Instant since, int limit) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Line line : recent) {
      if ((level == null || line.level().equals(level)) && !line.at().isBefore(since)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", line.at().toString());
        m.put("level", line.level());
        m.put("logger", line.logger());
        m.put("message", line.message());
        out.add(m);
      }
    }
    return out.size() > limit ? out.subList(out.size() - limit, out.size()) : out;
  }

  Path file() {
    return file;
  }
}
