package dev.runbooks.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A step's status with, for a step whose run a fail or succeed step ended, the outcome it ended
 * with. In JSON it is one string: the status's wire name ({@code succeeded}, {@code dry-run}...),
 * or {@code ended: <outcome>}.
 *
 * @param status the status
 * @param outcome the run's outcome when the status is {@link StepStatus#ENDED}, else null
 */
public record StepState(StepStatus status, Outcome outcome) {
  private static final String ENDED_PREFIX = "ended: ";

  public static final StepState PENDING = new StepState(StepStatus.PENDING, null);
  public static final StepState RUNNING = new StepState(StepStatus.RUNNING, null);
  public static final StepState WAITING = new StepState(StepStatus.WAITING, null);
  public static final StepState SUCCEEDED = new StepState(StepStatus.SUCCEEDED, null);
  public static final StepState FAILED = new StepState(StepStatus.FAILED, null);
  public static final StepState SKIPPED = new StepState(StepStatus.SKIPPED, null);
  public static final StepState CANCELLED = new StepState(StepStatus.CANCELLED, null);
  public static final StepState JUMPED = new StepState(StepStatus.JUMPED, null);
  public static final StepState DRY_RUN = new StepState(StepStatus.DRY_RUN, null);
  public static final StepState REUSED = new StepState(StepStatus.REUSED, null);

  /** Checks that an outcome comes with, and only with, the ended status. */
  public StepState {
    Objects.requireNonNull(status, "status");
    if ((status == StepStatus.ENDED) != (outcome != null)) {
      throw new IllegalArgumentException("an outcome goes with the ended status only");
    }
  }

  /** The state of a step inside which a fail or succeed step ended the run. */
  public static StepState ended(Outcome outcome) {
    return new StepState(StepStatus.ENDED, Objects.requireNonNull(outcome, "outcome"));
  }

  /** The state of a plain status (not {@link StepStatus#ENDED}). */
  public static StepState of(StepStatus status) {
    return new StepState(status, null);
  }

  /** The JSON string: {@code succeeded}, {@code ended: escalated}... */
  @JsonValue
  public String wire() {
    return outcome == null ? status.wire() : ENDED_PREFIX + outcome.wire();
  }

  /** The state a JSON string names. */
  @JsonCreator
  public static StepState parse(String wire) {
    if (wire != null && wire.startsWith(ENDED_PREFIX)) {
      return ended(Outcome.of(wire.substring(ENDED_PREFIX.length())));
    }
    StepStatus status = StepStatus.of(wire);
    if (status == null || status == StepStatus.ENDED) {
      throw new IllegalArgumentException("not a step status: '" + wire + "'");
    }
    return of(status);
  }

  @Override
  public String toString() {
    return wire();
  }
}
