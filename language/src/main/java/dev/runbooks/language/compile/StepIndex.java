package dev.runbooks.language.compile;

import dev.runbooks.language.model.OnFailure;
import dev.runbooks.language.model.Runbook;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every step of a runbook in document order, with the parallel branches each one sits in; reports
 * duplicate ids.
 */
final class StepIndex {
  private final Map<String, Step> byId = new LinkedHashMap<>();
  private final Map<String, List<String>> branches = new LinkedHashMap<>();

  StepIndex(Runbook runbook, Problems problems) {
    walk(runbook.steps(), List.of(), problems);
    walk(runbook.finallySteps(), List.of(), problems);
    walk(runbook.rails().guards(), List.of(), problems);
  }

  Map<String, Step> byId() {
    return byId;
  }

  /** The parallel branches (as {@code <parallel id>#<index>}) a step sits in, outermost first. */
  List<String> branchesOf(String id) {
    return branches.getOrDefault(id, List.of());
  }

  private void walk(List<Step> steps, List<String> chain, Problems problems) {
    for (Step step : steps) {
      Step first = byId.putIfAbsent(step.id(), step);
      if (first != null && !step.id().isEmpty()) {
        problems.at(
            step.path() + ".id",
            "duplicate step id '"
                + step.id()
                + "' (first defined at "
                + problems.map().value(first.path() + ".id")
                + ")");
      } else {
        branches.put(step.id(), chain);
      }
      for (List<Step> nested : children(step)) {
        walk(nested, chain, problems);
      }
      if (step.body() instanceof StepBody.Parallel p) {
        for (int i = 0; i < p.branches().size(); i++) {
          List<String> inner = new ArrayList<>(chain);
          inner.add(step.id() + "#" + i);
          walk(p.branches().get(i).steps(), List.copyOf(inner), problems);
        }
      }
      walk(step.compensate(), chain, problems);
      if (step.onFailure() instanceof OnFailure.Handle h) {
        walk(h.steps(), chain, problems);
      }
    }
  }

  /** The step lists nested in a step's body, except parallel branches. */
  static List<List<Step>> children(Step step) {
    List<List<Step>> out = new ArrayList<>();
    if (step.body() instanceof StepBody.Switch s) {
      s.cases().forEach(c -> out.add(c.steps()));
      out.add(s.defaultSteps());
    } else if (step.body() instanceof StepBody.Foreach f) {
      out.add(f.steps());
    }
    return out;
  }

  /** Every step list nested in a step: body lists, branches, compensation and handlers. */
  static List<List<Step>> allNested(Step step) {
    return step.nestedLists();
  }

  /** Whether a step or anything nested in it waits (sleep, waitUntil or approval). */
  static boolean waits(Step step) {
    if (step.body() instanceof StepBody.Sleep
        || step.body() instanceof StepBody.WaitUntil
        || step.body() instanceof StepBody.Approval) {
      return true;
    }
    List<List<Step>> nested = children(step);
    if (step.body() instanceof StepBody.Parallel p) {
      p.branches().forEach(b -> nested.add(b.steps()));
    }
    for (List<Step> list : nested) {
      for (Step s : list) {
        if (waits(s)) {
          return true;
        }
      }
    }
    return false;
  }
}
