package dev.runbooks.tester;

import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a runbook's cases exercised: its steps (every step, nested, compensation, handler and
 * finally steps included) and its branches (each case of a switch, a switch's default, each branch
 * of a parallel step).
 *
 * @param runbook the runbook's name
 * @param steps every step id
 * @param coveredSteps the ids of the steps some case ran
 * @param branches every branch, named {@code switchId[case 1]}, {@code switchId[default]}, {@code
 *     parallelId[branchName]}
 * @param coveredBranches the branches some case took
 */
public record Coverage(
    String runbook,
    List<String> steps,
    List<String> coveredSteps,
    List<String> branches,
    List<String> coveredBranches) {

  /** The percentage of steps covered (100 for a runbook without steps). */
  public int stepPercent() {
    return steps.isEmpty() ? 100 : (int) Math.floor(100.0 * coveredSteps.size() / steps.size());
  }

  /** The percentage of branches covered (100 for a runbook without branches). */
  public int branchPercent() {
    return branches.isEmpty()
        ? 100
        : (int) Math.floor(100.0 * coveredBranches.size() / branches.size());
  }

  /** The coverage of a runbook by the paths of its cases. */
  static Coverage of(CompiledRunbook runbook, Collection<List<String>> paths) {
    Set<String> ran = new LinkedHashSet<>();
    paths.forEach(ran::addAll);
    List<String> steps = new ArrayList<>(runbook.stepsById().keySet());
    List<String> covered = steps.stream().filter(ran::contains).toList();
    List<String> branches = new ArrayList<>();
    List<String> coveredBranches = new ArrayList<>();
    for (Step step : runbook.stepsById().values()) {
      if (step.body() instanceof StepBody.Switch s) {
        for (int i = 0; i < s.cases().size(); i++) {
          String name = step.id() + "[case " + (i + 1) + "]";
          branches.add(name);
          List<Step> body = s.cases().get(i).steps();
          if (!body.isEmpty() && ran.contains(body.get(0).id())) {
            coveredBranches.add(name);
          }
        }
        String name = step.id() + "[default]";
        branches.add(name);
        boolean tookDefault =
            s.defaultSteps().isEmpty()
                ? paths.stream().anyMatch(p -> p.contains(step.id()) && noCase(s, p))
                : ran.contains(s.defaultSteps().get(0).id());
        if (tookDefault) {
          coveredBranches.add(name);
        }
      } else if (step.body() instanceof StepBody.Parallel p) {
        for (StepBody.Branch b : p.branches()) {
          String name = step.id() + "[" + b.name() + "]";
          branches.add(name);
          if (!b.steps().isEmpty() && ran.contains(b.steps().get(0).id())) {
            coveredBranches.add(name);
          }
        }
      }
    }
    return new Coverage(runbook.name(), steps, covered, branches, coveredBranches);
  }

  private static boolean noCase(StepBody.Switch s, List<String> path) {
    for (StepBody.Case c : s.cases()) {
      if (!c.steps().isEmpty() && path.contains(c.steps().get(0).id())) {
        return false;
      }
    }
    return true;
  }
}
