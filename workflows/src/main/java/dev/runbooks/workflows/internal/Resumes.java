package dev.runbooks.workflows.internal;

/**
 * The checkpoint hooks of switch and waitUntil: what a step in progress had done when its run
 * continued as new, and the safe point between a waitUntil's polls.
 */
final class Resumes {
  private Resumes() {}

  /** The case the current switch took before its run continued as new, or null. */
  static Integer switchCase(Position position) {
    Position.Level level = position.safe() ? position.current() : null;
    if (level == null || level.index >= level.steps.size()) {
      return null;
    }
    Checkpoint.Progress p = position.resumedProgress(level.steps.get(level.index).id());
    if (p != null && p.switchCase() != null) {
      level.progress = p;
      return p.switchCase();
    }
    return null;
  }

  /** Notes the case a switch takes ({@code -1}: the default), for a checkpoint inside it. */
  static void chose(Position position, int index) {
    Position.Level level = position.safe() ? position.current() : null;
    if (level != null) {
      level.progress = new Checkpoint.Progress(index, null, null);
    }
  }

  /** How far a waitUntil had got before its run continued as new, or null. */
  static Checkpoint.WaitProgress waitUntil(Position position, String stepId) {
    Checkpoint.Progress p = position.resumedProgress(stepId);
    return p == null ? null : p.waitUntil();
  }

  /** The safe point between two polls of a waitUntil. */
  static void betweenPolls(StepRuntime runtime, Checkpoint.WaitProgress progress) {
    Position.Level level = runtime.position().safe() ? runtime.position().current() : null;
    if (level == null || runtime.continuing() == null) {
      return;
    }
    level.progress = new Checkpoint.Progress(null, null, progress);
    runtime.continuing().safePoint();
  }
}
