package dev.runbooks.language.compile;

import dev.runbooks.language.model.OnFailure;
import dev.runbooks.language.model.Runbook;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks goto targets (they must be sibling steps, and a jump back must pass a wait that always
 * takes time) and calls of the runbook itself (they must declare {@code maxDepth}).
 */
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
    list(runbook.rails().guards());
    for (Step step : all.values()) {
      if (step.body() instanceof StepBody.Call c
          && c.maxDepth() == null
          && !c.runbook().isEmpty()
          && c.runbook().equals(runbook.name())) {
        problems.at(
            step.path() + ".call.runbook",
            "runbook '"
                + c.runbook()
                + "' calls itself; declare maxDepth on the call (such as maxDepth: 3) to bound"
                + " how deep the calls can nest");
      }
    }
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
    if (to <= from && !passesAWait(siblings, to, from)) {
      boolean anyWait = siblings.waitsBetween(to, from);
      problems.at(
          path,
          anyWait
              ? "goto '"
                  + target
                  + "' forms a loop whose waits can all be skipped or take no time (a step with"
                  + " when, a sleep of 0s or from a template, a waitUntil whose condition already"
                  + " holds, a wait in a foreach, in some cases of a switch or after a step that"
                  + " can fail); add a sleep of at least 1s that every pass runs, such as"
                  + " {id: back_off, sleep: 30s}"
              : "goto '" + target + "' forms a loop without a wait (sleep, waitUntil or approval)");
    }
  }

  /**
   * Whether every pass of the loop from sibling {@code to} to sibling {@code from} (whose failure
   * jumps back) waits: some step in between always waits, and no step before it jumps past it.
   */
  private static boolean passesAWait(Siblings siblings, int to, int from) {
    // The farthest sibling (up to from) that a goto of a step before k jumps to: k is jumped over
    // exactly when that is past k. One pass, so the check stays linear in the loop's length.
    int farthestJump = -1;
    for (int k = to; k <= from; k++) {
      Step step = siblings.steps.get(k);
      if (alwaysWaits(step) && farthestJump <= k) {
        return true;
      }
      if (step.onFailure() instanceof OnFailure.Goto g) {
        int t = siblings.indexOf(g.target());
        if (t <= from) {
          farthestJump = Math.max(farthestJump, t);
        }
      }
    }
    return false;
  }

  /**
   * Whether running the step always waits for a positive time: a sleep of a positive duration
   * written out, an approval with a positive timeout, or a switch or parallel step every one of
   * whose paths always waits. A step with {@code when} can be skipped, a sleep from a template can
   * be {@code 0s}, a {@code waitUntil} returns at once when its condition already holds, and a
   * {@code foreach} can have no items, so none of them counts.
   */
  static boolean alwaysWaits(Step step) {
    if (step.when() != null && !step.when().isBlank()) {
      return false;
    }
    StepBody body = step.body();
    if (body instanceof StepBody.Sleep s) {
      return s.template() == null
          && s.duration() != null
          && s.duration().compareTo(Duration.ZERO) > 0;
    }
    if (body instanceof StepBody.Approval a) {
      return a.timeout() == null || a.timeout().compareTo(Duration.ZERO) > 0;
    }
    if (body instanceof StepBody.Switch s) {
      return s.cases().stream().allMatch(c -> alwaysWaits(c.steps()))
          && alwaysWaits(s.defaultSteps());
    }
    if (body instanceof StepBody.Parallel p) {
      return !p.branches().isEmpty() && p.branches().stream().allMatch(b -> alwaysWaits(b.steps()));
    }
    return false;
  }

  /**
   * Whether running a nested list always waits: a step that always waits comes before any step that
   * could end the list early (one that can fail without {@code onFailure: continue} or a handler
   * list, or that jumps).
   */
  private static boolean alwaysWaits(List<Step> steps) {
    for (Step step : steps) {
      if (alwaysWaits(step)) {
        return true;
      }
      boolean goesOn =
          step.body() instanceof StepBody.Log
              || step.onFailure() instanceof OnFailure.Continue
              || step.onFailure() instanceof OnFailure.Handle;
      if (!goesOn) {
        return false;
      }
    }
    return false;
  }
}
