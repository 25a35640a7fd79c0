package dev.runbooks.activities;

import dev.runbooks.language.steps.ActionRequest;
import java.util.Map;

/**
 * Executes one action step type. The built-in executors are package-private classes of {@code
 * dev.runbooks.activities.internal}, one per {@link dev.runbooks.language.steps.ActionKind}, named
 * after it ({@code circuitBreaker} is {@code CircuitBreakerExecutor}) and built from a {@link
 * StepEnvironment} by {@link dev.runbooks.activities.internal.StepExecutors}; {@link
 * ActionActivities} dispatches to them on the activity type, which is the step type.
 *
 * <p>An executor binds the request's config (templates already rendered) to its own config record,
 * does the work and returns the step's result as plain JSON values (String, Long, Double, Boolean,
 * List, Map, null). It reports problems by throwing {@link io.temporal.failure.ApplicationFailure}
 * with a type from {@link StepFailures}. It logs no config values, only the step type and id.
 */
public interface StepExecutor {
  /** The step type this executor runs, such as {@code http}; also the activity type. */
  String type();

  /**
   * Runs the step.
   *
   * @param request the step's identity and rendered config
   * @param ctx the attempt number and a heartbeat
   * @return the step's result
   */
  Map<String, Object> execute(ActionRequest request, StepContext ctx);
}
