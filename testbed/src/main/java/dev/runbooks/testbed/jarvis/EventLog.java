package dev.runbooks.testbed.jarvis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * JARVIS's application log (what {@code jarvis logs} shows): the errors the features hit, the
 * breakers opening, the operators' actions. Repeated errors are throttled the way a real log
 * handler would be, so the log stays readable.
 */
final class EventLog {
  private static final int MAX_LINES = 5000;

  private record Line(Instant at, String level, String logger, String message) {}

  private final Deque<Line> lines = new ArrayDeque<>();
  private final Map<String, Instant> lastByKey = new HashMap<>();

  /** Adds a line. */
  void add(Instant at, String level, String logger, String message) {
    lines.addLast(new Line(at, level, logger, message));
    while (lines.size() > MAX_LINES) {
      lines.removeFirst();
    }
  }

  /** Adds a line unless a line with the same key was added less than {@code every} ago. */
  void throttled(
      Instant at, String key, Duration every, String level, String logger, String message) {
    Instant last = lastByKey.get(key);
    if (last == null || !at.isBefore(last.plus(every))) {
      lastByKey.put(key, at);
      add(at, level, logger, message);
    }
  }

  /**
   * The lines since a time, newest last, optionally only those of a level or containing a text
   * (case-insensitive), at most {@code limit} (the newest).
   */
  ObjectNode query(Instant since, String level, String grep, int limit) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    Deque<Line> matching = new ArrayDeque<>();
    String needle = grep == null ? null : grep.toLowerCase(Locale.ROOT);
    for (Line line : lines) {
      if (line.at().isBefore(since)) {
        continue;
      }
      if (level != null && !line.level().equalsIgnoreCase(level)) {
        continue;
      }
      if (needle != null && !line.message().toLowerCase(Locale.ROOT).contains(needle)) {
        continue;
      }
      matching.addLast(line);
      if (matching.size() > limit) {
        matching.removeFirst();
      }
    }
    for (Line line : matching) {
      ObjectNode node = out.addObject();
      node.put("at", line.at().toString());
      node.put("level", line.level());
      node.put("logger", line.logger());
      node.put("message", line.message());
    }
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("count", out.size());
    result.set("lines", out);
    return result;
  }

  /** Forgets every line. */
  void clear() {
    lines.clear();
    lastByKey.clear();
  }
}
