package dev.runbooks.language.model;

/**
 * A step's guard rails as written.
 *
 * @param lock {@code lock:} on the step (held while the step runs), or null
 * @param maxTargets {@code maxTargets:} on a mutating step: at most this many distinct targets per
 *     window, across all runs of the runbook; the next one fails the step with {@code
 *     BlastRadiusExceeded}. Null for no limit.
 */
public record StepRails(LockSpec lock, Rate maxTargets) {
  /** No rails on the step. */
  public static final StepRails NONE = new StepRails(null, null);
}
