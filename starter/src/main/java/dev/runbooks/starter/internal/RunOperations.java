package dev.runbooks.starter.internal;

import dev.runbooks.api.Actor;
import dev.runbooks.api.DecisionAction;
import dev.runbooks.api.DecisionAnswer;
import dev.runbooks.api.DecisionSeal;
import dev.runbooks.starter.RunbookApiProperties;
import dev.runbooks.starter.security.Caller;
import dev.runbooks.workflows.RunMetadata;
import dev.runbooks.workflows.RunbookSearchAttributes;
import dev.runbooks.workflows.RunbookWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the run endpoints do in Temporal: start a runbook's workflow, describe and query a run,
 * signal it, and list runs through visibility. Every answer is a plain map ready for JSON.
 */
public class RunOperations {
  private static final Logger log = LoggerFactory.getLogger(RunOperations.class);

  /** Newest start first, runs without a start time last. */
  static final Comparator<WorkflowExecutionMetadata> NEWEST_FIRST =
      Comparator.comparing(
              WorkflowExecutionMetadata::getStartTime,
              Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
          .reversed();

  private final WorkflowClient client;
  private final RunbookApiProperties properties;
  private final RunDecisions decisions;

  /**
   * Creates the operations over a client of the namespace that runs runbooks, sealing decisions
   * with {@code seal}.
   */
  public RunOperations(WorkflowClient client, RunbookApiProperties properties, DecisionSeal seal) {
    this.client = client;
    this.properties = properties;
    this.decisions = new RunDecisions(client, seal);
  }

  /**
   * Starts a run of the named runbook with the given inputs under the given workflow id; a dry run
   * probes for real and only records what mutating steps would have done. The run records who
   * started it ({@code startedBy} in its start context).
   */
  WorkflowExecution start(
      String runbook,
      Map<String, Object> inputs,
      String workflowId,
      boolean dryRun,
      Actor startedBy) {
    return start(runbook, inputs, workflowId, dryRun, startedBy, null);
  }

  /**
   * Like {@link #start(String, Map, String, boolean, Actor)}, with the summary and details the
   * Temporal Web UI shows of the run ({@code metadata}, null for none).
   */
  WorkflowExecution start(
      String runbook,
      Map<String, Object> inputs,
      String workflowId,
      boolean dryRun,
      Actor startedBy,
      RunMetadata metadata) {
    WorkflowOptions.Builder builder =
        WorkflowOptions.newBuilder()
            .setTaskQueue(RunbookWorkflow.TASK_QUEUE)
            .setWorkflowId(workflowId);
    if (metadata != null) {
      builder.setStaticSummary(metadata.summary()).setStaticDetails(metadata.details());
    }
    WorkflowOptions options = builder.build();
    WorkflowStub stub = client.newUntypedWorkflowStub(runbook, options);
    Map<String, Object> context = new LinkedHashMap<>();
    if (dryRun) {
      context.put("dryRun", true);
    }
    context.put("startedBy", startedBy(startedBy));
    try {
      return stub.start(inputs, context);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw ApiException.conflict(
          "a run with this workflow id is already running", Map.of("workflowId", workflowId));
    }
  }

  /**
   * Describes a run: its Temporal execution status, and the status query's answer while it runs or
   * the run report once it closed.
   */
  public Map<String, Object> get(String workflowId) {
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
    WorkflowExecutionMetadata description = describe(stub, workflowId);
    WorkflowExecutionStatus status = description.getStatus();
    Map<String, Object> run = summary(description);
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      run.put("status", query(stub));
    } else if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      run.put("report", result(stub));
    } else {
      run.put("error", failure(stub));
      run.put("status", query(stub));
    }
    run.put("links", links(workflowId, description.getExecution().getRunId()));
    return run;
  }

  /** A run's description (its runbook is the workflow type): 404 when there is no such run. */
  public WorkflowExecutionMetadata describe(String workflowId) {
    return describe(client.newUntypedWorkflowStub(workflowId), workflowId);
  }

  /** The start context's {@code startedBy}: {@code {name, groups, channel}}. */
  public static Map<String, Object> startedBy(Actor actor) {
    Map<String, Object> by = new LinkedHashMap<>();
    by.put("name", actor.name());
    by.put("groups", actor.groups());
    by.put("channel", actor.channel().wire());
    return by;
  }

  /**
   * Sends a decision to a run ({@link #describe described} just before) as a Temporal Update sealed
   * for {@code caller} (whatever a request body says) and returns the run's answer: accepted, or
   * refused with the reason (not-waiting, already-decided, not-allowed). 409 when the run closed.
   * {@link #decisionBody} turns the answer into the API's response.
   */
  public DecisionAnswer decide(
      WorkflowExecutionMetadata run,
      DecisionAction action,
      Caller caller,
      String comment,
      String step,
      String reason) {
    return decisions.decide(run, action, caller, comment, step, reason);
  }

  /**
   * The API's answer to a decision: 200 {@code {"workflowId", "action", "result": "accepted",
   * "step"?}}; an {@link ApiException} of 403 (not-allowed) or 409 (not-waiting, already-decided)
   * with {@code {"error", "result", "reason"}} otherwise.
   */
  public static Map<String, Object> decisionBody(
      String workflowId, DecisionAction action, DecisionAnswer answer) {
    return RunDecisions.body(workflowId, action, answer);
  }

  /** The newest runs, of one runbook or of all; newest first. */
  /**
   * A page of the runs the query selects: the body of {@code GET /api/runs} ({@link RunListing}).
   */
  Map<String, Object> page(RunsQuery query, Integer limit, String pageToken) {
    return new RunListing(client, properties.listLimit()).page(query, limit, pageToken);
  }

  /**
   * The newest runs a visibility query selects, newest first, at most {@code limit}; empty when the
   * Temporal server cannot list runs (the embedded test server has no visibility).
   */
  public Optional<List<WorkflowExecutionMetadata>> newestFirst(String query, int limit) {
    List<WorkflowExecutionMetadata> found;
    try (var runs = client.listExecutions(query)) {
      found = new ArrayList<>(runs.limit(limit).toList());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return Optional.empty();
      }
      throw e;
    }
    found.sort(NEWEST_FIRST);
    return Optional.of(found);
  }

  /** The runbook search attributes a run has, by name, without the empty ones. */
  public static Map<String, String> searchAttributes(WorkflowExecutionMetadata run) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (SearchAttributeKey<String> key : RunbookSearchAttributes.ALL) {
      String value = run.getTypedSearchAttributes().get(key);
      if (value != null && !value.isEmpty()) {
        attributes.put(key.getName(), value);
      }
    }
    return attributes;
  }

  /** An execution status as the API writes it: {@code running}, {@code completed} and so on. */
  public static String statusName(WorkflowExecutionStatus status) {
    return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(Locale.ROOT);
  }

  /** The links of a run: the API's own and the Temporal Web UI's. */
  Map<String, String> links(String workflowId, String runId) {
    String self = "/api/runs/" + workflowId;
    Map<String, String> links = new LinkedHashMap<>();
    links.put("self", self);
    links.put("approve", self + "/approve");
    links.put("reject", self + "/reject");
    links.put("acknowledge", self + "/acknowledge");
    links.put("abort", self + "/abort");
    links.put(
        "ui",
        properties.uiUrl()
            + "/namespaces/"
            + client.getOptions().getNamespace()
            + "/workflows/"
            + URLEncoder.encode(workflowId, StandardCharsets.UTF_8)
            + "/"
            + runId
            + "/history");
    return links;
  }

  /** A run as lists show it: ids, runbook, status, times and search attributes. */
  static Map<String, Object> summary(WorkflowExecutionMetadata run) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("workflowId", run.getExecution().getWorkflowId());
    summary.put("runId", run.getExecution().getRunId());
    summary.put("runbook", run.getWorkflowType());
    summary.put("executionStatus", statusName(run.getStatus()));
    summary.put("startTime", stringOrNull(run.getStartTime()));
    summary.put("closeTime", stringOrNull(run.getCloseTime()));
    summary.put("searchAttributes", searchAttributes(run));
    return summary;
  }

  private static String stringOrNull(Object value) {
    return value == null ? null : value.toString();
  }

  static WorkflowExecutionMetadata describe(WorkflowStub stub, String workflowId) {
    try {
      return stub.describe();
    } catch (WorkflowNotFoundException e) {
      throw ApiException.notFound("no such run: '" + workflowId + "'");
    } catch (WorkflowServiceException | StatusRuntimeException e) {
      if (notFound(e)) {
        throw ApiException.notFound("no such run: '" + workflowId + "'");
      }
      throw e;
    }
  }

  private static boolean notFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return true;
      }
    }
    return false;
  }

  static ApiException closed(String workflowId, WorkflowExecutionStatus status) {
    return ApiException.conflict(
        "run is closed", Map.of("workflowId", workflowId, "executionStatus", statusName(status)));
  }

  private static Object query(WorkflowStub stub) {
    try {
      return stub.query(RunbookWorkflow.QUERY_STATUS, Map.class);
    } catch (RuntimeException e) {
      log.debug("status query failed", e);
      return null;
    }
  }

  private static Object result(WorkflowStub stub) {
    try {
      return stub.getResult(5, TimeUnit.SECONDS, Map.class);
    } catch (Exception e) {
      log.debug("run result unavailable", e);
      return null;
    }
  }

  private static String failure(WorkflowStub stub) {
    try {
      stub.getResult(5, TimeUnit.SECONDS, Map.class);
      return null;
    } catch (WorkflowException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      return root.getMessage();
    } catch (Exception e) {
      return e.getMessage();
    }
  }
}
