package dev.runbooks.language.compile;

import dev.runbooks.language.expr.CelText;
import dev.runbooks.language.expr.Expressions;
import dev.runbooks.language.expr.Expressions.Expect;
import dev.runbooks.language.expr.Templates;
import dev.runbooks.language.model.InputSpec;
import dev.runbooks.language.model.OnFailure;
import dev.runbooks.language.model.Runbook;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import dev.runbooks.language.parse.FieldPaths;
import dev.runbooks.language.steps.ActionKinds;
import dev.runbooks.language.types.ResultTypes;
import dev.runbooks.language.types.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every CEL expression and template: syntax and types, references to steps (which must exist
 * and must have been able to run before) and to inputs (which must be declared).
 */
final class ExpressionCheck {
  private static final Pattern INPUT_REF =
      Pattern.compile("\\binputs\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern INPUT_INDEX_REF =
      Pattern.compile("\\binputs\\s*\\[\\s*['\"]([^'\"]+)['\"]\\s*]");

  private final Problems problems;
  private final StepIndex index;
  private final Map<String, InputSpec> inputs;
  private final List<Pending> pending = new ArrayList<>();
  private final Map<String, ValueType> stepTypes = new HashMap<>();
  private final ValueType inputsType;
  private final Problems types;

  /**
   * A check that reports what the type checker finds to {@code types}, and the rest to {@code
   * problems}.
   */
  ExpressionCheck(
      Problems problems, Problems types, StepIndex index, Map<String, InputSpec> inputs) {
    this.problems = problems;
    this.types = types;
    this.index = index;
    this.inputs = inputs;
    this.inputsType = StepTypes.inputs(inputs);
  }

  void check(Runbook runbook) {
    list(runbook.steps(), new Visible(null));
    Visible all = new Visible(null);
    all.own.addAll(index.byId().keySet());
    list(runbook.finallySteps(), all);
    // guards run before mutating steps, whichever: they can count on no step having run
    list(runbook.rails().guards(), new Visible(null));
    // Sequential on purpose: the compiler runs in the workflow thread (PlanCache), where no other
    // thread may run (WorkflowDeterminismTest); the CEL cache keeps repeated checks cheap.
    for (Pending p : pending) {
      for (String message : CelChecks.problems(p.source(), p.expect())) {
        problems.at(p.path(), message);
      }
    }
  }

  /** A CEL expression to check, and the path of the field it is written in. */
  private record Pending(String source, Expect expect, String path) {}

  /** Checks a step list; {@code visible} holds the ids that may have run and grows as it goes. */
  private void list(List<Step> steps, Visible visible) {
    for (Step step : steps) {
      step(step, visible);
    }
  }

  private void step(Step step, Visible visible) {
    String path = step.path();
    if (step.when() != null) {
      cel(step.when(), Expect.BOOL, path + ".when", step, visible);
    }
    if (step.rails().lock() != null) {
      String lock = problems.map().has(path + ".lock.name") ? path + ".lock.name" : path + ".lock";
      // RailsCheck says why a lock cannot name result: it is not reported twice
      template(step.rails().lock().name(), lock, step, visible, false, ValueType.ANY);
    }
    ValueType result = body(step, visible);
    if (step.dryRunResult() != null) {
      // rendered in a dry run where the step would have run: no result of its own, no secrets
      tree(step.dryRunResult(), path + ".dryRunResult", step, visible, Set.of(), "", false, null);
    }
    visible.own.add(step.id());
    Map<String, ValueType> outputs = new LinkedHashMap<>();
    step.outputs()
        .forEach(
            (name, expr) ->
                outputs.put(
                    name, cel(expr, Expect.ANY, path + ".outputs." + name, step, visible, result)));
    stepTypes.put(step.id(), StepTypes.view(result, outputs));
    list(step.compensate(), visible.nested());
    if (step.onFailure() instanceof OnFailure.Handle h) {
      list(h.steps(), visible.handling());
    }
    for (List<Step> nested : StepIndex.allNested(step)) {
      nested.forEach(s -> collect(s, visible.own));
    }
  }

  private static void collect(Step step, Set<String> into) {
    into.add(step.id());
    StepIndex.allNested(step).forEach(l -> l.forEach(s -> collect(s, into)));
  }

  /** Checks a step's body and returns the type of its result. */
  private ValueType body(Step step, Visible visible) {
    String path = FieldPaths.child(step.path(), step.type());
    StepBody body = step.body();
    if (body instanceof StepBody.Action a) {
      return action(a, path, step, visible);
    } else if (body instanceof StepBody.Log l) {
      template(l.message(), pathOf(path, "message"), step, visible, false);
    } else if (body instanceof StepBody.Fail f) {
      template(f.message(), pathOf(path, "message"), step, visible, false);
    } else if (body instanceof StepBody.Succeed s) {
      template(s.message(), pathOf(path, "message"), step, visible, false);
    } else if (body instanceof StepBody.Sleep s && s.template() != null) {
      template(s.template(), path, step, visible, false);
    } else if (body instanceof StepBody.Approval a) {
      template(a.prompt(), path + ".prompt", step, visible, false);
      return ResultTypes.APPROVAL;
    } else if (body instanceof StepBody.Call c) {
      tree(c.inputs(), path + ".inputs", step, visible, Set.of(), "", false, null);
      return ResultTypes.CALL;
    } else if (body instanceof StepBody.Switch s) {
      for (int i = 0; i < s.cases().size(); i++) {
        String casePath = FieldPaths.index(path + ".cases", i);
        cel(s.cases().get(i).when(), Expect.BOOL, casePath + ".when", step, visible);
        list(s.cases().get(i).steps(), visible.nested());
      }
      list(s.defaultSteps(), visible.nested());
    } else if (body instanceof StepBody.Parallel p) {
      p.branches().forEach(b -> list(b.steps(), visible.nested()));
      return ResultTypes.PARALLEL;
    } else if (body instanceof StepBody.Foreach f) {
      ValueType items = cel(f.items(), Expect.LIST, path + ".items", step, visible);
      ValueType item = items instanceof ValueType.ListOf l ? l.element() : ValueType.ANY;
      list(f.steps(), visible.iterating(item));
      return ResultTypes.foreach(item);
    } else if (body instanceof StepBody.WaitUntil w) {
      ValueType probe = ValueType.ANY;
      if (!w.probe().type().isEmpty()) {
        probe = action(w.probe(), path + ".probe." + w.probe().type(), step, visible);
      }
      cel(w.condition(), Expect.BOOL, path + ".condition", step, visible, probe);
      if (!w.failWhen().isEmpty()) {
        cel(w.failWhen(), Expect.BOOL, path + ".failWhen", step, visible, probe);
      }
      return ResultTypes.waitUntil(probe);
    }
    return ValueType.ANY;
  }

  private String pathOf(String stepTypePath, String field) {
    return problems.map().has(stepTypePath + "." + field)
        ? stepTypePath + "." + field
        : stepTypePath;
  }

  /** Checks an action's config and returns the type of its result. */
  private ValueType action(StepBody.Action a, String path, Step step, Visible visible) {
    Set<String> exprFields =
        ActionKinds.find(a.type()).map(k -> k.expressionFields()).orElse(Set.of());
    ValueType result =
        ActionKinds.find(a.type()).map(k -> k.resultType(a.config())).orElse(ValueType.ANY);
    tree(a.config(), path, step, visible, exprFields, "", true, result);
    return result;
  }

  private void tree(
      Object value,
      String path,
      Step step,
      Visible visible,
      Set<String> exprs,
      String dotted,
      boolean secrets,
      ValueType result) {
    if (value instanceof String s) {
      if (exprs.contains(dotted)) {
        cel(s, Expect.BOOL, path, step, visible, result);
      } else {
        template(s, path, step, visible, secrets);
      }
    } else if (value instanceof Map<?, ?> m) {
      m.forEach(
          (k, v) ->
              tree(
                  v,
                  FieldPaths.child(path, String.valueOf(k)),
                  step,
                  visible,
                  exprs,
                  dotted.isEmpty() ? String.valueOf(k) : dotted + "." + k,
                  secrets,
                  result));
    } else if (value instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        tree(
            l.get(i),
            FieldPaths.index(path, i),
            step,
            visible,
            exprs,
            dotted + "[]",
            secrets,
            result);
      }
    }
  }

