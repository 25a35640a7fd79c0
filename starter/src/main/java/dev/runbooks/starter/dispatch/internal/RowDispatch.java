package dev.runbooks.starter.dispatch.internal;

import dev.runbooks.api.Channel;
import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.model.OnResolved;
import dev.runbooks.language.routing.Alert;
import dev.runbooks.language.routing.AlertRouter;
import dev.runbooks.language.routing.Route;
import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.inbox.internal.InboundAlert;
import dev.runbooks.starter.inbox.internal.InboxRow;
import dev.runbooks.starter.inbox.internal.IntakeMetrics;
import dev.runbooks.starter.inbox.internal.MaintenanceWindow;
import dev.runbooks.starter.tracing.RunbookTracing;
import dev.runbooks.workflows.RunbookWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the dispatcher does with one inbox row: suppress it in a maintenance window, route it with
 * the {@link AlertRouter} over the catalog, and for each route start, signal or leave the run. A
 * firing alert starts its runbook's run unless one runs under the same workflow id (then it is
 * signalled {@code alertRepeated}) or one closed within the trigger's cooldown ({@link
 * FiringDispatch}). A resolved alert never starts anything: it signals a running run {@code
 * alertResolved}, or {@code abort}s it, as the trigger's {@code onResolved} says.
 */
final class RowDispatch {
  /** The outcome of a row: its state, one entry per route, and the window that suppressed it. */
  record Outcome(String state, List<Map<String, Object>> routes, String windowId) {}

  static final String ALERT_REPEATED = RunbookWorkflow.SIGNAL_ALERT_REPEATED;
  static final String ALERT_RESOLVED = RunbookWorkflow.SIGNAL_ALERT_RESOLVED;

  private final AlertRouter router = new AlertRouter();
  private final TemporalCalls temporal;
  private final RunbookCatalog catalog;
  private final String defaultRunbook;
  private final IntakeMetrics metrics;
  private final RunbookTracing tracing;
  private final FiringDispatch firing;

  RowDispatch(
      TemporalCalls temporal,
      RunbookCatalog catalog,
      String defaultRunbook,
      IntakeMetrics metrics,
      ActionAudit audit,
      RunbookTracing tracing) {
    this.tracing = tracing;
    this.temporal = temporal;
    this.catalog = catalog;
    this.defaultRunbook = defaultRunbook;
    this.metrics = metrics;
    this.firing = new FiringDispatch(temporal, catalog, audit);
  }

  /** An inbox row's alert and the routes the catalog gives it (before any default route). */
  record Routing(Alert alert, List<Route> routes) {}

  /** Routes a row's alert over the catalog's runbooks; no Temporal calls. */
  Routing route(InboxRow row) {
    Alert alert = row.routable();
    List<CompiledRunbook> runbooks = catalog.all().stream().map(CatalogEntry::compiled).toList();
    return new Routing(alert, router.route(alert, runbooks));
  }

  /**
   * The workflow ids a row's dispatch may touch: its routes', or the default runbook's when it has
   * none. Rows sharing one must be dispatched in order.
   */
  Set<String> workflowIds(Routing routing) {
    Set<String> ids = new LinkedHashSet<>();
    routing.routes().stream().map(Route::workflowId).filter(id -> id != null).forEach(ids::add);
    if (ids.isEmpty()) {
      defaultRoute(routing.alert()).ifPresent(r -> ids.add(r.workflowId()));
    }
    return ids;
  }

  Outcome dispatch(InboxRow row, List<MaintenanceWindow> windows, Instant now) {
    return dispatch(row, route(row), windows, null, now);
  }

  /**
   * Dispatches a row; {@code rails} (null for none) may hold a firing route back before Temporal is
   * asked anything, or before a run is started. With tracing on, in a span {@code dispatch}, child
   * of the webhook request that delivered the row ({@link DispatchSpan}).
   */
  Outcome dispatch(
      InboxRow row,
      Routing routing,
      List<MaintenanceWindow> windows,
      DispatchRails rails,
      Instant now) {
    return tracing.inSpan(
        DispatchSpan.NAME,
        row.trace().context(),
        DispatchSpan.attributes(row),
        span -> DispatchSpan.outcome(span, untraced(row, routing, windows, rails, now)));
  }

