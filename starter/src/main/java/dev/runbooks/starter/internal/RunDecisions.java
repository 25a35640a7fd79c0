package dev.runbooks.starter.internal;

import dev.runbooks.api.DecisionAction;
import dev.runbooks.api.DecisionAnswer;
import dev.runbooks.api.DecisionAnswer.Result;
import dev.runbooks.api.DecisionRequest;
import dev.runbooks.api.DecisionSeal;
import dev.runbooks.starter.security.Caller;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Sends a decision to a run as a sealed Temporal Update and reads its answer: the decider is the
 * authenticated caller, never a name from a request body.
 */
final class RunDecisions {
  private static final Logger log = LoggerFactory.getLogger(RunDecisions.class);

  private final WorkflowClient client;
  private final DecisionSeal seal;

  RunDecisions(WorkflowClient client, DecisionSeal seal) {
    this.client = client;
    this.seal = seal;
  }

  /** See {@link RunOperations#decide}. */
  DecisionAnswer decide(
      WorkflowExecutionMetadata run,
      DecisionAction action,
      Caller caller,
      String comment,
      String step,
      String reason) {
    String workflowId = run.getExecution().getWorkflowId();
    if (run.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      throw RunOperations.closed(workflowId, run.getStatus());
    }
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
    try {
      DecisionAnswer answer = send(stub, workflowId, action, caller, comment, step, reason);
      log.info(
          "{} by {} ({}) for {}: {}{}",
          action.wire(),
          caller.name(),
          caller.channel().wire(),
          workflowId,
          answer.result().wire(),
          answer.reason() == null ? "" : " (" + answer.reason() + ")");
      return answer;
    } catch (WorkflowNotFoundException e) {
      throw RunOperations.closed(workflowId, RunOperations.describe(stub, workflowId).getStatus());
    }
  }

  /** Executes the update on a running run and returns the run's answer, a refusal included. */
  private DecisionAnswer send(
      WorkflowStub stub,
      String workflowId,
      DecisionAction action,
      Caller caller,
      String comment,
      String step,
      String reason) {
    DecisionRequest request =
        seal.seal(
            workflowId,
            action,
            DecisionRequest.of(
                caller.actor(), blankToNull(comment), blankToNull(step), blankToNull(reason)));
    try {
      DecisionAnswer answer =
          stub.update(action.wire(), DecisionAnswer.class, request.toPayload(action));
      return answer == null ? DecisionAnswer.accepted(request.step()) : answer;
    } catch (WorkflowUpdateException e) {
      if (e.getCause() instanceof ApplicationFailure failure) {
        return new DecisionAnswer(
            result(failure.getType()), failure.getOriginalMessage(), request.step());
      }
      throw e;
    }
  }

  /** A refusal's answer; a failure of another kind means the run could not judge it yet. */
  private static Result result(String type) {
    try {
      return Result.of(type);
    } catch (IllegalArgumentException e) {
      return Result.NOT_WAITING;
    }
  }

  /**
   * The HTTP body of an accepted decision, {@code {"workflowId", "action", "result": "accepted",
   * "step"?}}; a refusal is an {@link ApiException}: 403 for not-allowed, 409 otherwise, with
   * {@code {"error": reason, "result", "reason"}}.
   */
  static Map<String, Object> body(String workflowId, DecisionAction action, DecisionAnswer answer) {
    if (answer.result() != Result.ACCEPTED) {
      String reason =
          answer.reason() == null ? answer.result().wire().replace('-', ' ') : answer.reason();
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("result", answer.result().wire());
      details.put("reason", reason);
      throw new ApiException(
          answer.result() == Result.NOT_ALLOWED ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT,
          reason,
          details);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("workflowId", workflowId);
    body.put("action", action.wire());
    body.put("result", answer.result().wire());
    if (answer.step() != null) {
      body.put("step", answer.step());
    }
    return body;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
