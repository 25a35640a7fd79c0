package dev.runbooks.workflows;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Looks up the current version of a runbook in the worker's catalog. Called once per run as a local
 * activity; its result pins the version.
 */
@ActivityInterface
public interface RunbookSourceActivities {
  /**
   * The current source of the named runbook.
   *
   * @throws io.temporal.failure.ApplicationFailure of type {@code UnknownRunbook} (non-retryable)
   *     when the catalog has no such runbook
   */
  @ActivityMethod(name = "LoadRunbook")
  RunbookSource load(String name);
}
