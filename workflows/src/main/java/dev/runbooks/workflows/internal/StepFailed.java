package dev.runbooks.workflows.internal;

/**
 * A step failed: the one exception that means it, thrown up the Java stack of the workflow thread.
 * It arises in three places, each made by its own factory:
 *
 * <ul>
 *   <li>{@link #action}: an activity failed for good (after its retries); the step that ran it
 *       fails with the activity's error, its result untouched. Control steps that probe (waitUntil)
 *       or post (ladders, notices, auto-resolve) catch it and go on.
 *   <li>{@link #withResult}: a control step failed, with the evidence it produced as its result.
 *   <li>{@link #propagated}: a step failed and its onFailure says abort, so the enclosing step (or
 *       the run) fails with its error; the message names the step.
 * </ul>
 */
final class StepFailed extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The step whose failure this is, once it propagates; null while the step is still running. */
  final String stepId;

  final transient StepError error;

  /** The result the failing step records, when {@link #carriesResult}. */
  final transient Object result;

  /** Whether the step records {@link #result} (else its result stays what it was). */
  final boolean carriesResult;

  private StepFailed(
      String message, String stepId, StepError error, Object result, boolean carriesResult) {
    super(message, null, false, false);
    this.stepId = stepId;
    this.error = error;
    this.result = result;
    this.carriesResult = carriesResult;
  }

  /** An activity failed for good. */
  static StepFailed action(StepError error) {
    return new StepFailed(error.message(), null, error, null, false);
  }

  /** A control step failed with this result (null for none). */
  static StepFailed withResult(StepError error, Object result) {
    return new StepFailed(error.message(), null, error, result, true);
  }

  /** A failed step's onFailure says abort: the failure goes up to the enclosing step or the run. */
  static StepFailed propagated(String stepId, StepError error) {
    return new StepFailed(
        "step '" + stepId + "' failed: " + error.message(), stepId, error, null, false);
  }

  /** Whether the failure is a step's that propagates (not yet a step's own failure). */
  boolean propagating() {
    return stepId != null;
  }
}
