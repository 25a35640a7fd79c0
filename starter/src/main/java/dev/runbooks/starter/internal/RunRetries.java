package dev.runbooks.starter.internal;

import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.audit.AuditAction;
import dev.runbooks.starter.audit.AuditResult;
import dev.runbooks.starter.audit.AuditedAction;
import dev.runbooks.starter.security.Caller;
import dev.runbooks.starter.security.RunbookAccess;
import dev.runbooks.workflows.RunMetadata;
import dev.runbooks.workflows.RunbookWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.ResetReapplyExcludeType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a run that ended without resolving, from a step, on the runbook version asked for ({@code
 * pinned}: the run's own, or {@code current}): by a Temporal reset of the run when its history
 * allows it (same version, no run-wide lock, and the step scheduled an action in this execution),
 * else by a new run seeded with the recorded results of the steps before it (see the workflows'
 * {@code RetrySeed}). Every retry, done or refused, is audited ({@link AuditAction#RETRY}); the
 * audit rows and the runs' {@code retryOf} events link the runs both ways ({@link #link}).
 */
public class RunRetries {
  private static final Logger log = LoggerFactory.getLogger(RunRetries.class);

  private final WorkflowClient client;
  private final RunOperations runs;
  private final RunbookCatalog catalog;
  private final RunbookAccess access;
  private final ActionAudit audit;

  /** Creates the retries over the client, run operations, catalog, access check and trail. */
  public RunRetries(
      WorkflowClient client,
      RunOperations runs,
      RunbookCatalog catalog,
      RunbookAccess access,
      ActionAudit audit) {
    this.client = client;
    this.runs = runs;
    this.catalog = catalog;
    this.access = access;
    this.audit = audit;
  }

  /**
   * Retries a run as {@code caller} asks ({@code {"from"?, "version"?, "reason"?}}) and answers
   * how: {@code {"how": "reset"|"seeded", "why", "workflowId", "runId", "runbook", "version",
   * "from", "retryOf": {"workflowId", "runId"}}}.
   *
   * @throws ApiException 400 (bad request, nested step), 403, 404 (no run, no step), 409 (still
   *     running, resolved, version no longer served)
   */
  public Map<String, Object> retry(String workflowId, Map<String, Object> body, Caller caller) {
    Map<String, Object> given = body == null ? Map.of() : body;
    WorkflowExecutionMetadata run = runs.describe(workflowId);
    String runbook = run.getWorkflowType();
    access.requireForRun(runbook, workflowId, caller, AuditAction.RETRY);
    AuditedAction audited = AuditedAction.of(AuditAction.RETRY, caller).run(runbook, workflowId);
    for (String key : List.of("from", "version", "reason")) {
      if (given.get(key) != null) {
        audited = audited.detail(key, String.valueOf(given.get(key)));
      }
    }
    try {
      Map<String, Object> answer = retry(run, given, caller);
      for (String key : List.of("how", "workflowId", "runId")) {
        audited = audited.detail(key.equals("how") ? key : "new" + capital(key), answer.get(key));
      }
      audit.record(
          audited
              .detail("from", answer.get("from"))
              .detail("runbookVersion", answer.get("version"))
              .answered(AuditResult.accepted(201)));
      return answer;
    } catch (ApiException e) {
      audit.record(audited.answered(AuditResult.refused(e.status().value(), e.getMessage())));
      throw e;
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> retry(
      WorkflowExecutionMetadata run, Map<String, Object> given, Caller caller) {
    String workflowId = run.getExecution().getWorkflowId();
    String runId = run.getExecution().getRunId();
    String runbook = run.getWorkflowType();
    String version = given.get("version") == null ? "pinned" : String.valueOf(given.get("version"));
    if (!List.of("pinned", "current").contains(version)) {
      throw ApiException.badRequest(
          "version: must be 'pinned' or 'current', not '" + version + "'");
    }
    if (run.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      throw ApiException.conflict(
          "run is still running; a run is retried once it ended (abort it first to retry now)",
          Map.of("workflowId", workflowId));
    }
    Map<String, Object> described = runs.get(workflowId);
    Map<String, Object> state =
        described.get("report") instanceof Map<?, ?> r
            ? (Map<String, Object>) r
            : described.get("status") instanceof Map<?, ?> s ? (Map<String, Object>) s : Map.of();
    if ("resolved".equals(state.get("outcome"))) {
      throw ApiException.conflict(
          "run resolved; only a run that failed, escalated or was aborted is retried",
          Map.of("workflowId", workflowId));
    }
    String pinned = state.get("version") == null ? null : String.valueOf(state.get("version"));
    CatalogEntry entry = target(runbook, version, pinned);
    String from =
        RetrySteps.from(
            entry.compiled(),
            given.get("from") == null ? null : String.valueOf(given.get("from")),
            state.get("failedStep") == null ? null : String.valueOf(state.get("failedStep")));
    RetryHistory history = RetryHistory.read(client, workflowId, runId);
    boolean runLock = entry.compiled().definition().rails().lock() != null;
    Optional<Long> point =
        entry.version().equals(pinned) && !history.continued() && !runLock
            ? history.resetPoint(from)
            : Optional.empty();
    String reason = given.get("reason") == null ? "" : String.valueOf(given.get("reason"));
    Map<String, Object> answer = new LinkedHashMap<>();
    WorkflowExecution retried;
    if (point.isPresent()) {
      retried = reset(run, point.get(), from, caller, reason);
      answer.put("how", "reset");
      answer.put(
          "why",
          "same version, and the history holds the start of step '" + from + "' to reset to");
    } else {
      retried = seeded(run, entry, state, history, from, caller);
      answer.put("how", "seeded");
      answer.put("why", whySeeded(entry, pinned, history, from));
    }
    answer.put("workflowId", retried.getWorkflowId());
    answer.put("runId", retried.getRunId());
    answer.put("runbook", runbook);
    answer.put("version", entry.version());
    answer.put("from", from);
    answer.put("retryOf", Map.of("workflowId", workflowId, "runId", runId));
    answer.put("links", runs.links(retried.getWorkflowId(), retried.getRunId()));
    return answer;
  }

  private CatalogEntry target(String runbook, String version, String pinned) {
    if (version.equals("current") || pinned == null) {
      return catalog
          .find(runbook)
          .orElseThrow(
              () -> ApiException.notFound("runbook '" + runbook + "' is no longer in the catalog"));
    }
    return catalog
        .version(runbook, pinned)
        .orElseThrow(
            () ->
                ApiException.conflict(
                    "version "
                        + pinned
                        + " of runbook "
                        + runbook
                        + " is no longer served; retry with version current",
                    Map.of("version", pinned)));
  }

  private static String whySeeded(
      CatalogEntry entry, String pinned, RetryHistory history, String from) {
    if (!entry.version().equals(pinned)) {
      return "another version than the run's (" + pinned + ") cannot reuse its history";
    }
    if (entry.compiled().definition().rails().lock() != null) {
      return "the runbook holds a resource lock for the whole run, which a reset would not take"
          + " again";
    }
    if (history.continued()) {
      return "the run continued as new, so its history no longer holds its start";
    }
    return "step '" + from + "' started no action in the run's history to reset to";
  }

  private WorkflowExecution reset(
      WorkflowExecutionMetadata run, long point, String from, Caller caller, String reason) {
    WorkflowExecution execution = run.getExecution();
    ResetWorkflowExecutionRequest request =
        ResetWorkflowExecutionRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setWorkflowExecution(execution)
            .setWorkflowTaskFinishEventId(point)
            .setRequestId(UUID.randomUUID().toString())
            .setReason(
                "retry from step "
                    + from
                    + " by "
                    + caller.name()
                    + (reason.isBlank() ? "" : ": " + reason))
            .addResetReapplyExcludeTypes(ResetReapplyExcludeType.RESET_REAPPLY_EXCLUDE_TYPE_SIGNAL)
            .addResetReapplyExcludeTypes(ResetReapplyExcludeType.RESET_REAPPLY_EXCLUDE_TYPE_UPDATE)
            .build();
    String newRunId =
        client.getWorkflowServiceStubs().blockingStub().resetWorkflowExecution(request).getRunId();
    Map<String, Object> link = new LinkedHashMap<>();
    link.put("workflowId", execution.getWorkflowId());
    link.put("runId", execution.getRunId());
    link.put("from", from);
    link.put("how", "reset");
    link.put("by", caller.name());
    WorkflowExecution reset =
        WorkflowExecution.newBuilder()
            .setWorkflowId(execution.getWorkflowId())
            .setRunId(newRunId)
            .build();
    try {
      client
          .newUntypedWorkflowStub(
              io.temporal.client.WorkflowTargetOptions.newBuilder()
                  .setWorkflowExecution(reset)
                  .build())
          .signal(RunbookWorkflow.SIGNAL_RETRY_OF, link);
    } catch (RuntimeException e) {
      log.warn("the reset run {} did not take its retryOf link", newRunId, e);
    }
    return reset;
  }

  @SuppressWarnings("unchecked")
  private WorkflowExecution seeded(
      WorkflowExecutionMetadata run,
      CatalogEntry entry,
      Map<String, Object> state,
      RetryHistory history,
      String from,
      Caller caller) {
    Map<String, Object> results = new LinkedHashMap<>();
    if (state.get("steps") instanceof List<?> steps) {
      for (Object s : steps) {
        if (s instanceof Map<?, ?> m && m.get("id") != null) {
          results.put(String.valueOf(m.get("id")), m);
        }
      }
    }
    Map<String, Object> retry = new LinkedHashMap<>();
    retry.put("of", run.getExecution().getWorkflowId());
    retry.put("runId", run.getExecution().getRunId());
    retry.put("from", from);
    retry.put("version", entry.version());
    retry.put("by", caller.name());
    retry.put("results", results);
    Map<String, Object> context = new LinkedHashMap<>(history.context());
    context.remove("historyLimits");
    context.put("startedBy", RunOperations.startedBy(caller.actor()));
    context.put("retry", retry);
    Map<String, Object> inputs =
        state.get("inputs") instanceof Map<?, ?> i ? (Map<String, Object>) i : history.inputs();
    String newId = "runbook/" + entry.name() + "/" + UUID.randomUUID();
    RunMetadata metadata =
        RunMetadata.ofPerson(
            entry.name(),
            entry.compiled().definition().metadata().title(),
            entry.version(),
            caller.name(),
            "retry of " + run.getExecution().getWorkflowId() + " from " + from,
            Boolean.TRUE.equals(context.get("dryRun")),
            newId);
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setTaskQueue(RunbookWorkflow.TASK_QUEUE)
            .setWorkflowId(newId)
            .setMemo(Map.of("retryOf", run.getExecution().getWorkflowId()))
            .setStaticSummary(metadata.summary())
            .setStaticDetails(metadata.details())
            .build();
    return client.newUntypedWorkflowStub(entry.name(), options).start(inputs, context);
  }

  /**
   * Adds the links of a run as the API shows it ({@link RunOperations#get}): {@code retryOf} and
   * {@code retriedBy} ({@link RetryLinks}).
   */
  public Map<String, Object> link(Map<String, Object> run) {
    return RetryLinks.add(run, audit);
  }

  private static String capital(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
