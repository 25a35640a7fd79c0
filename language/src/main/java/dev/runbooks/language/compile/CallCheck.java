package dev.runbooks.language.compile;

import dev.runbooks.language.model.InputSpec;
import dev.runbooks.language.model.Problem;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import dev.runbooks.language.parse.FieldPaths;
import dev.runbooks.language.parse.ParseLimits;
import dev.runbooks.language.parse.YamlParser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the {@code call} steps of a compiled runbook against the runbooks they name: the target
 * must exist, every input given must be one it declares, every required input without a default
 * must be given, and an input written as a constant (not a template) must fit its declared type,
 * with the message a run would get at start. Inputs written as templates are checked when the call
 * runs. Problems are located at the field, as the compiler locates its own.
 */
public final class CallCheck {
  private CallCheck() {}

  /** The problems of the runbook's calls; empty when every call fits its target. */
  public static List<Problem> check(CompiledRunbook plan, CallTargets targets) {
    Problems problems =
        new Problems(
            YamlParser.parse(plan.source(), plan.file(), ParseLimits.defaults()).locations());
    for (Step step : plan.stepsById().values()) {
      if (step.body() instanceof StepBody.Call call && !call.runbook().contains("${{")) {
        check(problems, plan, step, call, targets);
      }
    }
    List<Problem> out = new ArrayList<>(problems.list());
    out.sort(
        Comparator.comparingInt((Problem p) -> p.location().line())
            .thenComparingInt(p -> p.location().column())
            .thenComparing(Problem::message));
    return out;
  }

  private static void check(
      Problems problems, CompiledRunbook plan, Step step, StepBody.Call call, CallTargets targets) {
    String path = FieldPaths.child(step.path(), "call");
    Optional<Map<String, InputSpec>> declared =
        call.runbook().equals(plan.name())
            ? Optional.of(plan.definition().inputs())
            : targets.inputsOf(call.runbook());
    if (declared.isEmpty()) {
      problems.at(
          FieldPaths.child(path, "runbook"),
          "call to runbook '" + call.runbook() + "', which is not in the catalog");
      return;
    }
    Map<String, InputSpec> inputs = declared.get();
    String inputsPath = FieldPaths.child(path, "inputs");
    call.inputs()
        .forEach(
            (name, value) -> {
              InputSpec spec =
                  InputChecks.declared(problems, inputs, name, FieldPaths.child(inputsPath, name));
              if (spec != null && !(value instanceof String s && s.contains("${{"))) {
                InputChecks.constant(
                    problems, call.runbook(), spec, value, FieldPaths.child(inputsPath, name));
              }
            });
    InputChecks.required(
        problems,
        inputs,
        call.inputs().keySet(),
        "the call to runbook '" + call.runbook() + "'",
        call.inputs().isEmpty() ? path : inputsPath);
  }
}
