package dev.runbooks.starter.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.WorkflowExecutionHistory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A run's Temporal history, for {@code bin/runbook test --record}: {@code GET
 * /api/history/<workflow-id>} answers the history of the run's latest execution as Temporal's JSON
 * ({@code WorkflowExecutionHistory.toJson}, the format of {@code temporal workflow show -o json}),
 * with every payload decoded by the application's data converter (encrypted payloads decrypted) and
 * written as plain JSON. Viewers may read it, as they may read the run's report; 404 when there is
 * no such run.
 */
@Tag(name = "runs")
@RestController
public class RunHistoryController {
  private final WorkflowClient client;
  private final RunOperations runs;

  RunHistoryController(WorkflowClient client, RunOperations runs) {
    this.client = client;
    this.runs = runs;
  }

  /** The run's history, payloads decoded. */
  @Operation(
      operationId = "getRunHistory",
      summary = "A run's Temporal event history, as JSON.",
      description = "The id is the workflow id, runbook/<name>/<uuid>, slashes and all.")
  @GetMapping("/api/history/{*id}")
  ResponseEntity<String> history(@PathVariable String id) {
    String workflowId = RunsController.checkId(id.startsWith("/") ? id.substring(1) : id);
    if (workflowId.isEmpty()) {
      throw ApiException.notFound("no run id given");
    }
    WorkflowExecutionMetadata run = runs.describe(workflowId);
    WorkflowExecutionHistory fetched =
        client.fetchHistory(workflowId, run.getExecution().getRunId());
    History decoded =
        new HistoryPayloads(client.getOptions().getDataConverter()).decode(fetched.getHistory());
    String json = new WorkflowExecutionHistory(decoded, workflowId).toJson(true);
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
  }
}
