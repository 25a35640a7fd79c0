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

  /**
   * A given version of the named runbook, for a retry on the version of the run it retries. This
   * default serves only the current version; a catalog that keeps earlier versions overrides it.
   *
   * @throws io.temporal.failure.ApplicationFailure of type {@code UnknownRunbook} (non-retryable)
   *     when the catalog does not serve that version
   */
  @ActivityMethod(name = "LoadRunbookVersion")
  default RunbookSource loadVersion(String name, String version) {
    RunbookSource current = load(name);
    if (!current.version().equals(version)) {
      throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
          "version " + version + " of runbook '" + name + "' is not served", "UnknownRunbook");
    }
    return current;
  }
}