  private void template(
      String text, String path, Step step, Visible visible, boolean secretsAllowed) {
    template(text, path, step, visible, secretsAllowed, null);
  }

  private void template(
      String text,
      String path,
      Step step,
      Visible visible,
      boolean secretsAllowed,
      ValueType result) {
    for (String expr : Templates.expressionsIn(text)) {
      if (Templates.secretName(expr).isPresent()) {
        if (!secretsAllowed) {
          problems.at(
              path,
              "secrets can only be used in the config of action steps, as ${{ secrets.NAME }}:"
                  + " they are resolved inside the activity and never reach the run's history");
        }
        continue;
      }
      cel(expr, Expect.ANY, path, step, visible, result);
    }
  }

  private ValueType cel(String source, Expect expect, String path, Step step, Visible visible) {
    return cel(source, expect, path, step, visible, null);
  }

  /**
   * Checks an expression where {@code result} has the given type (null where it is not bound) and
   * returns its type.
   */
  private ValueType cel(
      String source, Expect expect, String path, Step step, Visible visible, ValueType result) {
    if (source == null || (source.isBlank() && !problems.map().has(path))) {
      return ValueType.ANY;
    }
    pending.add(new Pending(source, expect, path));
    for (String id : Expressions.stepReferences(source)) {
      stepReference(id, path, step, visible);
    }
    for (String name : inputReferences(source)) {
      if (!inputs.containsKey(name)) {
        String hint = problems.hint(name, inputs.keySet());
        problems.at(
            path,
            "unknown input '"
                + name
                + "' in inputs."
                + name
                + (hint != null ? "; did you mean '" + hint + "'?" : ""));
      }
    }
    var tree = Expressions.standard().tree(source);
    if (tree.isEmpty()) {
      return ValueType.ANY;
    }
    TypeCheck.Typed typed =
        TypeCheck.check(
            tree.get(),
            new TypeCheck.Env(inputsType, stepTypes, visible.item, visible.error, result));
    typed.problems().forEach(m -> types.at(path, m));
    StepTypes.expected(source, expect, typed.type()).ifPresent(m -> types.at(path, m));
    return typed.type();
  }

