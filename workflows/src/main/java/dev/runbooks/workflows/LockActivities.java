package dev.runbooks.workflows;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * The calls between runs and their resource locks ({@link RunbookLockWorkflow}) that workflow code
 * cannot make itself: asking with signal-with-start, releasing, and learning which runs closed.
 * {@link TemporalLockActivities} implements them with the worker's Temporal client.
 */
@ActivityInterface
public interface LockActivities {
  /** Asks for the lock named in the request, starting the lock's workflow if it does not run. */
  @ActivityMethod(name = "LockAcquire")
  void acquire(RunbookLockWorkflow.Request request);

  /** Releases the lock (or withdraws the request); nothing happens when the lock does not run. */
  @ActivityMethod(name = "LockRelease")
  void release(String lock, RunbookLockWorkflow.Release release);

  /**
   * Which of these runs closed: their workflow id no longer runs, or runs a new chain.
   *
   * @return the workflow ids of the entries whose run closed
   */
  @ActivityMethod(name = "LockClosedRuns")
  List<String> closed(List<RunbookLockWorkflow.Entry> entries);
}
