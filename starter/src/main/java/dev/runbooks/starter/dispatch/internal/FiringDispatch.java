package dev.runbooks.starter.dispatch.internal;

import dev.runbooks.api.Channel;
import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.language.model.OnResolved;
import dev.runbooks.language.routing.Alert;
import dev.runbooks.language.routing.Route;
import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.audit.AuditAction;
import dev.runbooks.starter.audit.AuditedAction;
import dev.runbooks.starter.inbox.internal.InboxRow;
import dev.runbooks.workflows.RunMetadata;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the dispatcher does with a firing alert's route that no guard rail held: start its run
 * (first without asking, when no limit applies), or, when a run had the workflow id, find this
 * row's own run, signal the running one {@code alertRepeated}, respect the cooldown, or start again
 * under the limits ({@link RowDispatch} has the rest of a row's dispatch).
 */
final class FiringDispatch {
  private final TemporalCalls temporal;
  private final RunbookCatalog catalog;
  private final ActionAudit audit;
  private final RecentRuns recent = new RecentRuns(RecentRuns.CAPACITY);

  FiringDispatch(TemporalCalls temporal, RunbookCatalog catalog, ActionAudit audit) {
    this.temporal = temporal;
    this.catalog = catalog;
    this.audit = audit;
  }

  /**
   * A firing route: starts its run first when no limit can hold it (one call for a new alert's
   * run); only when a run ever had the workflow id, or a limit applies, it describes the run and
   * decides: the row's own run (started before a crash), a repeat, a cooldown, or a start. A
   * workflow id this process last saw with a run ({@link RecentRuns}) is described at once, without
   * the start-first that would be refused.
   */
  Map<String, Object> fire(
      Route route, InboxRow row, Alert alert, DispatchRails rails, Instant now) {
    String id = route.workflowId();
    Map<String, Object> trigger = trigger(route, row, alert);
    RunMetadata metadata = metadata(route, row, alert);
    DispatchRails.Ticket free = rails == null ? null : rails.freeTicket(route);
    if ((rails == null || free != null) && !recent.known(id)) {
      Optional<String> runId =
          temporal.startNew(route.runbook(), id, route.inputs(), trigger, row.id(), metadata);
      if (runId.isPresent()) {
        recent.sawRun(id);
        return started(route, row, alert, rails, free, runId.get(), now);
      }
    }
    for (int attempt = 0; attempt < 3; attempt++) {
      Optional<WorkflowExecutionMetadata> run = temporal.describe(id);
      if (run.isPresent()) {
        recent.sawRun(id);
      } else {
        recent.sawNone(id);
      }
      if (run.isPresent() && startedBy(run.get(), row)) {
        // This row started it, and the process died before recording that: never start twice.
        return RowDispatch.entry(route, "started", run.get().getExecution().getRunId(), now);
      }
      if (run.isPresent() && RowDispatch.running(run.get())) {
        if (temporal.signal(id, RowDispatch.ALERT_REPEATED, RowDispatch.payload(row, alert))) {
          return RowDispatch.entry(route, "repeated", run.get().getExecution().getRunId(), now);
        }
        continue; // it closed in between: look again
      }
      if (run.isPresent() && !route.cooldown().isZero() && run.get().getCloseTime() != null) {
        Instant closed = run.get().getCloseTime();
        if (row.receivedAt().isBefore(closed.plus(route.cooldown()))) {
          Map<String, Object> e =
              RowDispatch.entry(route, "cooldown", run.get().getExecution().getRunId(), now);
          e.put(
              "message",
              "a run closed at "
                  + closed
                  + ", within the cooldown of "
                  + route.cooldown()
                  + "; nothing started");
          return e;
        }
      }
      DispatchRails.Ticket ticket = null;
      if (rails != null) {
        Object place = rails.reserve(route, alert, now);
        if (place instanceof DispatchRails.Hold hold) {
          return RowDispatch.held(route, hold, now);
        }
        ticket = (DispatchRails.Ticket) place;
      }
      String runId =
          temporal.start(route.runbook(), id, route.inputs(), trigger, row.id(), metadata);
      recent.sawRun(id);
      return started(route, row, alert, rails, ticket, runId, now);
    }
    throw new IllegalStateException("run " + id + " kept closing while being signalled");
  }

  /** Records a run this row started: its place under the limits, the audit entry, the route. */
  private Map<String, Object> started(
      Route route,
      InboxRow row,
      Alert alert,
      DispatchRails rails,
      DispatchRails.Ticket ticket,
      String runId,
      Instant now) {
    if (ticket != null) {
      rails.started(ticket, row, route.workflowId(), now);
    }
    audit.record(
        AuditedAction.system(AuditAction.ALERT_START, row.source(), Channel.ALERT)
            .run(route.runbook(), route.workflowId())
            .detail("runId", runId)
            .detail("inboxRow", row.id())
            .detail("alert", alert.name()));
    return RowDispatch.entry(route, "started", runId, now);
  }

  /** The trigger context a started run gets. */
  private static Map<String, Object> trigger(Route route, InboxRow row, Alert alert) {
    Map<String, Object> trigger = new LinkedHashMap<>();
    trigger.put("alert", alert.toExpressionView());
    trigger.put("startedBy", RowDispatch.startedBy(row));
    if (route.onResolved() == OnResolved.STOP_BEFORE_MUTATION) {
      trigger.put("onResolved", "stopBeforeMutation");
    }
    return trigger;
  }

  /**
   * What the Temporal Web UI shows of a run this alert starts: the runbook's title, the alert and
   * its target, and a few of its labels ({@link RunMetadata}); never its annotations.
   */
  private RunMetadata metadata(Route route, InboxRow row, Alert alert) {
    Optional<CatalogEntry> entry =
        route.version() == null
            ? catalog.find(route.runbook())
            : catalog.version(route.runbook(), route.version());
    String title =
        entry.map(e -> e.compiled().definition().metadata().title()).orElse(route.runbook());
    return RunMetadata.ofAlert(
        route.runbook(),
        title,
        entry.map(CatalogEntry::version).orElse(route.version()),
        alert.name(),
        alert.fingerprint(),
        alert.labels(),
        (String) RowDispatch.startedBy(row).get("name"),
        route.workflowId());
  }

  /** Whether this inbox row's own dispatch started the run (its memo names the row). */
  private static boolean startedBy(WorkflowExecutionMetadata run, InboxRow row) {
    try {
      Object started = run.getMemo(TemporalCalls.INBOX_MEMO, Long.class);
      return started instanceof Number n && n.longValue() == row.id();
    } catch (RuntimeException e) {
      return false; // no memo, or one this version does not read: not ours
    }
  }
}
