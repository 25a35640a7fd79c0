package dev.runbooks.workflows;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * A durable resource lock: one workflow per lock name (workflow id {@link #ID_PREFIX} + name,
 * workflow type {@link #TYPE}, which no runbook name can take), holding at most one run at a time
 * and a FIFO queue of runs waiting. Runs ask through {@link LockActivities#acquire} (signal with
 * start) and are answered by signals to their workflow id: {@link
 * RunbookWorkflow#SIGNAL_LOCK_GRANTED} when they hold it, {@link RunbookWorkflow#SIGNAL_LOCK_BUSY}
 * when another run does. A holder releases with {@link #release}; a waiter that gives up withdraws
 * the same way (which also releases a grant that crossed its withdrawal). The lock checks every
 * {@link #LIVENESS_SECONDS} seconds that its holder and waiters still run, so a run that closed in
 * any way (completed, failed, terminated, timed out) never keeps it; it ends when nobody holds or
 * waits, and continues as new when its history grows.
 */
@WorkflowInterface
public interface RunbookLockWorkflow {
  /** The workflow type; CamelCase, so it never collides with a runbook's name. */
  String TYPE = "RunbookLock";

  /** The prefix of a lock workflow's id; the lock's name follows. */
  String ID_PREFIX = "runbook/lock/";

  /** How often the lock checks that its holder and waiters still run. */
  int LIVENESS_SECONDS = 20;

  /** The query returning {@link State}. */
  String QUERY_STATE = "state";

  /** The lock's workflow id. */
  static String workflowId(String name) {
    return ID_PREFIX + name;
  }

  /** Runs the lock; {@code carried} is its state (empty when it starts, carried when continued). */
  @WorkflowMethod(name = TYPE)
  void run(State carried);

  /** A run asks for the lock (idempotent per holder workflow id and request id). */
  @SignalMethod(name = "acquire")
  void acquire(Request request);

  /** A run releases the lock, or withdraws its request (idempotent). */
  @SignalMethod(name = "release")
  void release(Release release);

  /** Who holds the lock and who waits, with since-times. */
  @QueryMethod(name = QUERY_STATE)
  State state();

  /**
   * A request for the lock.
   *
   * @param lock the lock's name
   * @param workflowId the asking run's workflow id (signals reach the newest run of its chain)
   * @param chain the first run id of the asking run's chain, so a run continued as new still holds
   *     and a new run reusing the workflow id does not; empty when unknown
   * @param requestId unique per run and lock use; the same id asked again is the same request
   * @param runbook the asking run's runbook
   * @param step the step the lock is around; null for the runbook's own lock
   * @param queue true to queue behind the holder; false to be told {@code busy} at once
   * @param at when the run asked (ISO-8601)
   */
  record Request(
      String lock,
      String workflowId,
      String chain,
      String requestId,
      String runbook,
      String step,
      boolean queue,
      String at) {}

  /** A release, or the withdrawal of a request that gave up waiting. */
  record Release(String workflowId, String requestId) {}

  /**
   * A holder or a waiter.
   *
   * @param since when it got the lock (holder) or asked (waiter), ISO-8601
   */
  record Entry(
      String workflowId,
      String chain,
      String requestId,
      String runbook,
      String step,
      String since) {

    /** The entry of a request, since {@code since}. */
    static Entry of(Request r, String since) {
      return new Entry(r.workflowId(), r.chain(), r.requestId(), r.runbook(), r.step(), since);
    }

    /** Whether it is the entry of that run's request. */
    boolean is(String workflowId, String requestId) {
      return this.workflowId.equals(workflowId) && this.requestId.equals(requestId);
    }
  }

  /**
   * The lock's state.
   *
   * @param name the lock's name
   * @param holder the run holding it, or null
   * @param waiters the runs waiting, first in line first
   */
  record State(String name, Entry holder, List<Entry> waiters) {
    public State {
      waiters = waiters == null ? List.of() : List.copyOf(waiters);
    }
  }
}
