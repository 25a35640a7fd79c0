package dev.runbooks.starter.internal;

import dev.runbooks.api.DecisionAction;
import dev.runbooks.api.DecisionAnswer;
import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.language.inputs.InputBinder;
import dev.runbooks.language.inputs.InputException;
import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.audit.AuditAction;
import dev.runbooks.starter.audit.AuditResult;
import dev.runbooks.starter.audit.AuditedAction;
import dev.runbooks.starter.rails.GuardRailService;
import dev.runbooks.starter.rails.GuardRailViews;
import dev.runbooks.starter.security.Caller;
import dev.runbooks.starter.security.Role;
import dev.runbooks.starter.security.RunbookAccess;
import dev.runbooks.workflows.RunMetadata;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.api.common.v1.WorkflowExecution;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The run endpoints. Workflow ids look like {@code runbook/<name>/<uuid>}, so the run paths take
 * the rest of the path as the id: {@code GET /api/runs/runbook/x/1234} and {@code POST
 * /api/runs/runbook/x/1234/approve} (also {@code reject}, {@code acknowledge}, {@code abort} and
 * {@code retry}).
 */
@Tag(name = "runs")
@RestController
public class RunsController {
  private final RunbookCatalog catalog;
  private final RunOperations runs;
  private final RunbookAccess access;
  private final ActionAudit audit;
  private final CheckedDecisions decisions;
  private final ObjectProvider<GuardRailService> rails;
  private final RunRetries retries;

  RunsController(
      RunbookCatalog catalog,
      RunOperations runs,
      RunbookAccess access,
      ActionAudit audit,
      CheckedDecisions decisions,
      ObjectProvider<GuardRailService> rails,
      RunRetries retries) {
    this.retries = retries;
    this.catalog = catalog;
    this.runs = runs;
    this.access = access;
    this.audit = audit;
    this.decisions = decisions;
    this.rails = rails;
  }

  /**
   * Starts a run of the catalog's current version of a runbook; the body holds the inputs. The
   * runbook's {@code access.start} is checked first; the start, accepted or refused, is audited.
   * While the runbook (or all automation) is disabled by the kill switch, a start is refused (409)
   * unless it is forced ({@code ?force=true}, or {@code "force": true} in the body when the runbook
   * has no input of that name) by an admin.
   */
  @Operation(
      operationId = "startRun",
      summary = "Starts a run of a runbook (operator); the body holds its inputs.",
      responses = {
        @ApiResponse(
            responseCode = "201",
            description = "The run is started (or, with dryRun, planned)."),
        @ApiResponse(
            responseCode = "409",
            description = "The runbook is disabled, or a run with this workflow id exists.")
      })
  @PostMapping("/api/runbooks/{name}/runs")
  ResponseEntity<Map<String, Object>> start(
      @PathVariable String name,
      @RequestBody(required = false) Map<String, Object> inputs,
      @RequestParam(name = "workflowId", required = false) String idParam,
      @RequestHeader(name = "X-Workflow-Id", required = false) String idHeader,
      @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun,
      @RequestParam(name = "force", defaultValue = "false") boolean forceParam,
      Caller caller) {
    CatalogEntry entry = RunbooksController.find(catalog, name);
    AuditAction what = dryRun ? AuditAction.DRY_RUN : AuditAction.START;
    access.require(entry, caller, what);
    Map<String, Object> given = inputs == null ? Map.of() : inputs;
    boolean force = forceParam;
    if (given.containsKey("force")
        && !entry.compiled().definition().inputs().containsKey("force")) {
      force = force || Boolean.TRUE.equals(given.get("force"));
      given = new LinkedHashMap<>(given);
      given.remove("force");
    }
    String workflowId = firstNonBlank(idParam, idHeader);
    AuditedAction audited =
        AuditedAction.of(what, caller).detail("version", entry.version()).detail("inputs", given);
    if (force) {
      audited = audited.detail("force", true);
    }
    try {
      if (!dryRun) {
        checkSwitch(name, force, caller);
      }
      ResponseEntity<Map<String, Object>> started = start(entry, given, workflowId, dryRun, caller);
      audit.record(
          audited
              .run(name, (String) started.getBody().get("workflowId"))
              .answered(AuditResult.accepted(started.getStatusCode().value())));
      return started;
    } catch (ApiException e) {
      audit.record(
          audited
              .run(name, recordable(workflowId))
              .answered(AuditResult.refused(e.status().value(), e.getMessage())));
      throw e;
    }
  }

