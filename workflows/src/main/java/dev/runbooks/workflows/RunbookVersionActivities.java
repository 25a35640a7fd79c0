package dev.runbooks.workflows;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Looks up a given version of a runbook in the worker's catalog, for a run that retries another on
 * that run's version when the catalog's current version is another one. Called as a local activity,
 * only by such runs; its result pins the version.
 */
@ActivityInterface
public interface RunbookVersionActivities {
  /**
   * The source of the named runbook's given version.
   *
   * @throws io.temporal.failure.ApplicationFailure of type {@code UnknownRunbook} (non-retryable)
   *     when the catalog no longer serves that version
   */
  @ActivityMethod(name = "LoadRunbookVersion")
  RunbookSource loadVersion(String name, String version);
}
