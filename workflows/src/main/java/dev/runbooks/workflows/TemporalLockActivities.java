package dev.runbooks.workflows;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.activity.Activity;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link LockActivities} with the Temporal client of the worker running the activity. Register one
 * instance on the {@code runbooks} task queue beside {@link RunbookLockWorkflowImpl}.
 */
public final class TemporalLockActivities implements LockActivities {
  private static WorkflowClient client() {
    return Activity.getExecutionContext().getWorkflowClient();
  }

  @Override
  public void acquire(RunbookLockWorkflow.Request request) {
    WorkflowClient client = client();
    RunbookLockWorkflow lock =
        client.newWorkflowStub(
            RunbookLockWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(RunbookLockWorkflow.workflowId(request.lock()))
                .setTaskQueue(RunbookWorkflow.TASK_QUEUE)
                .build());
    BatchRequest batch = client.newSignalWithStartRequest();
    batch.add(lock::run, new RunbookLockWorkflow.State(request.lock(), null, List.of()));
    batch.add(lock::acquire, request);
    client.signalWithStart(batch);
  }

  @Override
  public void release(String lock, RunbookLockWorkflow.Release release) {
    try {
      client()
          .newUntypedWorkflowStub(RunbookLockWorkflow.workflowId(lock))
          .signal("release", release);
    } catch (WorkflowNotFoundException gone) {
      // the lock ended: nobody holds it, so there is nothing to release
    }
  }

  @Override
  public List<String> closed(List<RunbookLockWorkflow.Entry> entries) {
    WorkflowClient client = client();
    List<String> closed = new ArrayList<>();
    for (RunbookLockWorkflow.Entry entry : entries) {
      if (!running(client, entry)) {
        closed.add(entry.workflowId());
      }
    }
    return closed;
  }

  private static boolean running(WorkflowClient client, RunbookLockWorkflow.Entry entry) {
    WorkflowExecutionDescription run;
    try {
      run = client.newUntypedWorkflowStub(entry.workflowId()).describe();
    } catch (WorkflowNotFoundException gone) {
      return false;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
    if (run.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return false;
    }
    String first = run.getFirstRunId();
    return entry.chain() == null
        || entry.chain().isEmpty()
        || first == null
        || first.isEmpty()
        || first.equals(entry.chain());
  }
}
