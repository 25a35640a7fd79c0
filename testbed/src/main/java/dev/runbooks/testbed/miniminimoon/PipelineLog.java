package dev.runbooks.testbed.miniminimoon;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The orchestrator's log: lines are written to {@code logs/orchestrator.log} (when the disk has
 * room and the log level lets them through) and the newest thousand are kept in memory for {@code
 * GET /logs}, the seed's {@code grep ... logs/*.log}.
 */
final class PipelineLog {
  private static final int LINES = 1000;

  private final Storage storage;
  private final Deque<String> lines = new ArrayDeque<>();

  PipelineLog(Storage storage) {
    this.storage = storage;
  }

  void clear() {
    lines.clear();
  }

  /** Keeps a line and appends it to the log file. */
  void write(String line, String level) {
    lines.addLast(line);
    while (lines.size() > LINES) {
      lines.removeFirst();
    }
    if (storage.mode().logs(level)) {
      storage.put("logs/orchestrator.log", line + "\n", true);
    }
  }

  /**
   * The newest lines (at most {@code limit}) of a level (or any, when null) that contain any of the
   * {@code |}-separated terms (grep's {@code a\\|b} works too), case-insensitively.
   */
  List<String> query(String grep, String level, int limit) {
    List<String> terms =
        grep == null || grep.isBlank()
            ? List.of()
            : List.of(grep.toLowerCase(Locale.ROOT).split("\\\\?\\|"));
    List<String> found = new ArrayList<>();
    for (String line : lines) {
      String lower = line.toLowerCase(Locale.ROOT);
      boolean levelOk = level == null || line.contains(" " + level.toUpperCase(Locale.ROOT) + " ");
      if (levelOk && (terms.isEmpty() || terms.stream().anyMatch(lower::contains))) {
        found.add(line);
      }
    }
    return found.subList(Math.max(0, found.size() - limit), found.size());
  }
}
