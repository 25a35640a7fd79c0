package dev.runbooks.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a run answered to a decision (approve, reject, acknowledge, abort) sent as a Temporal
 * Update: whether it took it, and why not.
 *
 * @param result the answer
 * @param reason a sentence saying why, for any answer but {@link Result#ACCEPTED}; may be null then
 * @param step the step the decision was for, when one was
 */
public record DecisionAnswer(Result result, String reason, String step) {
  /** The answers a run gives. */
  public enum Result {
    /** The run took the decision. */
    ACCEPTED,
    /** Nothing of that kind waits (no approval pending, no ladder waiting, run ending). */
    NOT_WAITING,
    /** Someone decided before (or the run is already aborting). */
    ALREADY_DECIDED,
    /** The caller may not make this decision (not an approver, started the run, unverified). */
    NOT_ALLOWED;

    /** The name in JSON: {@code accepted}, {@code not-waiting}, … */
    @JsonValue
    public String wire() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The answer of a wire name. */
    @JsonCreator
    public static Result of(String wire) {
      for (Result r : values()) {
        if (r.wire().equals(wire)) {
          return r;
        }
      }
      throw new IllegalArgumentException("not a decision answer: '" + wire + "'");
    }
  }

  /** The decision was taken. */
  public static DecisionAnswer accepted(String step) {
    return new DecisionAnswer(Result.ACCEPTED, null, step);
  }
}
