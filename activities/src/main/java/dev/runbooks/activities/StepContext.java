package dev.runbooks.activities;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What an executor may use of the activity it runs in: the attempt number and a way to heartbeat.
 * Executors never touch Temporal's activity context directly, so they can be tested without one.
 *
 * @param attempt the attempt number, starting at 1
 * @param heartbeater receives heartbeat details; may throw when the activity has been cancelled
 */
public record StepContext(int attempt, Consumer<Object> heartbeater) {
  public StepContext {
    Objects.requireNonNull(heartbeater, "heartbeater");
  }

  /** A context for running an executor outside Temporal: attempt 1, heartbeats go nowhere. */
  public static StepContext detached() {
    return new StepContext(1, details -> {});
  }

  /**
   * Reports that the step is still alive. Long-running executors call this every few seconds.
   *
   * @param details small, plain progress details (such as elapsed milliseconds)
   */
  public void heartbeat(Object details) {
    heartbeater.accept(details);
  }
}
