package dev.runbooks.starter.ui.internal;

import dev.runbooks.api.ContractJson;
import dev.runbooks.starter.internal.ApiException;
import dev.runbooks.starter.internal.RunOperations;
import dev.runbooks.workflows.RunbookSearchAttributes;
import dev.runbooks.workflows.RunbookWorkflow;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs the pages show: lists through Temporal visibility, filtered by {@link RunFilter}, and
 * the waits (approvals, acknowledgements) of the runs that are running.
 */
final class UiRuns {
  private static final Logger log = LoggerFactory.getLogger(UiRuns.class);

  /** How many running runs the home page asks for their waits, at most. */
  static final int MAX_RUNNING_ASKED = 25;

  private final RunOperations operations;

  UiRuns(RunOperations operations) {
    this.operations = operations;
  }

  /** One run in a list. */
  record Row(
      String workflowId,
      String runbook,
      String executionStatus,
      Instant started,
      Instant closed,
      Map<String, String> attributes) {

    /** The {@code Outcome} search attribute, or the execution status when it has none. */
    String outcome() {
      String outcome = attributes.get(RunbookSearchAttributes.OUTCOME.getName());
      return outcome == null || (outcome.equals("running") && !executionStatus.equals("running"))
          ? executionStatus
          : outcome;
    }
  }

  /** A list of runs, or why there is none ({@code problem}). */
  record Listing(List<Row> runs, String problem) {}

  /** A run that waits for people: its id, runbook and what it waits for. */
  record Wait(String workflowId, String runbook, Map<String, Object> details) {}

  /** The newest runs the filter selects, newest first; at most {@code limit}. */
  Listing list(RunFilter filter, int limit) {
    return search(filter.query(), limit);
  }

  /** The waits for people (approvals, acknowledgements) of the newest running runs. */
  List<Wait> waitsForPeople() {
    Listing running =
        search(
            "TaskQueue='" + RunbookWorkflow.TASK_QUEUE + "' AND ExecutionStatus='Running'",
            MAX_RUNNING_ASKED);
    List<Wait> waits = new ArrayList<>();
    for (Row row : running.runs()) {
      try {
        for (Map<String, Object> wait : waits(operations.get(row.workflowId()))) {
          if (isForPeople(wait)) {
            waits.add(new Wait(row.workflowId(), row.runbook(), wait));
          }
        }
      } catch (ApiException e) {
        log.debug("run {} closed while listing waits", row.workflowId(), e);
      }
    }
    return waits;
  }

  /** The run as {@code GET /api/runs/{id}} answers it. */
  Map<String, Object> get(String workflowId) {
    return operations.get(workflowId);
  }

  /** The waits of a run's status (empty once it closed). */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> waits(Map<String, Object> run) {
    if (run.get("status") instanceof Map<?, ?> status
        && "running".equals(run.get("executionStatus"))
        && status.get("waiting") instanceof List<?> waiting) {
      List<Map<String, Object>> all = new ArrayList<>();
      for (Object wait : waiting) {
        if (wait instanceof Map<?, ?> w) {
          all.add((Map<String, Object>) w);
        }
      }
      return all;
    }
    return List.of();
  }

  /** Whether a wait is one that a person ends: an approval or an acknowledgement. */
  static boolean isForPeople(Map<String, Object> wait) {
    var typed = ContractJson.waitOrNull(wait);
    return typed instanceof dev.runbooks.api.Wait.Approval
        || typed instanceof dev.runbooks.api.Wait.Acknowledgement;
  }

  private Listing search(String query, int limit) {
    var found = operations.newestFirst(query, limit);
    if (found.isEmpty()) {
      return new Listing(
          List.of(),
          "This Temporal server cannot list runs (the embedded test server has no visibility)."
              + " Open a run by its id, or use the Temporal CLI's dev server (make run).");
    }
    List<Row> rows = new ArrayList<>();
    for (WorkflowExecutionMetadata run : found.get()) {
      rows.add(
          new Row(
              run.getExecution().getWorkflowId(),
              run.getWorkflowType(),
              RunOperations.statusName(run.getStatus()),
              run.getStartTime(),
              run.getCloseTime(),
              RunOperations.searchAttributes(run)));
    }
    return new Listing(rows, null);
  }
}
