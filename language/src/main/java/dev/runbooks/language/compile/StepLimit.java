package dev.runbooks.language.compile;

import dev.runbooks.language.model.Problem;
import dev.runbooks.language.model.Runbook;
import dev.runbooks.language.model.Step;
import java.util.List;

/**
 * Counts a runbook's steps, nested ones included, in the order {@link StepIndex} walks them, and
 * refuses the runbook at the first step over the limit.
 */
final class StepLimit {
  private int count;
  private final int max;

  private StepLimit(int max) {
    this.max = max;
  }

  /** The problem of the first step over the limit, or null when the runbook is within it. */
  static Problem check(Runbook runbook, int max) {
    StepLimit limit = new StepLimit(max);
    Step over = limit.walk(runbook.steps());
    if (over == null) {
      over = limit.walk(runbook.finallySteps());
    }
    if (over == null) {
      over = limit.walk(runbook.rails().guards());
    }
    if (over == null) {
      return null;
    }
    return new Problem(
        over.location(),
        over.path(),
        "the runbook has more than "
            + max
            + " steps (nested ones included); that is the limit, and this is step "
            + (max + 1));
  }

  private Step walk(List<Step> steps) {
    for (Step step : steps) {
      if (++count > max) {
        return step;
      }
      for (List<Step> nested : StepIndex.allNested(step)) {
        Step over = walk(nested);
        if (over != null) {
          return over;
        }
      }
    }
    return null;
  }
}
