package dev.runbooks.language.compile;

import dev.runbooks.language.expr.Expressions;
import dev.runbooks.language.expr.Expressions.Expect;
import dev.runbooks.language.expr.Templates;
import dev.runbooks.language.model.LockSpec;
import dev.runbooks.language.model.OnFailure;
import dev.runbooks.language.model.Runbook;
import dev.runbooks.language.model.StartLimits;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import dev.runbooks.language.steps.ActionKinds;
import java.util.List;
import java.util.Map;

/**
 * Checks the guard rails beyond binding: {@code maxTargets} only on mutating action steps, guards
 * that are read-only action steps without compensation, a per-target key that is a template over
 * {@code alert} only, and lock names that name only what is in scope when the lock is taken. The
 * step references and inputs of a step's lock are checked by {@link ExpressionCheck}.
 */
final class RailsCheck {
  /** What a runbook's lock may not name: it is taken before the first step runs. */
  private static final List<String> NOT_IN_RUNBOOK_LOCK =
      List.of("steps", "result", "item", "index", "error");

  /** What a step's lock may not name: it is taken before the step runs. */
  private static final List<String> NOT_IN_STEP_LOCK = List.of("result");

  static final String READ_ONLY =
      "a read-only action step (prometheus, http with method GET or HEAD, tcp, sql, or command"
          + " with mutating: false)";

  private final Problems problems;
  private final Runbook runbook;
  private final Map<String, Step> steps;

  RailsCheck(Problems problems, Runbook runbook, Map<String, Step> steps) {
    this.problems = problems;
    this.runbook = runbook;
    this.steps = steps;
  }

  void check() {
    StartLimits limits = runbook.rails().limits();
    if (limits != null) {
      limits(limits);
    }
    if (runbook.rails().lock() != null) {
      lock(runbook.rails().lock(), "", NOT_IN_RUNBOOK_LOCK, "a runbook's lock", "the first step");
    }
    runbook.rails().guards().forEach(this::guard);
    for (Step step : steps.values()) {
      if (step.rails().maxTargets() != null) {
        maxTargets(step);
      }
      if (step.rails().lock() != null) {
        lock(step.rails().lock(), step.path(), NOT_IN_STEP_LOCK, "a step's lock", "the step");
      }
    }
  }

  private void limits(StartLimits limits) {
    if (limits.runs() == null && limits.perTarget() == null && problems.map().has("limits")) {
      if (!problems.map().has("limits.runs") && !problems.map().has("limits.perTarget")) {
        problems.at("limits", "limits needs runs, perTarget or both, such as runs: 10/1h");
      }
    }
    if (limits.perTarget() == null) {
      return;
    }
    String path = "limits.perTarget.key";
    String key = limits.perTarget().key();
    List<String> expressions = Templates.expressionsIn(key);
    if (expressions.isEmpty()) {
      problems.at(
          path,
          "the key must name the target with a template over alert, such as ${{"
              + " alert.labels.instance }}; a fixed key puts every alert in one bucket");
      return;
    }
    for (String expr : expressions) {
      for (String name : TriggerCheck.outOfScope(expr)) {
        problems.at(
            path,
            "only alert is in scope in limits.perTarget.key, not '"
                + name
                + "': limits are checked when the alert arrives, before any run exists");
      }
      for (String message : Expressions.standard().check(expr, Expect.ANY)) {
        problems.at(path, message);
      }
    }
  }

  private void lock(
      LockSpec lock, String owner, List<String> notInScope, String what, String when) {
    String path = lockPath(owner);
    for (String expr : Templates.expressionsIn(lock.name())) {
      if (Templates.secretName(expr).isPresent()) {
        if (owner.isEmpty()) { // a step's lock goes through ExpressionCheck, which says so
          problems.at(path, "a lock's name cannot hold secrets: lock names are shown to everyone");
        }
        continue;
      }
      for (String name : TriggerCheck.outOfScope(expr, notInScope)) {
        problems.at(
            path,
            what
                + " cannot name '"
                + name
                + "': the lock is taken before "
                + when
                + " runs; it may name "
                + (owner.isEmpty()
                    ? "inputs, alert and run"
                    : "inputs, alert, run and earlier steps"));
      }
      if (owner.isEmpty()) {
        // a step's lock goes through ExpressionCheck with the step's scope
        for (String input : ExpressionCheck.inputReferences(expr)) {
          if (!runbook.inputs().containsKey(input)) {
            problems.at(path, "unknown input '" + input + "' in inputs." + input);
          }
        }
        for (String message : Expressions.standard().check(expr, Expect.ANY)) {
          problems.at(path, message);
        }
      }
    }
  }

  /** The path of a lock's name: {@code lock} when written as text, {@code lock.name} in a map. */
  private String lockPath(String owner) {
    String lock = owner.isEmpty() ? "lock" : owner + ".lock";
    return problems.map().has(lock + ".name") ? lock + ".name" : lock;
  }

  private void maxTargets(Step step) {
    String why = readOnly(step);
    if (why != null) {
      problems.at(
          step.path() + ".maxTargets",
          "maxTargets applies only to mutating action steps (restart, circuitBreaker reset, dlq"
              + " retry/resolve/discard, http other than GET and HEAD, command); "
              + why);
    }
  }

  private void guard(Step guard) {
    String wrong = null;
    if (!(guard.body() instanceof StepBody.Action action)) {
      wrong = ", not a " + guard.type() + " step";
    } else if (action.type().equals("escalate")) {
      wrong = ", not an escalate step, which pages people";
    } else if (readOnly(guard) == null) {
      wrong =
          "; this "
              + action.type()
              + " step changes things"
              + switch (action.type()) {
                case "http" -> " (method " + action.config().getOrDefault("method", "GET") + ")";
                case "command" -> "; add mutating: false when the command only reads";
                default -> "";
              };
    }
    if (wrong != null) {
      problems.at(guard.path(), "guard '" + guard.id() + "' must be " + READ_ONLY + wrong);
    }
    if (guard.onFailure() instanceof OnFailure.Continue
        || guard.onFailure() instanceof OnFailure.Goto) {
      problems.at(
          guard.path() + ".onFailure",
          "a guard's onFailure is a list of handler steps (or abort): a guard that fails always"
              + " stops the run, after its handler");
    }
    if (!guard.compensate().isEmpty()) {
      problems.atKey(
          guard.path() + ".compensate",
          "a guard cannot have compensate: guards change nothing, so there is nothing to undo");
    }
  }

  /** Why a step changes nothing (so is not a mutating action), or null when it is one. */
  private static String readOnly(Step step) {
    if (!(step.body() instanceof StepBody.Action action)) {
      return "a " + step.type() + " step is not an action";
    }
    if (action.type().equals("escalate")) {
      return "an escalate step pages people and changes nothing";
    }
    boolean mutating =
        ActionKinds.find(action.type()).map(k -> k.mutating(action.config())).orElse(true);
    if (mutating) {
      return null;
    }
    return "this " + action.type() + " step changes nothing" + readOnlyBecause(action);
  }

  private static String readOnlyBecause(StepBody.Action action) {
    return switch (action.type()) {
      case "http" -> " (method " + action.config().getOrDefault("method", "GET") + ")";
      case "command" -> " (mutating: false)";
      case "circuitBreaker" -> " (only action reset does)";
      case "dlq" -> " (action inspect only reads)";
      default -> "";
    };
  }
}
