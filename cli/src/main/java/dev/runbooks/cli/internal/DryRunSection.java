package dev.runbooks.cli.internal;

import dev.runbooks.api.DryRunPlan;
import dev.runbooks.language.expr.Json;
import java.util.List;
import java.util.Map;

/**
 * The section of a dry run's report that lists, in order, what the run would have done: each action
 * it did not send (step, kind, target, rendered config; secret references stay references), each
 * approval it decided itself and each wait it shortened.
 */
public final class DryRunSection {
  private DryRunSection() {}

  /** The section as Markdown, or empty text when the run is not a dry run. */
  @SuppressWarnings("unchecked")
  public static String markdown(Map<String, Object> state) {
    if (!Boolean.TRUE.equals(state.get("dryRun"))) {
      return "";
    }
    Object events = state.get("events");
    List<DryRunPlan.Entry> plan =
        DryRunPlan.of(events instanceof List<?> list ? (List<Map<String, Object>>) list : null);
    StringBuilder md = new StringBuilder("### Dry run: what would have been done\n\n");
    if (plan.isEmpty()) {
      return md.append("Nothing: every step ran for real or was skipped.\n\n").toString();
    }
    md.append(
        "| # | Step | Kind | Target | Would have |\n| - | ---- | ---- | ------ | ---------- |\n");
    int n = 1;
    for (DryRunPlan.Entry e : plan) {
      md.append("| ")
          .append(n++)
          .append(" | `")
          .append(e.step())
          .append("` | ")
          .append(e.kind())
          .append(" | ")
          .append(e.target() == null ? "" : "`" + cell(e.target()) + "`")
          .append(" | ")
          .append(what(e))
          .append(" |\n");
    }
    return md.append('\n').toString();
  }

  private static String what(DryRunPlan.Entry e) {
    return switch (e.event()) {
      case "wouldRun" -> "sent `" + cell(Json.write(e.detail())) + "`";
      case "dryRunApproval" -> "waited for a decision; approved by dry-run";
      default -> "waited " + millis(e.detail()) + "; the dry run waited less";
    };
  }

  private static String millis(Object detail) {
    Object ms = detail instanceof Map<?, ?> m ? m.get("wouldWaitMs") : null;
    return ms instanceof Number n ? n.longValue() / 1000 + " s" : "longer";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
