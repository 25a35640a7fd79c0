package dev.runbooks.language.compile;

import dev.runbooks.language.model.OnFailure;
import dev.runbooks.language.model.Runbook;
import dev.runbooks.language.model.Step;
import java.util.List;
import java.util.Map;

/** Checks goto targets: they must be sibling steps, and a jump back must pass a wait. */
final class FlowCheck {
  private final Problems problems;
  private final Map<String, Step> all;

  FlowCheck(Problems problems, Map<String, Step> all) {
    this.problems = problems;
    this.all = all;
  }

  void check(Runbook runbook) {
    list(runbook.steps());
    list(runbook.finallySteps());
  }

  private void list(List<Step> steps) {
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (step.onFailure() instanceof OnFailure.Goto g) {
        gotoTarget(steps, i, g.target());
      }
      StepIndex.allNested(step).forEach(this::list);
    }
  }

  private void gotoTarget(List<Step> siblings, int from, String target) {
    Step step = siblings.get(from);
    String path = step.path() + ".onFailure.goto";
    int to = -1;
    for (int j = 0; j < siblings.size(); j++) {
      if (siblings.get(j).id().equals(target)) {
        to = j;
      }
    }
    if (to < 0) {
      if (all.containsKey(target)) {
        problems.at(
            path,
            "goto target '"
                + target
                + "' is not in the same step list; goto can only jump to a sibling step");
      } else {
        String hint = Suggestions.closest(target, all.keySet());
        problems.at(
            path,
            "goto target '"
                + target
                + "' is not a step"
                + (hint != null ? "; did you mean '" + hint + "'?" : ""));
      }
      return;
    }
    if (to <= from) {
      for (int j = to; j <= from; j++) {
        if (StepIndex.waits(siblings.get(j))) {
          return;
        }
      }
      problems.at(
          path, "goto '" + target + "' forms a loop without a wait (sleep, waitUntil or approval)");
    }
  }
}
