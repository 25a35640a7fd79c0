package dev.runbooks.language.model;

import dev.runbooks.language.Durations;
import java.time.Duration;
import java.util.Optional;

/**
 * A count per time window, written {@code N/<duration>} in YAML (such as {@code 10/1h}): start
 * limits ({@code limits.runs}) and blast radius ({@code maxTargets}) use it.
 *
 * @param count how many are allowed in the window; at least 1
 * @param window the sliding window; positive
 */
public record Rate(int count, Duration window) {
  public Rate {
    if (count < 1) {
      throw new IllegalArgumentException("a rate needs a count of at least 1");
    }
    if (window == null || window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("a rate needs a positive window");
    }
  }

  /** The rate written {@code text} ({@code 10/1h}), or empty when it is not one. */
  public static Optional<Rate> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      return Optional.empty();
    }
    try {
      int count = Integer.parseInt(text.substring(0, slash).trim());
      Duration window = Durations.parse(text.substring(slash + 1).trim());
      if (count < 1 || window == null || window.isZero() || window.isNegative()) {
        return Optional.empty();
      }
      return Optional.of(new Rate(count, window));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** As written in YAML, such as {@code 10/1h}. */
  @Override
  public String toString() {
    return count + "/" + Durations.format(window);
  }
}
