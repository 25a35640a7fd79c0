package dev.runbooks.starter.internal;

import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.language.inputs.InputBinder;
import dev.runbooks.language.inputs.InputException;
import dev.runbooks.workflows.RunbookWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * /api/runs/runbook/x/1234/approve} (also {@code reject}, {@code acknowledge} and {@code abort}).
 */
@RestController
public class RunsController {
  private static final Map<String, String> SIGNALS =
      Map.of(
          "approve", RunbookWorkflow.SIGNAL_APPROVE,
          "reject", RunbookWorkflow.SIGNAL_REJECT,
          "acknowledge", RunbookWorkflow.SIGNAL_ACKNOWLEDGE,
          "abort", RunbookWorkflow.SIGNAL_ABORT);

  private final RunbookCatalog catalog;
  private final RunOperations runs;

  RunsController(RunbookCatalog catalog, RunOperations runs) {
    this.catalog = catalog;
    this.runs = runs;
  }

  /** Starts a run of the catalog's current version of a runbook; the body holds the inputs. */
  @PostMapping("/api/runbooks/{name}/runs")
  ResponseEntity<Map<String, Object>> start(
      @PathVariable String name,
      @RequestBody(required = false) Map<String, Object> inputs,
      @RequestParam(name = "workflowId", required = false) String idParam,
      @RequestHeader(name = "X-Workflow-Id", required = false) String idHeader,
      @RequestParam(name = "dryRun", defaultValue = "false") boolean dryRun) {
    CatalogEntry entry = RunbooksController.find(catalog, name);
    Map<String, Object> given = inputs == null ? Map.of() : inputs;
    try {
      InputBinder.bind(entry.compiled().definition(), given);
    } catch (InputException e) {
      throw new ApiException(
          HttpStatus.BAD_REQUEST, "invalid inputs", Map.of("messages", e.messages()));
    }
    String workflowId = firstNonBlank(idParam, idHeader);
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
    WorkflowExecution execution = runs.start(name, given, workflowId, dryRun);
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

  /** The newest runs, optionally of one runbook. */
  @GetMapping("/api/runs")
  Map<String, Object> list(@RequestParam(name = "runbook", required = false) String runbook) {
    List<Map<String, Object>> found = runs.list(runbook);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("runs", found);
    body.put("count", found.size());
    return body;
  }

  /** One run: its Temporal status, plus its live status or its report. */
  @GetMapping("/api/runs/{*id}")
  Map<String, Object> get(@PathVariable String id) {
    return runs.get(trim(id));
  }

  /**
   * Approves, rejects, acknowledges (an escalation ladder) or aborts a run: the last path segment
   * names the action.
   */
  @PostMapping("/api/runs/{*path}")
  Map<String, Object> act(
      @PathVariable String path, @RequestBody(required = false) Map<String, Object> body) {
    String trimmed = trim(path);
    int slash = trimmed.lastIndexOf('/');
    String action = slash < 0 ? "" : trimmed.substring(slash + 1);
    String signal = SIGNALS.get(action);
    if (signal == null || slash <= 0) {
      throw ApiException.notFound(
          "no such action: use /api/runs/<id>/approve|reject|acknowledge|abort");
    }
    Map<String, Object> given = body == null ? Map.of() : body;
    return runs.signal(trimmed.substring(0, slash), signal, payload(action, given));
  }

  private static Map<String, Object> payload(String action, Map<String, Object> body) {
    Map<String, Object> payload = new LinkedHashMap<>();
    if (action.equals("abort")) {
      payload.put("by", required(body, "by"));
      payload.put("reason", body.getOrDefault("reason", ""));
    } else if (action.equals("acknowledge")) {
      payload.put("by", required(body, "by"));
      payload.put("comment", body.getOrDefault("comment", ""));
      if (body.get("step") != null) {
        payload.put("step", body.get("step"));
      }
    } else {
      payload.put("approver", required(body, "approver"));
      payload.put("comment", body.getOrDefault("comment", ""));
      if (body.get("step") != null) {
        payload.put("step", body.get("step"));
      }
    }
    return payload;
  }

  private static Object required(Map<String, Object> body, String field) {
    Object value = body.get(field);
    if (value == null || value.toString().isBlank()) {
      throw ApiException.badRequest("'" + field + "' is required");
    }
    return value;
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

  private static String firstNonBlank(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a;
    }
    return b != null && !b.isBlank() ? b : null;
  }
}
