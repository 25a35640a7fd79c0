package dev.runbooks.starter.dispatch.internal;

import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * The dispatcher's pause after failures: exponential from {@code initial}, capped at {@code max},
 * with full jitter (a random duration between zero and that ceiling). Replicas that lost Temporal
 * at the same moment therefore retry at different moments instead of in lock-step.
 */
final class Backoff {
  private final long initialMillis;
  private final long maxMillis;
  private final RandomGenerator random;

  /**
   * Creates a back-off drawing from {@code random} (a seeded one in tests).
   *
   * @param initial the ceiling after the first failure
   * @param max the highest ceiling ({@code runbook.intake.dispatcher.max-backoff})
   */
  Backoff(Duration initial, Duration max, RandomGenerator random) {
    this.initialMillis = Math.max(1, initial.toMillis());
    this.maxMillis = Math.max(0, max.toMillis());
    this.random = random;
  }

  /** A back-off seeded differently in every instance and process. */
  Backoff(Duration initial, Duration max) {
    this(initial, max, new Random());
  }

  /** The ceiling after {@code failures} failures: {@code initial * 2^(failures-1)}, capped. */
  Duration ceiling(int failures) {
    int shift = Math.min(30, Math.max(0, failures - 1));
    long millis = initialMillis << shift;
    return Duration.ofMillis(Math.min(millis, maxMillis));
  }

  /** The pause after {@code failures} failures: uniformly random in [0, ceiling]. */
  Duration delay(int failures) {
    long ceiling = ceiling(failures).toMillis();
    long drawn;
    synchronized (this) {
      drawn = random.nextLong(ceiling + 1);
    }
    return Duration.ofMillis(drawn);
  }
}
