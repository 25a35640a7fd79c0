package dev.runbooks.language.routing;

import dev.runbooks.language.model.OnResolved;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A runbook an alert routes to, through the first of its triggers that matched: the runbook's name
 * and version, the trigger's index in {@code triggers:}, the bound inputs, the rendered dedup key,
 * the trigger's cooldown and {@code onResolved}. When the inputs could not be rendered or bound, or
 * the trigger failed to evaluate, {@code problems} says why (one plain message each) and {@code
 * inputs} is empty: such a route must not start a run, and the intake reports it.
 *
 * <p>A resolved alert routes the same way as a firing one, so the intake can find the run by its
 * {@link #workflowId()} and signal or cancel it as {@code onResolved} says; it never starts a run.
 */
public record Route(
    String runbook,
    String version,
    int triggerIndex,
    Map<String, Object> inputs,
    String dedupKey,
    Duration cooldown,
    OnResolved onResolved,
    List<String> problems) {
  public Route {
    inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    cooldown = cooldown == null ? Duration.ZERO : cooldown;
    problems = problems == null ? List.of() : List.copyOf(problems);
  }

  /** Whether the route can start a run: its inputs bound without problems. */
  public boolean ok() {
    return problems.isEmpty();
  }

  /** The id of the run this route starts or finds: {@link AlertRouter#workflowId}. */
  public String workflowId() {
    return AlertRouter.workflowId(runbook, dedupKey);
  }
}
