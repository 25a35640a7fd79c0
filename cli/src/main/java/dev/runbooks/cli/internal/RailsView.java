package dev.runbooks.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The guard-rails snapshot of {@code GET /api/guard-rails} as text: a line for all automation, a
 * table of runbooks (state, autonomy, limits, recent starts and limited alerts) and a table of the
 * change freezes.
 */
public final class RailsView {
  private final Map<String, Object> snapshot;

  /** A view of the API's answer. */
  public RailsView(Map<String, Object> snapshot) {
    this.snapshot = snapshot;
  }

  /** Prints the view. */
  public void print(PrintWriter out) {
    out.println("automation: " + automation(snapshot.get("automation")));
    out.println();
    Table table = new Table("RUNBOOK", "STATE", "AUTONOMY", "LIMITS", "STARTS", "LIMITED");
    if (snapshot.get("runbooks") instanceof List<?> runbooks) {
      for (Object item : runbooks) {
        if (item instanceof Map<?, ?> r) {
          Map<?, ?> recent = r.get("recent") instanceof Map<?, ?> m ? m : Map.of();
          table.row(
              r.get("runbook"),
              state(r),
              autonomy(r.get("autonomy")),
              limits(r.get("limits")),
              recent.get("starts"),
              recent.get("limited"));
        }
      }
    }
    table.print(out);
    out.println();
    out.println("freezes:");
    freezes(snapshot.get("freezes")).print(out);
  }

  /** "enabled", or "DISABLED by WHO: REASON (until WHEN)". */
  static String automation(Object automation) {
    if (automation instanceof Map<?, ?> a && Boolean.TRUE.equals(a.get("disabled"))) {
      return "DISABLED" + switchText(a);
    }
    return "enabled";
  }

  /** "ok", "disabled by WHO: REASON (until WHEN)" and/or "tripped: MESSAGE". */
  static String state(Map<?, ?> runbook) {
    List<String> states = new ArrayList<>();
    if (runbook.get("disabled") instanceof Map<?, ?> d) {
      states.add("disabled" + switchText(d));
    }
    if (runbook.get("tripped") instanceof Map<?, ?> t) {
      Object why = t.get("message") != null ? t.get("message") : t.get("limit");
      states.add("tripped" + (t.get("at") == null ? "" : " at " + t.get("at")) + text(": ", why));
    }
    return states.isEmpty() ? "ok" : String.join("; ", states);
  }

  private static String switchText(Map<?, ?> s) {
    return text(" by ", s.get("by"))
        + text(": ", s.get("reason"))
        + paren("until ", s.get("until"));
  }

  /** The effective mode, and why when it differs from the YAML (an override or a freeze). */
  static String autonomy(Object autonomy) {
    if (!(autonomy instanceof Map<?, ?> a)) {
      return "auto";
    }
    String effective = String.valueOf(a.get("effective") == null ? "auto" : a.get("effective"));
    if (a.get("override") instanceof Map<?, ?> o) {
      return effective + " (override by " + o.get("by") + ", written " + a.get("written") + ")";
    }
    if (a.get("freeze") instanceof Map<?, ?> f) {
      return effective + " (freeze " + f.get("id") + ", written " + a.get("written") + ")";
    }
    return effective;
  }

  /** "runs 10/1h, per KEY 2/1h, trip (default)", or "-" when none apply. */
  static String limits(Object limits) {
    if (!(limits instanceof Map<?, ?> l)) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    if (l.get("runs") != null) {
      parts.add("runs " + l.get("runs"));
    }
    if (l.get("perTarget") instanceof Map<?, ?> p) {
      parts.add("per " + p.get("key") + " " + p.get("runs"));
    }
    if (Boolean.TRUE.equals(l.get("trip"))) {
      parts.add("trip");
    }
    String text = String.join(", ", parts);
    return "default".equals(l.get("source")) ? text + " (default)" : text;
  }

  /** A table of freezes: id, from, until, runbooks (all when none named), by, reason. */
  public static Table freezes(Object freezes) {
    Table table = new Table("ID", "FROM", "UNTIL", "RUNBOOKS", "BY", "REASON");
    if (freezes instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> f) {
          table.row(
              f.get("id"),
              f.get("startsAt"),
              f.get("endsAt"),
              f.get("runbooks") instanceof List<?> r && !r.isEmpty() ? join(r) : "all",
              f.get("by"),
              f.get("reason"));
        }
      }
    }
    return table;
  }

  /** A lock's holder: its workflow id (and step), or the text given. */
  public static String holder(Object holder) {
    if (holder instanceof Map<?, ?> h) {
      Object who = h.get("workflowId") != null ? h.get("workflowId") : h.get("runId");
      return who + text(" step ", h.get("step"));
    }
    return holder == null ? null : holder.toString();
  }

  /** A lock's waiters, in order: "N: first, second". */
  public static String waiters(Object waiters) {
    if (!(waiters instanceof List<?> list) || list.isEmpty()) {
      return "0";
    }
    return list.size()
        + ": "
        + list.stream().map(RailsView::holder).collect(Collectors.joining(", "));
  }

  private static String join(List<?> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  static String text(String prefix, Object value) {
    return value == null || value.toString().isBlank() ? "" : prefix + value;
  }

  private static String paren(String prefix, Object value) {
    return value == null || value.toString().isBlank() ? "" : " (" + prefix + value + ")";
  }
}
