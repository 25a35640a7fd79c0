package dev.runbooks.language;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as runbooks write them: compact forms such as {@code 250ms}, {@code 30s}, {@code 5m},
 * {@code 1h30m}, {@code 2d} or {@code 1h30m15s}, and ISO-8601 such as {@code PT30S}.
 */
public final class Durations {
  private static final Pattern COMPACT =
      Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @throws IllegalArgumentException with a message for people when the text is not a duration
   */
  public static Duration parse(String text) {
    if (text == null) {
      throw invalid(null);
    }
    String s = text.strip();
    if (s.isEmpty()) {
      throw invalid(text);
    }
    if (s.startsWith("P") || s.startsWith("p") || s.startsWith("-P")) {
      try {
        Duration d = Duration.parse(s);
        if (d.isNegative()) {
          throw invalid(text);
        }
        return d;
      } catch (DateTimeParseException e) {
        throw invalid(text);
      }
    }
    Matcher m = COMPACT.matcher(s);
    if (!m.matches()) {
      throw invalid(text);
    }
    try {
      Duration d = Duration.ZERO;
      d = d.plusDays(group(m, 1));
      d = d.plusHours(group(m, 2));
      d = d.plusMinutes(group(m, 3));
      d = d.plusSeconds(group(m, 4));
      d = d.plusMillis(group(m, 5));
      return d;
    } catch (ArithmeticException | NumberFormatException e) {
      throw invalid(text);
    }
  }

  private static long group(Matcher m, int group) {
    String g = m.group(group);
    return g == null ? 0 : Long.parseLong(g);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "invalid duration '" + text + "': use forms like 30s, 5m, 1h30m or PT30S");
  }

  /** Whether the text is a duration {@link #parse} accepts. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Formats a duration compactly, such as {@code 1h30m}, {@code 250ms} or {@code 2d}; zero is
   * {@code 0s}.
   */
  public static String format(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder out = new StringBuilder();
    Duration d = duration;
    if (d.isNegative()) {
      out.append('-');
      d = d.negated();
    }
    long days = d.toDays();
    int hours = d.toHoursPart();
    int minutes = d.toMinutesPart();
    int seconds = d.toSecondsPart();
    int millis = d.toMillisPart();
    if (days > 0) {
      out.append(days).append('d');
    }
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (seconds > 0) {
      out.append(seconds).append('s');
    }
    if (millis > 0) {
      out.append(millis).append("ms");
    }
    if (out.length() == 0 || out.toString().equals("-")) {
      out.append(d.toNanos()).append("ns");
    }
    return out.toString();
  }
}
