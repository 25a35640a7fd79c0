package dev.runbooks.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a run ended, as its report, its search attribute and the CLI's exit code tell it. */
public enum Outcome {
  /** The steps ran to the end, or a succeed step ended the run. */
  RESOLVED,
  /** A fail or succeed step handed the run to people. */
  ESCALATED,
  /** A step failed and nothing handled it, or a fail step ended the run. */
  FAILED,
  /** Someone aborted the run (or Temporal cancelled or terminated it). */
  ABORTED,
  /**
   * The alert resolved while the run went on ({@code onResolved: stopBeforeMutation}): it stopped
   * before its next mutating step.
   */
  RESOLVED_EXTERNALLY,
  /**
   * A guard rail stopped the run before a mutating step: a guard failed ({@code guards:}), or the
   * kill switch holds the automation of a run no person started.
   */
  GUARDED,
  /** The run's lock was held by another run and its {@code onLocked} is {@code skip}. */
  SKIPPED;

  /**
   * The name in JSON: {@code resolved}, {@code escalated}, {@code failed}, {@code aborted}, {@code
   * resolved-externally}, {@code guarded} or {@code skipped}.
   */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The outcome of a wire name; null for null. */
  @JsonCreator
  public static Outcome of(String wire) {
    if (wire == null) {
      return null;
    }
    for (Outcome o : values()) {
      if (o.wire().equals(wire)) {
        return o;
      }
    }
    throw new IllegalArgumentException("not an outcome: '" + wire + "'");
  }

  /** The outcome of a value read from JSON (a string or null); null when it is none. */
  public static Outcome parse(Object wire) {
    if (!(wire instanceof String s)) {
      return null;
    }
    for (Outcome o : values()) {
      if (o.wire().equals(s)) {
        return o;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return wire();
  }
}
