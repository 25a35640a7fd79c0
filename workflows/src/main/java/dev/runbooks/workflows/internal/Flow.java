package dev.runbooks.workflows.internal;

/**
 * The interpreter's control transfers, thrown up the Java stack of the workflow thread. They are
 * not failures of the workflow: the interpreter always catches them.
 */
final class Flow {
  private Flow() {}

  /** A step failed and its onFailure says abort: the enclosing step (or the run) fails. */
  static final class StepFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String stepId;
    final transient StepError error;

    StepFailed(String stepId, StepError error) {
      super("step '" + stepId + "' failed: " + error.message(), null, false, false);
      this.stepId = stepId;
      this.error = error;
    }
  }

  /** A fail or succeed step ended the run with a stated outcome. */
  static final class EndRun extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String outcome;
    final String stepId;

    EndRun(String outcome, String message, String stepId) {
      super(message, null, false, false);
      this.outcome = outcome;
      this.stepId = stepId;
    }
  }

  /** onFailure goto: the step list holding the target continues from it. */
  static final class Jump extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String target;

    Jump(String target) {
      super("goto " + target, null, false, false);
      this.target = target;
    }
  }
}
