package dev.runbooks.starter.inbox.internal;

import dev.runbooks.starter.tracing.TraceHeaders;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the inbox: an alert as received, and what the dispatcher did with it. {@code routes}
 * holds one entry per runbook the alert was routed to: runbook, version, workflowId, action, runId
 * and a message when there is something to say. {@code trace} is the trace context of the webhook
 * request that delivered the alert ({@link TraceHeaders#NONE} when tracing was off), which the
 * dispatcher continues.
 */
public record InboxRow(
    long id,
    String source,
    String deliveryId,
    Instant receivedAt,
    InboundAlert alert,
    Map<String, Object> context,
    String state,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    List<Map<String, Object>> routes,
    String windowId,
    String releasedFrom,
    Instant handledAt,
    Instant updatedAt,
    TraceHeaders trace) {

  /** A row without a trace context (tracing off, or stored before tracing was on). */
  public InboxRow {
    trace = trace == null ? TraceHeaders.NONE : trace;
  }

  /** The states a row can be in. */
  public static final List<String> STATES =
      List.of("pending", "dispatched", "unmatched", "suppressed", "cooldown", "ignored", "failed");

  /** The summary the list endpoint shows. */
  public Map<String, Object> summary() {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", id);
    view.put("source", source);
    view.put("receivedAt", receivedAt.toString());
    view.put("status", alert.status());
    view.put("name", alert.name());
    view.put("fingerprint", alert.fingerprint());
    view.put("severity", alert.severity());
    view.put("state", state);
    view.put("routes", routes);
    if ("failed".equals(state)) {
      view.put("lastError", lastError);
    }
    view.put("links", Map.of("self", "/api/alerts/" + id));
    return view;
  }

  /** Everything, for {@code GET /api/alerts/{id}}. */
  public Map<String, Object> detail() {
    Map<String, Object> view = summary();
    view.remove("links");
    view.put("deliveryId", deliveryId);
    view.put("alert", alert);
    view.put("context", context);
    view.put("attempts", attempts);
    view.put("nextAttemptAt", "pending".equals(state) ? nextAttemptAt.toString() : null);
    view.put("lastError", lastError);
    view.put("windowId", windowId);
    view.put("releasedFrom", releasedFrom);
    view.put("handledAt", handledAt == null ? null : handledAt.toString());
    view.put("updatedAt", updatedAt.toString());
    Map<String, Object> links = new LinkedHashMap<>();
    links.put("self", "/api/alerts/" + id);
    for (Map<String, Object> route : routes) {
      if (route.get("workflowId") != null && route.get("runId") != null) {
        links.putIfAbsent("run", "/api/runs/" + route.get("workflowId"));
      }
    }
    view.put("links", links);
    return view;
  }

  /**
   * The row's alert as the router sees it. Only capped values go on to Temporal (ids, search
   * attributes, memo, inputs), so the alert is capped ({@link AlertLimits#capped}); the inbox keeps
   * the whole alert. The dispatcher and the explanation of a row both route this.
   */
  public dev.runbooks.language.routing.Alert routable() {
    InboundAlert a = AlertLimits.capped(alert);
    return new dev.runbooks.language.routing.Alert(
        source,
        a.name(),
        a.status(),
        a.labels(),
        a.annotations(),
        a.fingerprint(),
        a.severity(),
        a.startsAt(),
        a.endsAt(),
        a.generatorURL(),
        a.values());
  }
}
