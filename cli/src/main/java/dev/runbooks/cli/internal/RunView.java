package dev.runbooks.cli.internal;

import dev.runbooks.api.ContractJson;
import dev.runbooks.api.Outcome;
import dev.runbooks.api.Wait;
import dev.runbooks.language.expr.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Reads the answer of {@code GET /api/runs/<id>}: the live status while the run is open, the run
 * report once it closed, and what the run is waiting for.
 */
public record RunView(Map<String, Object> run) {

  /** The live status, or the report when the run closed, or an empty map. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> state() {
    Object report = run.get("report");
    if (report instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    Object status = run.get("status");
    return status instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** Temporal's execution status in lower case: running, completed, failed, terminated... */
  public String executionStatus() {
    return String.valueOf(run.get("executionStatus"));
  }

  /** Whether the workflow execution closed. */
  public boolean closed() {
    return !"running".equals(executionStatus());
  }

  /**
   * The run's outcome: the report's (resolved, escalated, failed, aborted) when there is one, else
   * derived from how Temporal closed it; null while the run is open.
   */
  public String outcome() {
    Outcome outcome = typedOutcome();
    return outcome == null ? null : outcome.wire();
  }

  /** {@link #outcome()} typed. */
  public Outcome typedOutcome() {
    Outcome outcome = Outcome.parse(state().get("outcome"));
    if (outcome != null) {
      return outcome;
    }
    return switch (executionStatus()) {
      case "running" -> null;
      case "terminated", "canceled" -> Outcome.ABORTED;
      default -> Outcome.FAILED;
    };
  }

  /**
   * The exit code of {@code follow}: 0 resolved (also resolved-externally and skipped: nothing went
   * wrong), 2 escalated (also guarded: a guard stopped it for people), 3 failed, 4 aborted.
   */
  public int exitCode() {
    Outcome outcome = typedOutcome();
    if (outcome == null) {
      return 3;
    }
    return switch (outcome) {
      case RESOLVED, RESOLVED_EXTERNALLY, SKIPPED -> 0;
      case ESCALATED, GUARDED -> 2;
      case ABORTED -> 4;
      case FAILED -> 3;
    };
  }

  /** The step records, in the order the run reached them. */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> steps() {
    Object steps = state().get("steps");
    return steps instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
  }

  /** What the run waits for now: one entry per waiting step. */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> waiting() {
    Object waiting = state().get("waiting");
    return waiting instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
  }

  /**
   * The run's retry links as lines: {@code retry of <id> (<how> from step <step>, by <who>)} and
   * {@code retried by <id> (<how> from step <step>, by <who>)} per retry.
   */
  public List<String> retryLinks() {
    List<String> lines = new java.util.ArrayList<>();
    if (run.get("retryOf") instanceof Map<?, ?> of) {
      lines.add("retry of " + link(of));
    }
    if (run.get("retriedBy") instanceof List<?> by) {
      for (Object o : by) {
        if (o instanceof Map<?, ?> m) {
          lines.add("retried by " + link(m));
        }
      }
    }
    return lines;
  }

  private static String link(Map<?, ?> m) {
    return m.get("workflowId")
        + " ("
        + m.get("how")
        + " from step "
        + m.get("from")
        + (m.get("by") == null ? "" : ", by " + m.get("by"))
        + ")";
  }

  /** Prints a header and the table of steps, then what the run waits for. */
  public void print(PrintWriter out) {
    Map<String, Object> state = state();
    out.printf(
        "run %s  runbook %s %s%n",
        run.get("workflowId"), run.get("runbook"), state.getOrDefault("version", ""));
    String outcome = outcome();
    out.printf(
        "%s  started %s%s%n",
        outcome == null ? "running" : outcome,
        run.get("startTime"),
        run.get("closeTime") == null ? "" : "  closed " + run.get("closeTime"));
    if (state.get("message") != null) {
      out.println("message: " + state.get("message"));
    }
    if (run.get("error") != null) {
      out.println("error: " + run.get("error"));
    }
    retryLinks().forEach(out::println);
    out.println();
    Table table = new Table("STEP", "TYPE", "STATUS", "DURATION", "OUTPUTS");
    for (Map<String, Object> step : steps()) {
      table.row(
          step.get("id"),
          step.get("type"),
          step.get("status"),
          duration(step.get("durationMs")),
          details(step));
    }
    table.print(out);
    for (Map<String, Object> wait : waiting()) {
      out.println("waiting: " + describeWait(wait, String.valueOf(run.get("workflowId"))));
    }
    out.flush();
  }

  /** A duration in milliseconds as {@code 120ms}, {@code 1.5s} or {@code 2m03s}. */
  public static String duration(Object millis) {
    if (!(millis instanceof Number n)) {
      return null;
    }
    long ms = n.longValue();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    return String.format(java.util.Locale.ROOT, "%dm%02ds", ms / 60_000, (ms / 1000) % 60);
  }

  /** A step's outputs as compact JSON, or its error, shortened for one line. */
  static String details(Map<String, Object> step) {
    Object error = step.get("error");
    if (error instanceof Map<?, ?> e) {
      return shorten("error: " + e.get("message"));
    }
    Object outputs = step.get("outputs");
    if (outputs instanceof Map<?, ?> o && !o.isEmpty()) {
      return shorten(Json.write(o));
    }
    return step.get("note") == null ? null : shorten(step.get("note").toString());
  }

  /** What a waiting step waits for, in one line: the words of its {@link Wait}. */
  public static String describeWait(Map<String, Object> wait, String workflowId) {
    Wait typed = ContractJson.waitOrNull(wait);
    return typed == null
        ? wait.get("step") + " waits: " + Json.write(wait)
        : typed.line(workflowId);
  }

  private static String shorten(String text) {
    String line = text.replace('\n', ' ');
    return line.length() > 80 ? line.substring(0, 77) + "..." : line;
  }
}