  private Outcome untraced(
      InboxRow row,
      Routing routing,
      List<MaintenanceWindow> windows,
      DispatchRails rails,
      Instant now) {
    InboundAlert a = row.alert();
    Alert alert = routing.alert();
    List<Route> routes = routing.routes();
    if (!alert.resolved()) {
      Optional<MaintenanceWindow> window =
          windows.stream().filter(w -> w.matches(a.labels())).findFirst();
      if (window.isPresent()) {
        metrics.suppressed(row.source());
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Route r : routes) {
          Map<String, Object> e = entry(r, "suppressed", null, now);
          e.put("message", "maintenance window " + window.get().id());
          entries.add(e);
        }
        return new Outcome("suppressed", entries, window.get().id());
      }
    }
    boolean unmatched = routes.isEmpty();
    if (unmatched) {
      metrics.unmatched(row.source());
      Optional<Route> fallback = defaultRoute(alert);
      if (fallback.isEmpty()) {
        return new Outcome("unmatched", List.of(), null);
      }
      routes = List.of(fallback.get());
    }
    List<Map<String, Object>> entries = new ArrayList<>();
    for (Route route : routes) {
      Map<String, Object> e;
      if (!route.ok()) {
        e = failed(route, now);
      } else if (alert.resolved()) {
        e = resolve(route, row, alert);
      } else {
        Optional<DispatchRails.Hold> held =
            rails == null ? Optional.empty() : rails.hold(route, row, alert, now);
        e =
            held.isPresent()
                ? held(route, held.get(), now)
                : firing.fire(route, row, alert, rails, now);
      }
      e.putIfAbsent("at", now.toString());
      if (unmatched) {
        e.put("default", true);
      }
      metrics.routed(row.source(), route.runbook(), (String) e.get("action"));
      entries.add(e);
    }
    return new Outcome(unmatched ? "unmatched" : state(entries), entries, null);
  }

  static Map<String, Object> held(Route route, DispatchRails.Hold hold, Instant now) {
    Map<String, Object> e = entry(route, hold.action(), null, now);
    e.put("message", hold.message());
    return e;
  }

  /** Who starts a run for an alert: its source ({@code alertmanager} when it has none). */
  static Map<String, Object> startedBy(InboxRow row) {
    String source = row.source() == null || row.source().isBlank() ? "alertmanager" : row.source();
    return Map.of("name", source, "groups", List.of(), "channel", Channel.ALERT.wire());
  }

  private Map<String, Object> resolve(Route route, InboxRow row, Alert alert) {
    String id = route.workflowId();
    Optional<WorkflowExecutionMetadata> run = temporal.describe(id);
    Instant now = Instant.now();
    if (run.isEmpty()) {
      Map<String, Object> e = entry(route, "ignored", null, now);
      e.put("message", "no run in flight; a resolved alert starts nothing");
      return e;
    }
    if (!running(run.get())) {
      // The run this alert started has ended: link the resolve to it, so that the run's alert
      // history says when the alert stopped firing, even though there is nothing left to tell it.
      WorkflowExecutionMetadata ended = run.get();
      Map<String, Object> e = entry(route, "ignored", ended.getExecution().getRunId(), now);
      Instant closed = ended.getCloseTime();
      e.put(
          "message",
          "the run had ended ("
              + ended
                  .getStatus()
                  .name()
                  .replace("WORKFLOW_EXECUTION_STATUS_", "")
                  .toLowerCase(Locale.ROOT)
              + (closed == null ? "" : " at " + closed)
              + ") before the resolve arrived; a resolved alert starts nothing");
      e.put("runEndedAt", closed == null ? null : closed.toString());
      return e;
    }
    String runId = run.get().getExecution().getRunId();
    String action;
    boolean sent;
    switch (route.onResolved()) {
      case CANCEL -> {
        Map<String, Object> abort = new LinkedHashMap<>();
        abort.put("by", row.source());
        abort.put("reason", "alert resolved");
        abort.put("fingerprint", alert.fingerprint());
        sent = temporal.signal(id, RunbookWorkflow.SIGNAL_ABORT, abort);
        action = "aborted";
      }
      case IGNORE -> {
        Map<String, Object> e = entry(route, "ignored", runId, now);
        e.put("message", "onResolved: ignore");
        return e;
      }
      default -> {
        sent = temporal.signal(id, ALERT_RESOLVED, payload(row, alert));
        action = "resolved";
      }
    }
    if (!sent) {
      Map<String, Object> e = entry(route, "ignored", runId, now);
      e.put("message", "the run closed before the resolve reached it");
      return e;
    }
    return entry(route, action, runId, now);
  }

  private static Map<String, Object> failed(Route route, Instant now) {
    Map<String, Object> e = entry(route, "failed", null, now);
    e.put("message", String.join("; ", route.problems()));
    return e;
  }

  private Optional<Route> defaultRoute(Alert alert) {
    if (defaultRunbook == null || alert.resolved()) {
      return Optional.empty();
    }
    return catalog
        .find(defaultRunbook)
        .map(
            e ->
                new Route(
                    e.name(),
                    e.version(),
                    -1,
                    Map.of(),
                    AlertRouter.defaultDedupKey(alert),
                    Duration.ZERO,
                    OnResolved.SIGNAL,
                    List.of()));
  }

  /** The states of rows the guard rails held back, in the order they are checked. */
  static final List<String> HELD = List.of("disabled", "tripped", "stale", "superseded", "limited");

  /**
   * The row's state from its routes: failed wins, then dispatched, then a guard rail that held
   * ({@link #HELD}), cooldown, ignored.
   */
  private static String state(List<Map<String, Object>> entries) {
    List<Object> actions = entries.stream().map(e -> e.get("action")).toList();
    if (actions.contains("failed")) {
      return "failed";
    }
    if (actions.stream()
        .anyMatch(x -> List.of("started", "repeated", "resolved", "aborted").contains(x))) {
      return "dispatched";
    }
    for (String held : HELD) {
      if (actions.contains(held)) {
        return held;
      }
    }
    return actions.contains("cooldown") ? "cooldown" : "ignored";
  }

  static Map<String, Object> payload(InboxRow row, Alert alert) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("fingerprint", alert.fingerprint());
    p.put("name", alert.name());
    p.put("status", alert.status());
    p.put("source", row.source());
    p.put("alertId", row.id());
    p.put("receivedAt", row.receivedAt().toString());
    return p;
  }

  static Map<String, Object> entry(Route route, String action, String runId, Instant now) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("runbook", route.runbook());
    e.put("version", route.version());
    e.put("trigger", route.triggerIndex());
    e.put("workflowId", route.workflowId());
    e.put("action", action);
    e.put("runId", runId);
    e.put("at", now.toString());
    return e;
  }

  static boolean running(WorkflowExecutionMetadata run) {
    return run.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }
}
