package dev.runbooks.starter.dispatch.internal;

import dev.runbooks.workflows.RunMetadata;
import dev.runbooks.workflows.RunbookWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Temporal calls the dispatcher makes: start a run for a workflow id never used ({@link
 * #startNew}), describe a run by workflow id, start one (conflict policy USE_EXISTING, reuse
 * ALLOW_DUPLICATE), signal one; every start eager. Failures that mean "Temporal cannot be reached
 * or is overloaded" become {@link Unavailable}, so that rows wait instead of failing.
 */
final class TemporalCalls {
  /** Temporal could not be reached, or refused for a transient reason. */
  static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final Set<Status.Code> PERMANENT =
      Set.of(
          Status.Code.NOT_FOUND,
          Status.Code.INVALID_ARGUMENT,
          Status.Code.ALREADY_EXISTS,
          Status.Code.FAILED_PRECONDITION,
          Status.Code.UNIMPLEMENTED,
          Status.Code.OUT_OF_RANGE);

  private final WorkflowClient client;

  TemporalCalls(WorkflowClient client) {
    this.client = client;
  }

  /** Whether the frontend answers its health check. */
  boolean healthy() {
    try {
      return "SERVING".equals(client.getWorkflowServiceStubs().healthCheck().getStatus().name());
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The latest run with this workflow id, or empty when there is none. */
  Optional<WorkflowExecutionMetadata> describe(String workflowId) {
    try {
      return Optional.of(client.newUntypedWorkflowStub(workflowId).describe());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      if (code(e) == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw translate(e);
    }
  }

  /** The memo key naming the inbox row whose dispatch started a run. */
  static final String INBOX_MEMO = "inboxAlert";

  /**
   * Starts a run, or finds the one running under this id; returns its run id. The run's memo names
   * the inbox row ({@link #INBOX_MEMO}), so that a dispatcher that died after the start and before
   * recording it recognizes the run as its own instead of starting another. Its user metadata
   * ({@code metadata}, null for none) is what the Temporal Web UI shows as its summary and details.
   */
  String start(
      String runbook,
      String workflowId,
      Map<String, Object> inputs,
      Object trigger,
      long row,
      RunMetadata metadata) {
    WorkflowOptions options =
        options(workflowId, row, metadata)
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .build();
    try {
      return client.newUntypedWorkflowStub(runbook, options).start(inputs, trigger).getRunId();
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  /**
   * Starts a run only when no run, running or closed, ever had this workflow id (conflict policy
   * FAIL, reuse REJECT_DUPLICATE): the run id, or empty when one did, and nothing was started. A
   * new alert's run thus costs one call; a workflow id seen before is described first, as {@link
   * #start} expects.
   */
  Optional<String> startNew(
      String runbook,
      String workflowId,
      Map<String, Object> inputs,
      Object trigger,
      long row,
      RunMetadata metadata) {
    WorkflowOptions options =
        options(workflowId, row, metadata)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .build();
    try {
      return Optional.of(
          client.newUntypedWorkflowStub(runbook, options).start(inputs, trigger).getRunId());
    } catch (WorkflowExecutionAlreadyStarted e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      if (code(e) == Status.Code.ALREADY_EXISTS) {
        return Optional.empty();
      }
      throw translate(e);
    }
  }

  /**
   * The options of every start: eager ({@code setDisableEagerExecution(false)}): when this client's
   * worker factory has a worker on the task queue with a free workflow slot, the server hands the
   * run's first workflow task back in the start's answer and that worker runs it at once, without a
   * poll's round trip. Elsewhere (no local worker, a server that does not allow it) the start is an
   * ordinary one.
   */
  private static WorkflowOptions.Builder options(
      String workflowId, long row, RunMetadata metadata) {
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder()
            .setTaskQueue(RunbookWorkflow.TASK_QUEUE)
            .setWorkflowId(workflowId)
            .setMemo(Map.of(INBOX_MEMO, row))
            .setDisableEagerExecution(false);
    if (metadata != null) {
      options.setStaticSummary(metadata.summary()).setStaticDetails(metadata.details());
    }
    return options;
  }

  /** Signals the running run; false when it is no longer running. */
  boolean signal(String workflowId, String signal, Map<String, Object> payload) {
    try {
      client.newUntypedWorkflowStub(workflowId).signal(signal, payload);
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      if (code(e) == Status.Code.NOT_FOUND) {
        return false;
      }
      throw translate(e);
    }
  }

  private static RuntimeException translate(RuntimeException e) {
    Status.Code code = code(e);
    if (code != null && !PERMANENT.contains(code)) {
      String message = rootMessage(e);
      return new Unavailable(
          "Temporal: " + (message.startsWith(code.name()) ? message : code + " " + message), e);
    }
    return e;
  }

  private static Status.Code code(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s) {
        return s.getStatus().getCode();
      }
    }
    return e instanceof WorkflowServiceException ? Status.Code.UNKNOWN : null;
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.valueOf(root.getMessage());
  }
}
