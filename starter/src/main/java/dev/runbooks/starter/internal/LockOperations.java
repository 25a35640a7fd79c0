package dev.runbooks.starter.internal;

import dev.runbooks.workflows.RunbookLockWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The resource locks as the API and the page show them: each lock workflow ({@link
 * RunbookLockWorkflow}) that runs, found through Temporal's visibility by its workflow type, and
 * asked for its state; or the locks asked for by name, which needs no visibility.
 */
public class LockOperations {
  /** At most this many locks are listed. */
  static final int LIMIT = 200;

  private final WorkflowClient client;

  /** Operations over the locks of {@code client}'s namespace. */
  public LockOperations(WorkflowClient client) {
    this.client = client;
  }

  /**
   * A run holding or waiting for a lock.
   *
   * @param workflowId the run's workflow id
   * @param runbook its runbook
   * @param step the step the lock is around; null for the runbook's own lock
   * @param since when it got the lock or asked for it (ISO-8601)
   */
  public record Party(String workflowId, String runbook, String step, String since) {
    static Party of(RunbookLockWorkflow.Entry e) {
      return e == null ? null : new Party(e.workflowId(), e.runbook(), e.step(), e.since());
    }
  }

  /** One lock: its holder (null when free) and its waiters, first in line first. */
  public record Lock(String name, Party holder, List<Party> waiters) {}

  /**
   * The locks found.
   *
   * @param listed false when the Temporal server cannot list workflows (only named locks show)
   * @param locks the locks, by name
   */
  public record Locks(boolean listed, List<Lock> locks) {}

  /** The locks named, or, with no name, every lock that runs (held or waited for). */
  public Locks list(List<String> names) {
    if (names != null && !names.isEmpty()) {
      return new Locks(true, names.stream().distinct().sorted().map(this::one).toList());
    }
    List<Lock> found = new ArrayList<>();
    String query =
        "WorkflowType = '" + RunbookLockWorkflow.TYPE + "' AND ExecutionStatus = 'Running'";
    try (var runs = client.listExecutions(query)) {
      for (WorkflowExecutionMetadata run : runs.limit(LIMIT).toList()) {
        String id = run.getExecution().getWorkflowId();
        if (id.startsWith(RunbookLockWorkflow.ID_PREFIX)) {
          found.add(one(id.substring(RunbookLockWorkflow.ID_PREFIX.length())));
        }
      }
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return new Locks(false, List.of());
      }
      throw e;
    }
    found.sort(Comparator.comparing(Lock::name));
    return new Locks(true, found);
  }

  /** One lock by name; free when its workflow never ran or has ended. */
  public Lock one(String name) {
    RunbookLockWorkflow.State state;
    try {
      state =
          client
              .newWorkflowStub(RunbookLockWorkflow.class, RunbookLockWorkflow.workflowId(name))
              .state();
    } catch (WorkflowException gone) {
      return new Lock(name, null, List.of());
    }
    return new Lock(
        name, Party.of(state.holder()), state.waiters().stream().map(Party::of).toList());
  }
}
