package dev.runbooks.api;

import java.util.Locale;

/**
 * Where a step is: {@code pending} until reached, {@code running} (or {@code waiting} on a person,
 * a timer or a probe), then {@code succeeded}, {@code failed}, {@code skipped} (its {@code when}
 * did not hold), {@code cancelled}, {@code jumped} (an onFailure goto left it), {@code dry-run} (a
 * dry run simulated it), {@code reused} (a retried run took its recorded result from the run it
 * retries instead of running it) or {@code ended} (a fail or succeed step inside it ended the run;
 * see {@link StepState}, which carries the outcome).
 */
public enum StepStatus {
  PENDING,
  RUNNING,
  WAITING,
  SUCCEEDED,
  FAILED,
  SKIPPED,
  CANCELLED,
  JUMPED,
  DRY_RUN,
  REUSED,
  ENDED;

  /** The name in JSON, such as {@code dry-run}; an ended step's is completed by its outcome. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Whether the step is under way: running or waiting. */
  public boolean live() {
    return this == RUNNING || this == WAITING;
  }

  /** The status of a wire name (without an outcome); null when it is none. */
  public static StepStatus of(String wire) {
    for (StepStatus s : values()) {
      if (s.wire().equals(wire)) {
        return s;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return wire();
  }
}
