package dev.runbooks.workflows.internal;

import dev.runbooks.language.model.Step;
import dev.runbooks.workflows.ChangeId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compensations registered by the steps that completed, one per execution of such a step (a
 * step inside a {@code foreach} registers one per iteration). Each keeps the scope of the execution
 * that registered it, captured when it completed: its {@code item} and {@code index}, the {@code
 * error} of the handler it ran in, and the iteration's own {@code steps}. {@link #run} runs them in
 * reverse completion order, each in its captured scope.
 *
 * <p>Runs recorded before scopes were captured ran every compensation in the root scope, so a
 * compensation inside a foreach saw no {@code item} and the {@code steps} of the last iteration;
 * the captured scope is used only behind {@link ChangeId#COMPENSATION_SCOPE}, asked when some
 * compensation has a scope of its own, and such a history keeps the root scope.
 */
final class Compensations {
  /** One registered compensation: the step whose compensate list runs, in the scope captured. */
  private record Registered(Step step, StepScope scope) {}

  private final List<Registered> registered = new ArrayList<>();

  /** Registers the compensation of a step that just completed in this scope. */
  void register(Step step, StepScope scope) {
    registered.add(new Registered(step, scope.captured()));
  }

  /** The registered compensations as a checkpoint carries them, in completion order. */
  List<Checkpoint.Compensation> snapshot() {
    List<Checkpoint.Compensation> out = new ArrayList<>();
    registered.forEach(
        r -> out.add(new Checkpoint.Compensation(r.step().id(), r.scope().snapshot())));
    return out;
  }

  /** Restores the compensations a checkpoint carried (steps no longer in the plan are dropped). */
  void restore(List<Checkpoint.Compensation> carried, Map<String, Step> stepsById) {
    if (carried == null) {
      return;
    }
    for (Checkpoint.Compensation c : carried) {
      Step step = stepsById.get(c.step());
      if (step != null) {
        registered.add(new Registered(step, StepScope.restore(c.scope())));
      }
    }
  }

  /**
   * Runs the compensations in reverse completion order; a failure is recorded in the run state's
   * {@code compensations} and the next compensation runs.
   */
  void run(StepRuntime runtime) {
    boolean scoped =
        registered.stream().anyMatch(r -> r.scope() != StepScope.ROOT)
            && ChangeId.COMPENSATION_SCOPE.enabled();
    for (int i = registered.size() - 1; i >= 0; i--) {
      Registered r = registered.get(i);
      StepScope scope = scoped ? r.scope() : StepScope.ROOT;
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("for", r.step().id());
      entry.put("steps", r.step().compensate().stream().map(Step::id).toList());
      if (scope.inIteration()) {
        Map<String, Object> vars = scope.variables(Map.of(), Map.of());
        entry.put("index", vars.get("index"));
        entry.put("item", vars.get("item"));
      }
      try {
        runtime.runList(r.step().compensate(), scope);
        entry.put("status", "succeeded");
      } catch (StepFailed | ControlTransfer.EndRun | ControlTransfer.Jump e) {
        entry.put("status", "failed");
        entry.put("message", e.getMessage());
      }
      runtime.state().compensated(entry);
    }
  }
}
