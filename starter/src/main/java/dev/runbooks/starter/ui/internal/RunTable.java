package dev.runbooks.starter.ui.internal;

import dev.runbooks.workflows.RunbookSearchAttributes;
import java.util.List;

/** Tables of runs and of waits for people, as the home, runbook and run-list pages show them. */
final class RunTable {
  private RunTable() {}

  /** A table of runs, or the reason there is none. */
  static void runs(Html html, UiRuns.Listing listing, String empty) {
    if (listing.problem() != null) {
      html.el("p", listing.problem(), "class", "notice");
      return;
    }
    if (listing.runs().isEmpty()) {
      html.el("p", empty, "class", "muted");
      return;
    }
    html.open("table", "class", "runs");
    html.open("thead")
        .headerRow("Started", "Runbook", "Run", "Outcome", "Service", "Alert", "Step", "Took")
        .close("thead");
    html.open("tbody");
    for (UiRuns.Row run : listing.runs()) {
      html.open("tr");
      html.cell(Layout.time(run.started()), "class", "nowrap");
      html.open("td", "class", "nowrap");
      html.link("/ui/runbooks/" + Html.encode(run.runbook()), run.runbook());
      html.close("td");
      html.open("td").link(Html.runPath(run.workflowId()), run.workflowId(), "class", "mono");
      html.close("td");
      html.open("td");
      Layout.badge(html, run.outcome());
      html.close("td");
      html.cell(attribute(run, RunbookSearchAttributes.SERVICE.getName()));
      html.cell(attribute(run, RunbookSearchAttributes.ALERT_NAME.getName()));
      html.cell(
          run.executionStatus().equals("running")
              ? attribute(run, RunbookSearchAttributes.CURRENT_STEP.getName())
              : "");
      html.cell(
          run.started() == null
              ? ""
              : Layout.between(run.started(), run.closed() == null ? null : run.closed()));
      html.close("tr");
    }
    html.close("tbody").close("table");
  }

  /** A table of the approvals and acknowledgements runs wait for. */
  static void waits(Html html, List<UiRuns.Wait> waits, String problem) {
    if (problem != null) {
      html.el("p", problem, "class", "notice");
      return;
    }
    if (waits.isEmpty()) {
      html.el("p", "Nothing waits for a decision.", "class", "muted");
      return;
    }
    html.open("table", "class", "waits");
    html.open("thead").headerRow("Run", "Step", "Waits for", "Deadline", "").close("thead");
    html.open("tbody");
    for (UiRuns.Wait wait : waits) {
      html.open("tr");
      html.open("td");
      html.link("/ui/runbooks/" + Html.encode(wait.runbook()), wait.runbook());
      html.markup("<br>");
      html.link(Html.runPath(wait.workflowId()), wait.workflowId(), "class", "mono small");
      html.close("td");
      html.cell(wait.details().get("step"), "class", "mono");
      html.cell(WaitView.summary(wait.details()));
      html.cell(Layout.time(deadline(wait.details())), "class", "nowrap");
      html.open("td");
      html.link(
          Html.runPath(wait.workflowId()) + "#decide",
          "approval".equals(wait.details().get("kind")) ? "Decide" : "Acknowledge",
          "class",
          "button");
      html.close("td").close("tr");
    }
    html.close("tbody").close("table");
  }

  private static Object deadline(java.util.Map<String, Object> wait) {
    Object deadline = wait.get("deadline");
    return deadline != null ? deadline : wait.get("nextAt");
  }

  private static String attribute(UiRuns.Row run, String name) {
    String value = run.attributes().get(name);
    return value == null ? "" : value;
  }
}
