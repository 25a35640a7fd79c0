package dev.runbooks.starter.ui.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tables of a run page: steps with their evidence, events, compensations, audit rows. */
final class Timeline {
  private Timeline() {}

  /** Each step the run reached: start, end, duration, status and evidence. */
  static void steps(Html html, List<Map<String, Object>> steps) {
    if (steps.isEmpty()) {
      html.el("p", "No step has started yet.", "class", "muted");
      return;
    }
    html.open("table", "class", "timeline");
    html.open("thead")
        .headerRow("Step", "Type", "Status", "Started", "Ended", "Took", "Evidence")
        .close("thead");
    html.open("tbody");
    for (Map<String, Object> step : steps) {
      String status = String.valueOf(step.get("status"));
      html.open("tr", "class", "step", "id", "step-" + step.get("id"), "data-status", status);
      html.open("td").el("span", step.get("id"), "class", "mono");
      if (step.get("name") != null) {
        html.markup("<br>").el("span", step.get("name"), "class", "small");
      }
      html.close("td");
      html.cell(step.get("type"));
      html.open("td");
      Layout.badge(html, status);
      if (step.get("executions") != null) {
        html.el("span", " ×" + step.get("executions"), "class", "small");
      }
      html.close("td");
      html.cell(Layout.time(step.get("startedAt")), "class", "nowrap");
      html.cell(Layout.time(step.get("endedAt")), "class", "nowrap");
      html.cell(
          step.get("durationMs") != null
              ? Layout.duration(step.get("durationMs"))
              : step.get("startedAt") != null && !"pending".equals(status)
                  ? Layout.between(step.get("startedAt"), null) + " so far"
                  : "",
          "class",
          "nowrap");
      html.open("td", "class", "evidence");
      Evidence.step(html, step);
      html.close("td");
      html.close("tr");
    }
    html.close("tbody").close("table");
  }

  /** The run's events (decisions, signals, alerts) and compensations. */
  static void events(
      Html html, List<Map<String, Object>> events, List<Map<String, Object>> compensations) {
    if (!events.isEmpty()) {
      html.el("h2", "Events");
      html.open("table", "class", "events");
      html.open("thead").headerRow("At", "Event", "Details").close("thead").open("tbody");
      for (Map<String, Object> event : events) {
        Map<String, Object> details = new LinkedHashMap<>(event);
        details.remove("at");
        details.remove("event");
        html.open("tr").cell(Layout.time(event.get("at")), "class", "nowrap");
        html.cell(event.get("event"), "class", "mono");
        html.open("td")
            .el("pre", details.isEmpty() ? "" : Evidence.json(details), "class", "small");
        html.close("td").close("tr");
      }
      html.close("tbody").close("table");
    }
    if (!compensations.isEmpty()) {
      html.el("h2", "Compensations");
      html.el("pre", Evidence.json(compensations));
    }
  }

  /**
   * Who acted on the run, oldest first: who started it, who decided (approved, rejected,
   * acknowledged, aborted) and who was refused, with the channel and address.
   */
  static void people(Html html, List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      return;
    }
    html.el("h2", "Who acted");
    html.open("table", "class", "people");
    html.open("thead").headerRow("At", "Who", "Action", "Channel", "From", "Result", "Details");
    html.close("thead").open("tbody");
    for (Map<String, Object> row : rows) {
      html.open("tr").cell(Layout.time(row.get("at")), "class", "nowrap");
      html.cell(row.get("principal"), "class", "mono").cell(row.get("action"));
      html.cell(row.get("channel")).cell(row.get("address"), "class", "mono");
      html.open("td");
      Layout.badge(html, row.get("result"));
      if (row.get("reason") != null) {
        html.text(" ").el("span", row.get("reason"), "class", "muted");
      }
      html.close("td");
      Object details = row.get("details");
      html.open("td");
      if (details instanceof Map<?, ?> d && d.get("inboxRow") != null) {
        // A run an alert started: its alert's page says why it started.
        String alert = String.valueOf(d.get("inboxRow"));
        html.link("/ui/alerts/" + Html.encode(alert), "alert " + alert + ": why it started");
      }
      html.el("pre", details == null ? "" : Evidence.json(details), "class", "small").close("td");
      html.close("tr");
    }
    html.close("tbody").close("table");
  }

  /** The run's audit trail rows. */
  static void audit(Html html, List<Map<String, Object>> rows, String problem) {
    html.el("h2", "Audit trail");
    if (problem != null) {
      html.el("p", problem, "class", "notice");
      return;
    }
    if (rows.isEmpty()) {
      html.el("p", "No audit rows for this run.", "class", "muted");
      return;
    }
    html.open("table", "class", "audit");
    html.open("thead").headerRow("At", "Step", "Action", "Target", "Outcome", "Details");
    html.close("thead").open("tbody");
    for (Map<String, Object> row : rows) {
      html.open("tr").cell(Layout.time(row.get("at")), "class", "nowrap");
      html.cell(row.get("step"), "class", "mono").cell(row.get("action"));
      html.cell(row.get("target"), "class", "mono");
      html.open("td");
      Layout.badge(html, row.get("outcome"));
      html.close("td");
      html.open("td").el("pre", row.get("details"), "class", "small").close("td");
      html.close("tr");
    }
    html.close("tbody").close("table");
  }
}
