package dev.runbooks.starter.ui.internal;

import dev.runbooks.api.DecisionAction;
import dev.runbooks.api.DecisionAnswer;
import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.effectiveness.internal.EffectivenessStore;
import dev.runbooks.starter.internal.ApiException;
import dev.runbooks.starter.internal.CheckedDecisions;
import dev.runbooks.starter.internal.RunOperations;
import dev.runbooks.starter.internal.RunRetries;
import dev.runbooks.starter.security.Caller;
import dev.runbooks.starter.ui.RunbookUiProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The web page: {@code /ui} (waits for a decision, recent runs, catalog), {@code
 * /ui/runbooks/{name}}, {@code /ui/runs?runbook=&outcome=&service=}, {@code /ui/runs/{id}}, and the
 * decision forms' {@code POST /ui/runs/{id}/approve|reject|acknowledge}, which send the same
 * decisions as the JSON API, as the logged-in caller, and redirect back to the run (POST, redirect,
 * GET), which shows the run's real answer.
 */
@Controller
public class UiController {
  private static final Logger log = LoggerFactory.getLogger(UiController.class);

  /** The decisions the forms send. */
  private static final List<DecisionAction> FORM_ACTIONS =
      List.of(DecisionAction.APPROVE, DecisionAction.REJECT, DecisionAction.ACKNOWLEDGE);

  /** The flash attribute carrying a decision's answer to the page the form redirects to. */
  static final String ANSWER = "decisionAnswer";

  private final RunbookCatalog catalog;
  private final UiRuns runs;
  private final AuditRows audit;
  private final RunbookUiProperties properties;
  private final String mermaid;
  private final CheckedDecisions decisions;
  private final ActionAudit actionAudit;
  private final RunRetries retries;
  private final ObjectProvider<EffectivenessStore> effectiveness;

  UiController(
      RunbookCatalog catalog,
      RunOperations operations,
      RunbookUiProperties properties,
      ObjectProvider<Jdbi> jdbi,
      CheckedDecisions decisions,
      ActionAudit actionAudit,
      RunRetries retries,
      ObjectProvider<EffectivenessStore> effectiveness) {
    this.retries = retries;
    this.effectiveness = effectiveness;
    this.catalog = catalog;
    this.decisions = decisions;
    this.actionAudit = actionAudit;
    this.runs = new UiRuns(operations);
    this.audit = new AuditRows(jdbi);
    this.properties = properties;
    this.mermaid = MermaidAsset.find(UiController.class.getClassLoader());
  }

  @GetMapping({"/ui", "/ui/"})
  ResponseEntity<String> home() {
    UiRuns.Listing recent = runs.list(RunFilter.none(), properties.recentRuns());
    List<UiRuns.Wait> waits = recent.problem() == null ? runs.waitsForPeople() : List.of();
    CatalogPages.Home home =
        new CatalogPages.Home(
            catalog.all(), catalog.problems(), waits, recent.problem(), recent, effectiveness());
    return Layout.page(
        HttpStatus.OK,
        new Layout.Frame("Runbooks", null, refreshSeconds()),
        html -> CatalogPages.home(html, home));
  }

  /** Each runbook's effectiveness, or none when there is no intake database or it fails. */
  private Map<String, EffectivenessStore.Ratio> effectiveness() {
    EffectivenessStore store = effectiveness.getIfAvailable();
    if (store == null) {
      return Map.of();
    }
    try {
      return store.ratios();
    } catch (RuntimeException e) {
      return Map.of(); // the catalog stays readable while the database is away
    }
  }

  @GetMapping("/ui/runbooks/{name}")
  ResponseEntity<String> runbook(@PathVariable String name) {
    Optional<CatalogEntry> entry = catalog.find(name);
    if (entry.isEmpty()) {
      return error(HttpStatus.NOT_FOUND, "No such runbook: '" + name + "'.");
    }
    UiRuns.Listing recent = runs.list(new RunFilter(name, null, null), properties.recentRuns());
    return Layout.page(
        HttpStatus.OK,
        new Layout.Frame(name, mermaid, 0),
        html -> CatalogPages.runbook(html, entry.get(), recent));
  }

  @GetMapping("/ui/runs")
  ResponseEntity<String> runs(
      @RequestParam(required = false) String runbook,
      @RequestParam(required = false) String outcome,
      @RequestParam(required = false) String service) {
    RunFilter filter = new RunFilter(runbook, outcome, service);
    List<String> problems = filter.problems();
    UiRuns.Listing listing =
        problems.isEmpty()
            ? runs.list(filter, Math.max(properties.recentRuns(), 100))
            : new UiRuns.Listing(List.of(), String.join("; ", problems));
    return Layout.page(
        problems.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST,
        new Layout.Frame("Runs", null, 0),
        html -> RunsPage.write(html, filter, catalog.all(), listing));
  }

  @GetMapping("/ui/run")
  ResponseEntity<String> open(@RequestParam(required = false) String id) {
    if (id == null || id.isBlank()) {
      return error(HttpStatus.BAD_REQUEST, "Give a run's workflow id.");
    }
    return ResponseEntity.status(HttpStatus.SEE_OTHER)
        .location(URI.create(Html.runPath(id.strip())))
        .build();
  }

