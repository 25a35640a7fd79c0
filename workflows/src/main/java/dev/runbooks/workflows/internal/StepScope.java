package dev.runbooks.workflows.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables a step sees beyond the run-wide ones: the current foreach element and index, the
 * error an onFailure handler is handling, and the steps that ran inside this foreach iteration
 * (which shadow the run-wide records, so each iteration sees its own results).
 */
final class StepScope {
  static final StepScope ROOT = new StepScope(null, null, 0, null, false);

  private final StepScope parent;
  private final Object item;
  private final long index;
  private final Map<String, Object> error;
  private final Map<String, Object> localSteps = new HashMap<>();
  private final boolean iteration;

  private StepScope(
      StepScope parent, Object item, long index, Map<String, Object> error, boolean iteration) {
    this.parent = parent;
    this.item = item;
    this.index = index;
    this.error = error;
    this.iteration = iteration;
  }

  /**
   * This scope as it is now, for a compensation registered here to run in later (see {@link
   * Compensations}): the same item, index and error, and a copy of the steps recorded in the
   * enclosing iterations, under the root. The root scope is its own capture.
   */
  StepScope captured() {
    if (this == ROOT) {
      return ROOT;
    }
    StepScope copy = new StepScope(ROOT, item, index, error, iteration);
    overlay(copy.localSteps);
    return copy;
  }

  /** This captured scope as a checkpoint carries it; null for the root scope. */
  Checkpoint.ScopeSnapshot snapshot() {
    if (this == ROOT) {
      return null;
    }
    Map<String, Object> steps = new LinkedHashMap<>();
    overlay(steps);
    return new Checkpoint.ScopeSnapshot(iteration, item, index, error, steps);
  }

  /** A captured scope restored from a checkpoint; the root scope for null. */
  static StepScope restore(Checkpoint.ScopeSnapshot snapshot) {
    if (snapshot == null) {
      return ROOT;
    }
    StepScope scope =
        new StepScope(
            ROOT, snapshot.item(), snapshot.index(), snapshot.error(), snapshot.iteration());
    if (snapshot.steps() != null) {
      scope.localSteps.putAll(snapshot.steps());
    }
    return scope;
  }

  /** Whether this scope is inside a foreach iteration (it has an item and index). */
  boolean inIteration() {
    return iteration;
  }

  /** A scope for one foreach iteration. */
  StepScope iteration(Object item, long index) {
    return new StepScope(this, item, index, error, true);
  }

  /** A scope for an onFailure handler. */
  StepScope handling(StepError error) {
    return new StepScope(this, item, index, error.toMap(), iteration);
  }

  /** Records a step's view in every enclosing iteration scope. */
  void remember(String stepId, Map<String, Object> view) {
    for (StepScope s = this; s != null && s.parent != null; s = s.parent) {
      s.localSteps.put(stepId, view);
    }
  }

  /** The steps this iteration has run so far (a checkpoint carries them). */
  Map<String, Object> localSteps() {
    return new LinkedHashMap<>(localSteps);
  }

  /** Puts back the steps an iteration had run when its run continued as new. */
  void restoreLocalSteps(Map<String, Object> steps) {
    localSteps.putAll(steps);
  }

  /** The variables for an expression, given the run-wide ones. */
  Map<String, Object> variables(Map<String, Object> runVariables, Map<String, Object> steps) {
    Map<String, Object> vars = new LinkedHashMap<>(runVariables);
    Map<String, Object> merged = steps;
    if (hasLocalSteps()) {
      merged = new LinkedHashMap<>(steps);
      overlay(merged);
    }
    vars.put("steps", merged);
    vars.put("item", item);
    vars.put("index", index);
    vars.put("error", error);
    return vars;
  }

  private boolean hasLocalSteps() {
    for (StepScope s = this; s != null; s = s.parent) {
      if (!s.localSteps.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private void overlay(Map<String, Object> into) {
    if (parent != null) {
      parent.overlay(into);
    }
    into.putAll(localSteps);
  }
}
