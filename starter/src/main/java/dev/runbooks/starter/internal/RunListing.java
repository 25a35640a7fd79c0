package dev.runbooks.starter.internal;

import com.google.protobuf.ByteString;
import dev.runbooks.workflows.RunbookWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The runs listing of {@code GET /api/runs}: one page of Temporal's visibility ({@code
 * ListWorkflowExecutions}) for a {@link RunsQuery}, with the page token of the next.
 */
final class RunListing {
  private final WorkflowClient client;
  private final int listLimit;

  /** A listing through this client, {@code listLimit} runs a page unless asked otherwise. */
  RunListing(WorkflowClient client, int listLimit) {
    this.client = client;
    this.listLimit = listLimit;
  }

  /**
   * A page of the runs the query selects, at most {@code limit} ({@link RunsQuery#limit}), in
   * Temporal's visibility order and, within the page, newest start first; the body of {@code GET
   * /api/runs} ({@link RunsQuery#body}).
   */
  Map<String, Object> page(RunsQuery query, Integer limit, String pageToken) {
    ListWorkflowExecutionsResponse response;
    try {
      response =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .listWorkflowExecutions(
                  ListWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setQuery(query.visibility(RunbookWorkflow.TASK_QUEUE))
                      .setPageSize(RunsQuery.limit(limit, listLimit))
                      .setNextPageToken(ByteString.copyFrom(RunsQuery.decodeToken(pageToken)))
                      .build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        throw new ApiException(
            HttpStatus.NOT_IMPLEMENTED,
            "this Temporal server cannot list runs (the embedded test server has no"
                + " visibility); use the Temporal CLI dev server (make run)",
            Map.of());
      }
      if (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
        throw ApiException.badRequest("the page token or a filter was refused: start again");
      }
      throw e;
    }
    List<WorkflowExecutionMetadata> found = new ArrayList<>();
    for (WorkflowExecutionInfo info : response.getExecutionsList()) {
      found.add(new WorkflowExecutionMetadata(info, client.getOptions().getDataConverter()));
    }
    found.sort(RunOperations.NEWEST_FIRST);
    List<Map<String, Object>> answer = new ArrayList<>();
    for (WorkflowExecutionMetadata run : found) {
      Map<String, Object> item = RunOperations.summary(run);
      item.put("links", Map.of("self", "/api/runs/" + run.getExecution().getWorkflowId()));
      answer.add(item);
    }
    return RunsQuery.body(answer, RunsQuery.encodeToken(response.getNextPageToken().toByteArray()));
  }
}
