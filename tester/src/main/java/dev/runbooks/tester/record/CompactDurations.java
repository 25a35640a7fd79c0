package dev.runbooks.tester.record;

import java.time.Duration;

/** Writes durations the way runbooks and test files write them: {@code 1h2m3s}, {@code 0s}. */
final class CompactDurations {
  private CompactDurations() {}

  /** The duration in whole seconds, rounded down. */
  static String floor(long millis) {
    return seconds(Math.max(0, millis) / 1000);
  }

  /** The duration in whole seconds, rounded up. */
  static String ceil(long millis) {
    return seconds((Math.max(0, millis) + 999) / 1000);
  }

  static String seconds(long total) {
    if (total == 0) {
      return "0s";
    }
    Duration d = Duration.ofSeconds(total);
    StringBuilder s = new StringBuilder();
    if (d.toHours() > 0) {
      s.append(d.toHours()).append('h');
    }
    if (d.toMinutesPart() > 0) {
      s.append(d.toMinutesPart()).append('m');
    }
    if (d.toSecondsPart() > 0) {
      s.append(d.toSecondsPart()).append('s');
    }
    return s.toString();
  }
}