  @GetMapping("/ui/runs/{*id}")
  ResponseEntity<String> run(@PathVariable String id, HttpServletRequest request) {
    String workflowId = trim(id);
    if (workflowId.isEmpty()) {
      return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/ui/runs")).build();
    }
    Map<String, Object> run = retries.link(runs.get(workflowId));
    Map<String, Object> state = RunPage.state(run);
    Optional<CatalogEntry> entry =
        state.get("version") == null
            ? catalog.find(String.valueOf(run.get("runbook")))
            : catalog
                .version(String.valueOf(run.get("runbook")), state.get("version").toString())
                .or(() -> catalog.find(String.valueOf(run.get("runbook"))));
    List<Map<String, Object>> rows = List.of();
    String auditProblem = audit.available() ? null : "No audit trail: this server has no database.";
    try {
      rows = audit.of(workflowId);
    } catch (RuntimeException e) {
      log.warn("cannot read the audit trail of {}", workflowId, e);
      auditProblem = "The audit trail cannot be read now: " + e.getMessage();
    }
    Map<String, ?> flashed = RequestContextUtils.getInputFlashMap(request);
    String flash = flashed != null && flashed.get(ANSWER) instanceof String answer ? answer : null;
    RunPage.Parts parts =
        new RunPage.Parts(run, entry, rows, auditProblem, flash, actions(workflowId));
    return Layout.page(
        HttpStatus.OK,
        new Layout.Frame(
            String.valueOf(run.get("runbook")), mermaid, RunPage.live(run) ? refreshSeconds() : 0),
        html -> RunPage.write(html, parts));
  }

  @PostMapping(path = "/ui/runs/{*path}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> decide(
      @PathVariable String path,
      @RequestParam Map<String, String> form,
      Caller caller,
      HttpServletRequest request,
      HttpServletResponse response) {
    String trimmed = trim(path);
    int slash = trimmed.lastIndexOf('/');
    if (slash > 0 && trimmed.substring(slash + 1).equals("retry")) {
      return retry(trimmed.substring(0, slash), form, caller, request, response);
    }
    DecisionAction action =
        slash <= 0 ? null : DecisionAction.of(trimmed.substring(slash + 1)).orElse(null);
    if (action == null || !FORM_ACTIONS.contains(action)) {
      return error(HttpStatus.NOT_FOUND, "No such action: use approve, reject or acknowledge.");
    }
    String workflowId = trimmed.substring(0, slash);
    DecisionAnswer answer = decisions.decide(workflowId, action, caller, form);
    String location = Html.runPath(workflowId);
    FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
    flash.put(ANSWER, DecisionWords.of(action, answer));
    RequestContextUtils.saveOutputFlashMap(location, request, response);
    return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(location)).build();
  }

  /**
   * Retries a run from the page's retry form ({@code from}, blank for the failed step; {@code
   * version}; {@code reason}) and redirects to the retried run, which shows how it went.
   */
  private ResponseEntity<String> retry(
      String workflowId,
      Map<String, String> form,
      Caller caller,
      HttpServletRequest request,
      HttpServletResponse response) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    for (String key : List.of("from", "version", "reason")) {
      String value = form.get(key);
      if (value != null && !value.isBlank()) {
        body.put(key, value.strip());
      }
    }
    Map<String, Object> answer = retries.retry(workflowId, body, caller);
    String location = Html.runPath(String.valueOf(answer.get("workflowId")));
    FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
    flash.put(ANSWER, RetryForm.answer(answer));
    RequestContextUtils.saveOutputFlashMap(location, request, response);
    return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(location)).build();
  }

  /** Who acted on a run (started, decided, was refused), oldest first; empty when unreadable. */
  private List<Map<String, Object>> actions(String workflowId) {
    try {
      List<Map<String, Object>> newest =
          new ArrayList<>(actionAudit.find(null, null, null, workflowId, AuditRows.LIMIT));
      java.util.Collections.reverse(newest);
      return newest;
    } catch (RuntimeException e) {
      log.warn("cannot read who acted on {}", workflowId, e);
      return List.of();
    }
  }

  @ExceptionHandler(ApiException.class)
  ResponseEntity<String> apiError(ApiException e) {
    return error(e.status(), sentence(e.getMessage()));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<String> unexpected(Exception e) {
    log.error("web page request failed", e);
    return error(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong: " + e.getMessage());
  }

  private ResponseEntity<String> error(HttpStatus status, String message) {
    return Layout.page(
        status,
        new Layout.Frame(status.value() + " " + status.getReasonPhrase(), null, 0),
        html -> {
          html.el("h1", status.value() + " " + status.getReasonPhrase());
          html.el("p", message, "class", "error");
          html.open("p").link("/ui", "Back to the runbooks").close("p");
        });
  }

  private int refreshSeconds() {
    return (int) properties.refresh().toSeconds();
  }

  private static String trim(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }

  private static String sentence(String message) {
    String text = message == null ? "error" : message;
    return Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
  }
}
