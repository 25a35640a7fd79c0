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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A post-incident review draft in Markdown, following the JARVIS runbook's template (seed 000, §7
 * "Post-Incident Review Template"), filled from what the engine knows of a run: its alert (search
 * attributes), its timeline (steps and events), the remediation actions of its audit trail and its
 * outcome. What only people know (impact on users, action items) is left as marked blanks. The
 * Markdown comes from a Mustache template ({@link PirTemplate}): the default one, a resource, or a
 * team's own ({@code report --template FILE}), filled from {@link #model()}.
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

  /** The review as Markdown, from the default template ({@link PirTemplate#standard()}). */
  public String markdown() {
    return markdown(PirTemplate.standard());
  }

  /** The review as Markdown, from this template. */
  public String markdown(PirTemplate template) {
    return template.render(model());
  }

  /**
   * What a template sees (docs/cli.md, "Post-incident review templates"): plain values, lists of
   * maps for the tables, and booleans for the optional parts.
   */
  public Map<String, Object> model() {
    Map<String, Object> state = run.state();
    Map<String, Object> attributes = map(run.run().get("searchAttributes"));
    String workflowId = text(run.run().get("workflowId"));
    Instant started = instant(state.get("startedAt"), run.run().get("startTime"));
    Instant ended = instant(state.get("endedAt"), run.run().get("closeTime"));
    String outcome = run.outcome() == null ? "still running" : run.outcome();
    String alert = text(attributes.get("AlertName"));
    Map<String, Object> model = new LinkedHashMap<>();
    model.put(
        "incident",
        "INC-"
            + (started == null ? "????-??-??" : DAY.format(started))
            + "-"
            + shortHash(workflowId));
    model.put("blank", BLANK);
    model.put("alert", alert);
    model.put("title", text(state.getOrDefault("title", run.run().get("runbook"))));
    model.put("outcome", outcome);
    model.put("message", text(state.get("message")));
    model.put("runbook", text(run.run().get("runbook")));
    model.put("version", text(state.get("version")));
    model.put("workflowId", workflowId);
    model.put("startedAt", started == null ? "" : started.toString());
    model.put("endedAt", ended == null ? "" : ended.toString());
    model.put("dryRunSection", DryRunSection.markdown(state));
    List<Map<String, Object>> timeline = new ArrayList<>();
    for (String[] row : timeline(alert, started, ended, outcome)) {
      timeline.add(Map.of("time", row[0], "event", row[1], "owner", row[2]));
    }
    model.put("timeline", timeline);
    model.put(
        "duration",
        started != null && ended != null ? duration(Duration.between(started, ended)) : BLANK);
    model.put("severity", attributes.getOrDefault("Severity", BLANK));
    model.put("service", attributes.getOrDefault("Service", BLANK));
    model.put("findings", findings());
    List<Map<String, Object>> oldestFirst = new ArrayList<>();
    for (Map<String, Object> row : audit) {
      oldestFirst.add(
          0,
          Map.of(
              "time", time(instant(row.get("at"), null)),
              "step", text(row.get("step")),
              "action", text(row.get("action")),
              "target", text(row.get("target")),
              "outcome", text(row.get("outcome"))));
    }
    model.put("audit", oldestFirst);
    model.put("hasAudit", !oldestFirst.isEmpty());
    model.put("resolvedByRunbook", run.typedOutcome() == Outcome.RESOLVED);
    model.put(
        "succeededSteps",
        run.steps().stream()
            .filter(s -> StepState.SUCCEEDED.wire().equals(s.get("status")))
            .count());
    model.put("improvements", improvements());
    Map<String, Object> links = map(run.run().get("links"));
    model.put("runUrl", api + text(links.get("self")));
    model.put("uiUrl", text(links.get("ui")));
    List<Map<String, Object>> retries = new ArrayList<>();
    for (String line : run.retryLinks()) {
      retries.add(Map.of("text", Character.toUpperCase(line.charAt(0)) + line.substring(1)));
    }
    model.put("retryLinks", retries);
    return model;
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

  private List<Map<String, Object>> findings() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> step : run.steps()) {
      Map<String, Object> outputs = map(step.get("outputs"));
      if (!outputs.isEmpty()) {
        out.add(Map.of("step", text(step.get("id")), "outputs", oneLine(outputs)));
      }
    }
    return out;
  }

  private List<Map<String, Object>> improvements() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> step : run.steps()) {
      if ("failed".equals(step.get("status"))) {
        String text = "Step `" + step.get("id") + "` failed";
        if (step.get("error") instanceof Map<?, ?> error) {
          text += ": " + oneLine(error.get("message"));
        }
        out.add(Map.of("text", text));
      } else if (step.get("executions") instanceof Number n && n.longValue() > 1) {
        out.add(Map.of("text", "Step `" + step.get("id") + "` ran " + n + " times"));
      }
    }
    return out;
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
    text = text.replace('\n', ' ').replace('\r', ' '); // the template escapes | and <
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