  private ResponseEntity<Map<String, Object>> start(
      CatalogEntry entry,
      Map<String, Object> given,
      String workflowId,
      boolean dryRun,
      Caller caller) {
    String name = entry.name();
    try {
      InputBinder.bind(entry.compiled().definition(), given);
    } catch (InputException e) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST, "invalid inputs", Map.of("messages", e.messages()));
    }
    if (workflowId != null) {
      checkId(workflowId);
      if (workflowId.startsWith(RESERVED_PREFIX)) {
        throw new ApiException(
            HttpStatus.BAD_REQUEST,
            "invalid workflow id",
            Map.of(
                "message",
                "workflow ids starting with '"
                    + RESERVED_PREFIX
                    + "' are the engine's own (generated and alert ids); choose another id"));
      }
    }
    if (workflowId == null) {
      workflowId = "runbook/" + name + "/" + UUID.randomUUID();
    }
    RunMetadata metadata =
        RunMetadata.ofPerson(
            name,
            entry.compiled().definition().metadata().title(),
            entry.version(),
            caller.name(),
            caller.actor().channel().wire(),
            dryRun,
            workflowId);
    WorkflowExecution execution =
        runs.start(name, given, workflowId, dryRun, caller.actor(), metadata);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("workflowId", execution.getWorkflowId());
    body.put("runId", execution.getRunId());
    body.put("runbook", name);
    body.put("version", entry.version());
    if (dryRun) {
      body.put("dryRun", true);
    }
    body.put("links", runs.links(execution.getWorkflowId(), execution.getRunId()));
    return ResponseEntity.created(URI.create("/api/runs/" + execution.getWorkflowId())).body(body);
  }

  /**
   * Refuses a start while the kill switch holds the runbook, unless an admin forces it.
   *
   * @throws ApiException 409 when disabled and not forced, 403 when forced by a non-admin
   */
  private void checkSwitch(String name, boolean force, Caller caller) {
    GuardRailService service = rails.getIfAvailable();
    if (service == null) {
      return;
    }
    Optional<GuardRailViews.Switch> off = service.disabled(name);
    if (off.isEmpty()) {
      return;
    }
    GuardRailViews.Switch s = off.get();
    String what =
        GuardRailService.ALL.equals(s.scope()) ? "automation is" : "runbook " + name + " is";
    if (!force) {
      throw ApiException.conflict(
          what
              + " disabled by "
              + s.by()
              + ": "
              + s.reason()
              + "; an admin may start it with force",
          Map.of());
    }
    if (!caller.has(Role.ADMIN)) {
      throw ApiException.forbidden(
          "not allowed to force a start", what + " disabled; only an admin may force a start");
    }
  }

  /**
   * The newest runs, optionally of one runbook, with one outcome, for one service, started since an
   * instant; a page of at most {@code limit} (default {@code runbook.api.list-limit}, at most 500),
   * and the {@code nextPageToken} of the next page (null on the last). {@link RunsQuery}.
   */
  @Operation(
      operationId = "listRuns",
      summary = "The newest runs, filtered, a page at a time (nextPageToken).")
  @GetMapping("/api/runs")
  Map<String, Object> list(
      @RequestParam(name = "runbook", required = false) String runbook,
      @RequestParam(name = "outcome", required = false) String outcome,
      @RequestParam(name = "service", required = false) String service,
      @RequestParam(name = "since", required = false) String since,
      @RequestParam(name = "limit", required = false) Integer limit,
      @RequestParam(name = "pageToken", required = false) String pageToken) {
    return runs.page(RunsQuery.of(runbook, outcome, service, since), limit, pageToken);
  }

  /** One run: its Temporal status, plus its live status or its report. */
  @Operation(
      operationId = "getRun",
      summary = "One run: its status, its live state or its report.",
      description = "The id is the workflow id, runbook/<name>/<uuid>, slashes and all.")
  @GetMapping("/api/runs/{*id}")
  Map<String, Object> get(@PathVariable String id) {
    return retries.link(runs.get(trim(id)));
  }

  /**
   * Approves, rejects, acknowledges (an escalation ladder) or aborts a run: the last path segment
   * names the action. The decider is the caller; the body gives only {@code comment}, {@code step}
   * and (abort) {@code reason} ({@code approver} and {@code by} are ignored). The run's runbook's
   * {@code access:} is checked first. Answers 200 when the run took the decision, 403 (not-allowed)
   * or 409 (not-waiting, already-decided, closed run) when it did not, with the reason; the
   * decision, accepted or refused, is audited.
   */
  @Operation(
      operationId = "actOnRun",
      summary = "Approves, rejects (approver), acknowledges, aborts or retries (operator) a run.",
      description =
          "The path is the workflow id followed by the action. The body may give"
              + " comment, step and (abort) reason.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The run took the decision."),
        @ApiResponse(responseCode = "201", description = "The retry is started."),
        @ApiResponse(
            responseCode = "409",
            description =
                "The run is not waiting for this decision, was decided already, or is closed.")
      })
  @PostMapping("/api/runs/{*path}")
  ResponseEntity<Map<String, Object>> act(
      @PathVariable String path,
      @RequestBody(required = false) Map<String, Object> body,
      Caller caller) {
    String trimmed = trim(path);
    int slash = trimmed.lastIndexOf('/');
    String name = slash < 0 ? "" : trimmed.substring(slash + 1);
    if (name.equals("retry") && slash > 0) {
      return retry(trimmed.substring(0, slash), body, caller);
    }
    DecisionAction action = DecisionAction.of(name).orElse(null);
    if (action == null || slash <= 0) {
      throw ApiException.notFound(
          "no such action: use /api/runs/<id>/approve|reject|acknowledge|abort|retry");
    }
    String workflowId = trimmed.substring(0, slash);
    DecisionAnswer answer = decisions.decide(workflowId, action, caller, body);
    return ResponseEntity.ok(RunOperations.decisionBody(workflowId, action, answer));
  }

  /**
   * Retries a run that ended without resolving, from a step ({@code {"from"?, "version"?:
   * "pinned"|"current", "reason"?}}); answers 201 with how ({@code reset} or {@code seeded}) and
   * the new run's ids. See {@link RunRetries}.
   */
  private ResponseEntity<Map<String, Object>> retry(
      String workflowId, Map<String, Object> body, Caller caller) {
    Map<String, Object> answer = retries.retry(workflowId, body, caller);
    return ResponseEntity.created(URI.create("/api/runs/" + answer.get("workflowId"))).body(answer);
  }

  private static String trim(String path) {
    String id = path.startsWith("/") ? path.substring(1) : path;
    if (id.isEmpty()) {
      throw ApiException.notFound("no run id given");
    }
    return checkId(id);
  }

  /** The prefix of the ids the engine chooses, which callers may not choose. */
  static final String RESERVED_PREFIX = "runbook/";

  /** The longest workflow id accepted: Temporal's default limit ({@code limit.maxIDLength}). */
  static final int MAX_ID_LENGTH = 1000;

  /**
   * A workflow id as given, or a 400 when it is longer than {@value #MAX_ID_LENGTH} characters or
   * holds control characters: Temporal would refuse it with an error of its own.
   */
  static String checkId(String id) {
    if (id.length() > MAX_ID_LENGTH) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "invalid workflow id",
          Map.of(
              "message",
              "the workflow id has "
                  + id.length()
                  + " characters; at most "
                  + MAX_ID_LENGTH
                  + " are allowed"));
    }
    if (id.chars().anyMatch(Character::isISOControl)) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "invalid workflow id",
          Map.of("message", "the workflow id contains control characters"));
    }
    return id;
  }

  /** A caller-chosen workflow id as the audit records it: null when {@link #checkId} refuses it. */
  private static String recordable(String id) {
    return id == null || id.length() > MAX_ID_LENGTH || id.chars().anyMatch(Character::isISOControl)
        ? null
        : id;
  }

  private static String firstNonBlank(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : null;
  }
}
