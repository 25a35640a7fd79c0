package dev.runbooks.workflows;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The guard rails a run asks before each mutating step: the autonomy it runs under now (the
 * runbook's own, an operator's override, or {@code approve} during a change freeze) and whether the
 * step's target fits its blast radius ({@code maxTargets}). Called as a local activity; the worker
 * implements it on the engine's PostgreSQL database (an in-memory implementation serves tests and
 * workers without one).
 */
@ActivityInterface
public interface GuardRailActivities {
  /**
   * Decides a mutating step. Records the step's target for its blast radius when it is allowed
   * (idempotent per workflow id, step id and target).
   */
  @ActivityMethod(name = "GuardRailPreflight")
  Preflight preflight(PreflightRequest request);
}
