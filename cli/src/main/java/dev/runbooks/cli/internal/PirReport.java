package dev.runbooks.cli.internal;

import dev.runbooks.api.Outcome;
import dev.runbooks.api.StepState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A post-incident review draft in Markdown, following the JARVIS runbook's template (seed 000, §7
 * "Post-Incident Review Template"), filled from what the engine knows of a run: its alert (search
 * attributes), its timeline (steps and events), the remediation actions of its audit trail and its
 * outcome. What only people know (impact on users, action items) is left as marked blanks.
 */
public final class PirReport {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final String BLANK = "_(to fill in)_";

  private final RunView run;
  private final List<Map<String, Object>> audit;
  private final String api;

  /**
   * A report of a run.
   *
   * @param run the run as {@code GET /api/runs/<id>} answers
   * @param audit the run's audit trail rows, newest first as the API lists them
   * @param api the API's base URL, for links
   */
  public PirReport(RunView run, List<Map<String, Object>> audit, String api) {
    this.run = run;
    this.audit = audit;
    this.api = api;
  }

  /** The review as Markdown. */
  public String markdown() {
    Map<String, Object> state = run.state();
    Map<String, Object> attributes = map(run.run().get("searchAttributes"));
    String workflowId = text(run.run().get("workflowId"));
    Instant started = instant(state.get("startedAt"), run.run().get("startTime"));
    Instant ended = instant(state.get("endedAt"), run.run().get("closeTime"));
    String outcome = run.outcome() == null ? "still running" : run.outcome();
    String alert = text(attributes.get("AlertName"));
    StringBuilder md = new StringBuilder();
    md.append("## Post-Incident Review: INC-")
        .append(started == null ? "????-??-??" : DAY.format(started))
        .append('-')
        .append(shortHash(workflowId))
        .append("\n\n### Summary\n\n");
    String title = text(state.getOrDefault("title", run.run().get("runbook")));
    md.append(alert.isEmpty() ? "Run of " : alert + ": ")
        .append(title)
        .append(" — **")
        .append(outcome)
        .append("**");
    if (state.get("message") != null) {
      md.append(": ").append(state.get("message"));
    }
    md.append(".\n\nRunbook `")
        .append(run.run().get("runbook"))
        .append("` ")
        .append(text(state.get("version")))
        .append(", run `")
        .append(workflowId)
        .append("`.\n\n")
        .append(DryRunSection.markdown(state))
        .append("### Timeline (UTC)\n\n| Time | Event | Owner |\n| ---- | ----- | ----- |\n");
    for (String[] row : timeline(alert, started, ended, outcome)) {
      md.append("| ").append(row[0]).append(" | ").append(row[1]).append(" | ").append(row[2]);
      md.append(" |\n");
    }
    md.append("\n### Impact\n\n- **Duration:** ")
        .append(
            started != null && ended != null ? duration(Duration.between(started, ended)) : BLANK)
        .append(" (run start to end)\n- **Severity:** ")
        .append(attributes.getOrDefault("Severity", BLANK))
        .append("\n- **Service:** ")
        .append(attributes.getOrDefault("Service", BLANK))
        .append("\n- **Features Affected:** ")
        .append(BLANK)
        .append("\n- **Users Affected:** ")
        .append(BLANK)
        .append("\n- **Data Loss:** ")
        .append(BLANK)
        .append("\n\n### Root Cause\n\nWhat the runbook's diagnosis found (step outputs):\n\n");
    List<String> findings = findings();
    md.append(findings.isEmpty() ? "- (no step recorded outputs)\n" : String.join("", findings));
    md.append("\n").append(BLANK).append("\n\n### Resolution\n\n");
    md.append(resolution(outcome));
    md.append("\n### What Went Well\n\n").append(wentWell(outcome));
    md.append("\n### What Could Be Improved\n\n").append(improve());
    md.append("\n### Action Items\n\n| ID  | Action | Owner | Due Date |\n")
        .append("| --- | ------ | ----- | -------- |\n| 1   |        |       |          |\n")
        .append("| 2   |        |       |          |\n\n### Related Links\n\n");
    Map<String, Object> links = map(run.run().get("links"));
    md.append("- Run: ").append(api).append(text(links.get("self"))).append('\n');
    if (links.get("ui") != null) {
      md.append("- Temporal Web UI: ").append(links.get("ui")).append('\n');
    }
    for (String line : run.retryLinks()) {
      md.append("- ").append(Character.toUpperCase(line.charAt(0))).append(line.substring(1));
      md.append('\n');
    }
    md.append("- Alert: ")
        .append(alert.isEmpty() ? "(started by hand, no alert)" : alert)
        .append("\n- Dashboard: ")
        .append(BLANK)
        .append("\n- Logs: ")
        .append(BLANK)
        .append('\n');
    return md.toString();
  }

