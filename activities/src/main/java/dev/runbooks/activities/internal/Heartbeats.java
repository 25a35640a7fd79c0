package dev.runbooks.activities.internal;

import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepFailures;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How executors that wait heartbeat: at least every {@link #INTERVAL}, well under the shortest
 * {@code heartbeatTimeout} a step may set (2 s), so a live attempt is never taken for a lost one.
 */
final class Heartbeats {
  /** How often an executor heartbeats while it waits. */
  static final Duration INTERVAL = Duration.ofSeconds(1);

  private Heartbeats() {}

  /**
   * Sleeps for {@code pause}, heartbeating {@code details} after every slice of at most {@link
   * #INTERVAL}. A heartbeat that throws (the activity was cancelled or its workflow is gone) ends
   * the wait at once.
   *
   * @param doing what the executor was doing, for the failure when the thread is interrupted
   */
  static void sleep(Duration pause, StepContext ctx, Supplier<Object> details, String doing) {
    long until = System.nanoTime() + pause.toNanos();
    try {
      while (true) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          return;
        }
        Thread.sleep(Math.max(1, Math.min(left, INTERVAL.toNanos()) / 1_000_000));
        ctx.heartbeat(details.get());
      }
    } catch (InterruptedException e) {
      throw StepFailures.interrupted(doing);
    }
  }
}
