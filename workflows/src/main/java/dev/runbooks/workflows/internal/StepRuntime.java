package dev.runbooks.workflows.internal;

import dev.runbooks.language.model.Step;
import java.util.List;
import java.util.Map;

/**
 * What the steps that hold, wait on or fan out to other steps ({@link ControlSteps}, {@link
 * FanOut}, {@link Ladder}, {@link Compensations}) need of the run: to run a step list in a scope,
 * the variables and text of a scope, the run's state and actions, visibility, where the interpreter
 * is, and the safe points of continue-as-new. {@link Interpreter} is the one implementation; a
 * narrow interface keeps those classes from reaching into the rest of it.
 */
interface StepRuntime {
  /**
   * Runs a step list in a scope; a goto from one of its steps continues from the sibling target.
   */
  void runList(List<Step> steps, StepScope scope);

  /** The variables of an expression evaluated in this scope. */
  Map<String, Object> variables(StepScope scope);

  /** A template rendered in this scope, as text. */
  String text(String template, StepScope scope);

  /** A run-wide variable ({@code inputs}, {@code alert}, {@code run}). */
  Object runVariable(String name);

  /** The run's records, waits and events. */
  RunState state();

  /** Runs activities. */
  ActionRunner actions();

  /** The run's search attributes. */
  Visibility visibility();

  /** Where the interpreter is on the run's main line. */
  Position position();

  /** Continues the run as new at safe points; null when the run never does. */
  ContinueAsNew continuing();
}
