package dev.runbooks.starter.ui.internal;

import dev.runbooks.api.DryRunPlan;
import java.util.List;
import java.util.Map;

/**
 * The run page's section of a dry run: in order, what the run would have done (each action it did
 * not send with its kind, target and rendered config, whose secret references stay references; each
 * approval it decided itself; each wait it shortened).
 */
final class DryRunView {
  private DryRunView() {}

  /** Writes the section when the run is a dry run. */
  static void write(Html html, Map<String, Object> state, List<Map<String, Object>> events) {
    if (!Boolean.TRUE.equals(state.get("dryRun"))) {
      return;
    }
    List<DryRunPlan.Entry> plan = DryRunPlan.of(events);
    html.el("h2", "What this dry run would have done");
    if (plan.isEmpty()) {
      html.el("p", "Nothing: every step ran for real (read-only) or was skipped.");
      return;
    }
    html.open("table", "class", "events dry-run-plan");
    html.open("thead").headerRow("#", "Step", "Kind", "Target", "Would have").close("thead");
    html.open("tbody");
    int n = 1;
    for (DryRunPlan.Entry e : plan) {
      html.open("tr").cell(n++).cell(e.step(), "class", "mono").cell(e.kind());
      html.cell(e.target() == null ? "" : e.target(), "class", "mono");
      html.open("td");
      switch (e.event()) {
        case "wouldRun" -> html.el("pre", Evidence.json(e.detail()), "class", "small");
        case "dryRunApproval" -> html.text("waited for a decision; approved by dry-run");
        default -> html.el("pre", Evidence.json(e.detail()), "class", "small");
      }
      html.close("td").close("tr");
    }
    html.close("tbody").close("table");
  }
}
