package dev.runbooks.cli.internal;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The answer of {@code GET /api/alerts/{id}/explain} as text: the alert, what the dispatcher
 * recorded, each trigger considered and why it matched or not, and for each matched runbook the
 * dedup key, cooldown and every guard rail with whether it holds now.
 */
public final class ExplainView {
  private final Map<String, Object> answer;

  /** A view of the API's answer. */
  public ExplainView(Map<String, Object> answer) {
    this.answer = answer;
  }

  /** Prints the view. */
  public void print(PrintWriter out) {
    Map<?, ?> alert = map(answer.get("alert"));
    out.printf(
        "alert %s %s (%s)%s, received %s%n",
        alert.get("id"),
        alert.get("name"),
        alert.get("status"),
        RailsView.text(" from ", alert.get("source")),
        alert.get("receivedAt"));
    Map<?, ?> recorded = map(answer.get("recorded"));
    out.printf(
        "recorded: %s%s%n",
        recorded.get("state"),
        RailsView.text(" at ", recorded.get("handledAt"))
            + RailsView.text(", maintenance window ", recorded.get("windowId")));
    for (Object item : list(recorded.get("routes"))) {
      Map<?, ?> r = map(item);
      out.printf(
          "  %s: %s%s%s%n",
          r.get("runbook"),
          r.get("action"),
          RailsView.text(" (run ", r.get("workflowId")) + (r.get("workflowId") == null ? "" : ")"),
          RailsView.text(": ", r.get("message")));
    }
    if (answer.get("verdict") != null) {
      out.println("now: " + answer.get("verdict"));
    }
    out.println();
    out.println("triggers considered:");
    Table triggers = new Table("RUNBOOK", "TRIGGER", "MATCHED", "WHY");
    for (Object item : list(answer.get("triggers"))) {
      Map<?, ?> t = map(item);
      triggers.row(t.get("runbook"), t.get("triggerIndex"), matched(t), join(t.get("reasons")));
    }
    triggers.print(out);
    for (Object item : list(answer.get("runbooks"))) {
      Map<?, ?> r = map(item);
      out.println();
      out.printf(
          "%s: workflow id %s, dedup key %s, cooldown %s%n",
          r.get("runbook"),
          r.get("workflowId"),
          r.get("dedupKey"),
          r.get("cooldown") == null ? "none" : r.get("cooldown"));
      for (Object problem : list(r.get("problems"))) {
        out.println("  PROBLEM  " + problem);
      }
      for (Object rail : list(r.get("rails"))) {
        Map<?, ?> c = map(rail);
        out.printf(
            "  %-6s %s: %s%n",
            Boolean.TRUE.equals(c.get("holds")) ? "HOLDS" : "ok", c.get("rail"), c.get("detail"));
      }
    }
    List<?> windows = list(answer.get("maintenance"));
    out.println();
    out.println(
        windows.isEmpty()
            ? "maintenance windows matching now: none"
            : "maintenance windows matching now: "
                + windows.stream()
                    .map(w -> map(w).get("id") + RailsView.text(" until ", map(w).get("endsAt")))
                    .collect(Collectors.joining(", ")));
    out.flush();
  }

  /** yes (the trigger used), stale, failed, yes, not used (an earlier one matched), or no. */
  static String matched(Map<?, ?> t) {
    if (Boolean.TRUE.equals(t.get("failed"))) {
      return "failed";
    }
    if (!Boolean.TRUE.equals(t.get("matched"))) {
      return "no";
    }
    if (Boolean.TRUE.equals(t.get("stale"))) {
      return "stale";
    }
    return Boolean.FALSE.equals(t.get("chosen")) ? "yes, not used" : "yes";
  }

  private static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> m ? m : Map.of();
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of();
  }

  private static String join(Object values) {
    return list(values).stream().map(String::valueOf).collect(Collectors.joining("; "));
  }
}