  private List<String[]> timeline(String alert, Instant started, Instant ended, String outcome) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          time(started),
          alert.isEmpty()
              ? "Run started: runbook `" + run.run().get("runbook") + "`"
              : "Alert `" + alert + "` fired; runbook `" + run.run().get("runbook") + "` started",
          "System"
        });
    for (Map<String, Object> step : run.steps()) {
      String status = text(step.get("status"));
      if (status.equals("skipped") || step.get("startedAt") == null) {
        continue;
      }
      String what = "Step `" + step.get("id") + "` (" + step.get("type") + ") " + status;
      if (step.get("durationMs") instanceof Number ms) {
        what += " in " + duration(Duration.ofMillis(ms.longValue()));
      }
      if (step.get("error") instanceof Map<?, ?> error && error.get("message") != null) {
        what += ": " + oneLine(error.get("message"));
      }
      rows.add(new String[] {time(instant(step.get("startedAt"), null)), what, "runbook"});
    }
    for (Object e : list(run.state().get("events"))) {
      Map<String, Object> event = map(e);
      String who = text(event.getOrDefault("approver", event.getOrDefault("by", "")));
      rows.add(
          new String[] {
            time(instant(event.get("at"), null)),
            "Event `" + event.get("event") + "`" + details(event),
            who.isEmpty() ? "System" : "@" + who
          });
    }
    rows.sort((a, b) -> a[0].compareTo(b[0]));
    Outcome typed = run.typedOutcome();
    String end =
        typed == null
            ? "Run still in progress"
            : switch (typed) {
              case RESOLVED -> "Service restored (run resolved)";
              case ESCALATED -> "Escalated to people";
              default -> "Run ended: " + outcome;
            };
    rows.add(new String[] {time(ended), end, "runbook"});
    rows.add(new String[] {"HH:MM", "Post-incident review completed", "@oncall"});
    return rows;
  }

  private List<String> findings() {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> step : run.steps()) {
      Map<String, Object> outputs = map(step.get("outputs"));
      if (!outputs.isEmpty()) {
        out.add("- `" + step.get("id") + "`: " + oneLine(outputs) + "\n");
      }
    }
    return out;
  }

  private String resolution(String outcome) {
    StringBuilder md = new StringBuilder();
    if (audit.isEmpty()) {
      md.append("The run changed nothing (no remediation action in the audit trail).\n");
    } else {
      md.append("Remediation actions, from the audit trail:\n\n")
          .append("| Time | Step | Action | Target | Outcome |\n")
          .append("| ---- | ---- | ------ | ------ | ------- |\n");
      List<Map<String, Object>> oldestFirst = new ArrayList<>(audit);
      java.util.Collections.reverse(oldestFirst);
      for (Map<String, Object> row : oldestFirst) {
        md.append("| ")
            .append(time(instant(row.get("at"), null)))
            .append(" | ")
            .append(text(row.get("step")))
            .append(" | ")
            .append(text(row.get("action")))
            .append(" | ")
            .append(text(row.get("target")))
            .append(" | ")
            .append(text(row.get("outcome")))
            .append(" |\n");
      }
    }
    md.append("\nOutcome: **").append(outcome).append("**.\n");
    return md.toString();
  }

  private String wentWell(String outcome) {
    StringBuilder md = new StringBuilder();
    if (run.typedOutcome() == Outcome.RESOLVED) {
      md.append("- The runbook recovered the service without a person.\n");
    }
    long succeeded =
        run.steps().stream()
            .filter(s -> StepState.SUCCEEDED.wire().equals(s.get("status")))
            .count();
    md.append("- ").append(succeeded).append(" step(s) succeeded.\n");
    return md.toString();
  }

  private String improve() {
    StringBuilder md = new StringBuilder();
    for (Map<String, Object> step : run.steps()) {
      if ("failed".equals(step.get("status"))) {
        md.append("- Step `").append(step.get("id")).append("` failed");
        if (step.get("error") instanceof Map<?, ?> error) {
          md.append(": ").append(oneLine(error.get("message")));
        }
        md.append('\n');
      } else if (step.get("executions") instanceof Number n && n.longValue() > 1) {
        md.append("- Step `").append(step.get("id")).append("` ran ").append(n).append(" times\n");
      }
    }
    return md.length() == 0 ? "- " + BLANK + "\n" : md.toString();
  }

  private static String details(Map<String, Object> event) {
    Object comment = event.get("comment");
    Object step = event.get("step");
    String out = step == null ? "" : " on `" + step + "`";
    return comment == null || comment.toString().isEmpty() ? out : out + ": " + oneLine(comment);
  }

  private static String time(Instant at) {
    return at == null ? "--:--:--" : TIME.format(at);
  }

  private static Instant instant(Object first, Object second) {
    for (Object value : new Object[] {first, second}) {
      if (value != null && !value.toString().isEmpty()) {
        try {
          return Instant.parse(value.toString());
        } catch (java.time.format.DateTimeParseException e) {
          // try the next
        }
      }
    }
    return null;
  }

  private static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return d.toMinutes() + " min " + d.toSecondsPart() + " s";
  }

  private static String oneLine(Object value) {
    String text =
        value instanceof Map || value instanceof List
            ? dev.runbooks.language.expr.Json.write(value)
            : String.valueOf(value);
    text = text.replace('\n', ' ').replace("|", "\\|");
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of();
  }

  private static String shortHash(String id) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 3).toUpperCase(java.util.Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
