package dev.runbooks.language.compile;

import dev.runbooks.language.model.OnFailure;
import dev.runbooks.language.model.Runbook;
import dev.runbooks.language.model.Step;
import java.util.HashMap;
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
    Siblings siblings = new Siblings(steps);
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (step.onFailure() instanceof OnFailure.Goto g) {
        gotoTarget(siblings, i, g.target());
      }
      StepIndex.allNested(step).forEach(this::list);
    }
  }

  /**
   * A step list with what goto checks ask of it, computed once per list (at first use) so that
   * checking every goto stays linear in the number of steps: the position of each id (the last one,
   * when an id repeats) and how many steps up to each position wait.
   */
  private static final class Siblings {
    private final List<Step> steps;
    private Map<String, Integer> positions;
    private int[] waitsBefore;

    Siblings(List<Step> steps) {
      this.steps = steps;
    }

    int indexOf(String id) {
      if (positions == null) {
        positions = new HashMap<>();
        for (int j = 0; j < steps.size(); j++) {
          positions.put(steps.get(j).id(), j);
        }
      }
      return positions.getOrDefault(id, -1);
    }

    /** Whether a step from {@code from} to {@code to} (both included) waits. */
    boolean waitsBetween(int from, int to) {
      if (waitsBefore == null) {
        waitsBefore = new int[steps.size() + 1];
        for (int j = 0; j < steps.size(); j++) {
          waitsBefore[j + 1] = waitsBefore[j] + (StepIndex.waits(steps.get(j)) ? 1 : 0);
        }
      }
      return waitsBefore[to + 1] - waitsBefore[from] > 0;
    }
  }

  private void gotoTarget(Siblings siblings, int from, String target) {
    Step step = siblings.steps.get(from);
    String path = step.path() + ".onFailure.goto";
    int to = siblings.indexOf(target);
    if (to < 0) {
      if (all.containsKey(target)) {
        problems.at(
            path,
            "goto target '"
                + target
                + "' is not in the same step list; goto can only jump to a sibling step");
      } else {
        String hint = problems.hint(target, all.keySet());
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
      if (siblings.waitsBetween(to, from)) {
        return;
      }
      problems.at(
          path, "goto '" + target + "' forms a loop without a wait (sleep, waitUntil or approval)");
    }
  }
}