  private void stepReference(String id, String path, Step step, Visible visible) {
    if (!index.byId().containsKey(id)) {
      String hint = problems.hint(id, index.byId().keySet());
      problems.at(
          path,
          "unknown step '"
              + id
              + "' in steps."
              + id
              + (hint != null ? "; did you mean '" + hint + "'?" : ""));
      return;
    }
    if (visible.contains(id)) {
      return;
    }
    List<String> mine = index.branchesOf(step.id());
    List<String> theirs = index.branchesOf(id);
    for (int i = 0; i < Math.min(mine.size(), theirs.size()); i++) {
      String a = mine.get(i);
      String b = theirs.get(i);
      if (!a.equals(b) && a.substring(0, a.indexOf('#')).equals(b.substring(0, b.indexOf('#')))) {
        problems.at(
            path,
            "step '"
                + id
                + "' runs in another branch of parallel step '"
                + a.substring(0, a.indexOf('#'))
                + "', so it may not have run");
        return;
      }
    }
    problems.at(path, "step '" + id + "' is referenced before it can have run");
  }

  static Set<String> inputReferences(String source) {
    Set<String> names = new LinkedHashSet<>();
    Matcher indexed = INPUT_INDEX_REF.matcher(source);
    while (indexed.find()) {
      names.add(indexed.group(1));
    }
    Matcher m = INPUT_REF.matcher(CelText.blankStringLiterals(source));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }
}
