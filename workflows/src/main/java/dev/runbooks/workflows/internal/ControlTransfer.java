package dev.runbooks.workflows.internal;

import dev.runbooks.api.Outcome;

/**
 * The interpreter's control transfers, thrown up the Java stack of the workflow thread. They are
 * not failures of the workflow: the interpreter always catches them. A step's failure is {@link
 * StepFailed}.
 */
final class ControlTransfer {
  private ControlTransfer() {}

  /** A fail or succeed step ended the run with a stated outcome. */
  static final class EndRun extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Outcome outcome;
    final String stepId;

    EndRun(Outcome outcome, String message, String stepId) {
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
