package dev.runbooks.workflows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Temporal user metadata of a run: the one-line static summary and the Markdown static details
 * that the Temporal Web UI shows on the run's page, set where runs are started (the alert
 * dispatcher, the API, retries, schedules and {@code call} steps). Both are stored unencrypted,
 * like search attributes, so they carry no secrets by construction: the runbook's name, title and
 * version, the alert's name and fingerprint, a few labels from a fixed list ({@link #LABELS}), who
 * or what started the run and the path of its {@code /ui} page. Annotations never appear. Text from
 * alerts is untrusted: every value is cut to a short length, put on one line and escaped for
 * Markdown.
 *
 * @param summary the static summary (one line, at most {@link #SUMMARY_LIMIT} characters)
 * @param details the static details (Markdown, at most {@link #DETAILS_LIMIT} characters)
 */
public record RunMetadata(String summary, String details) {
  /** The longest summary set. */
  public static final int SUMMARY_LIMIT = 200;

  /** The longest details set. */
  public static final int DETAILS_LIMIT = 2000;

  /** The alert labels shown in the details (when present), in this order. */
  public static final List<String> LABELS =
      List.of("severity", "service", "namespace", "cluster", "job", "instance", "host", "pod");

  /** The labels that name the target in the summary, the first present wins. */
  static final List<String> TARGET_LABELS =
      List.of("instance", "host", "pod", "node", "service", "job");

  private static final int VALUE_LIMIT = 80;

  public RunMetadata {
    summary = cut(summary, SUMMARY_LIMIT);
    details = details.length() > DETAILS_LIMIT ? details.substring(0, DETAILS_LIMIT) : details;
  }

  /**
   * The metadata of a run an alert starts.
   *
   * @param runbook the runbook's name
   * @param title the runbook's title, or null
   * @param version the runbook's version, or null when not known yet
   * @param alertName the alert's name
   * @param fingerprint the alert's fingerprint (may be empty)
   * @param labels the alert's labels (only {@link #LABELS} are shown)
   * @param source the alert's source ({@code alertmanager}, {@code grafana}, ...)
   * @param workflowId the run's workflow id
   */
  public static RunMetadata ofAlert(
      String runbook,
      String title,
      String version,
      String alertName,
      String fingerprint,
      Map<String, ?> labels,
      String source,
      String workflowId) {
    String summary = line(title(runbook, title), alertName, target(labels));
    StringBuilder d = head(runbook, title, version);
    d.append("**Alert:** ").append(escape(alertName));
    if (fingerprint != null && !fingerprint.isBlank()) {
      d.append(" (fingerprint ").append(escape(fingerprint)).append(')');
    }
    d.append("  \n");
    List<String> shown = new ArrayList<>();
    for (String key : LABELS) {
      Object value = labels == null ? null : labels.get(key);
      if (value != null && !String.valueOf(value).isBlank()) {
        shown.add(key + "=" + escape(String.valueOf(value)));
      }
    }
    if (!shown.isEmpty()) {
      d.append("**Labels:** ").append(String.join(", ", shown)).append("  \n");
    }
    d.append("**Trigger:** alert from ").append(escape(source)).append("  \n");
    return new RunMetadata(summary, tail(d, workflowId));
  }

  /**
   * The metadata of a run a person starts (through the API, the CLI or {@code /ui}), or retries.
   *
   * @param runbook the runbook's name
   * @param title the runbook's title, or null
   * @param version the runbook's version, or null
   * @param startedBy who started it
   * @param how how, such as {@code api} or {@code retry of <workflow id>}
   * @param dryRun whether it is a dry run
   * @param workflowId the run's workflow id
   */
  public static RunMetadata ofPerson(
      String runbook,
      String title,
      String version,
      String startedBy,
      String how,
      boolean dryRun,
      String workflowId) {
    String summary =
        line(title(runbook, title), (dryRun ? "dry run by " : "started by ") + startedBy, null);
    StringBuilder d = head(runbook, title, version);
    d.append("**Trigger:** ")
        .append(dryRun ? "dry run" : "run")
        .append(" started by ")
        .append(escape(startedBy))
        .append(" (")
        .append(escape(how))
        .append(")  \n");
    return new RunMetadata(summary, tail(d, workflowId));
  }

  /**
   * The metadata of the runs a schedule starts; their workflow ids are the schedule's id and the
   * time, so the details name no single run page.
   */
  public static RunMetadata ofSchedule(String runbook, String title, String scheduleId) {
    String summary = line(title(runbook, title), "schedule " + scheduleId, null);
    StringBuilder d = head(runbook, title, null);
    d.append("**Trigger:** schedule ").append(escape(scheduleId)).append("  \n");
    return new RunMetadata(summary, d.toString());
  }

  /**
   * The metadata of a run a {@code call} step starts.
   *
   * @param runbook the called runbook's name
   * @param parentRunbook the calling runbook's name
   * @param parentWorkflowId the calling run's workflow id
   * @param stepId the call step's id
   * @param alertName the calling run's alert name, or null when no alert started it
   * @param workflowId the child run's workflow id
   */
  public static RunMetadata ofCall(
      String runbook,
      String parentRunbook,
      String parentWorkflowId,
      String stepId,
      String alertName,
      String workflowId) {
    String summary = line(runbook, alertName, "called by " + parentRunbook + "/" + stepId);
    StringBuilder d = head(runbook, null, null);
    if (alertName != null && !alertName.isBlank()) {
      d.append("**Alert:** ").append(escape(alertName)).append("  \n");
    }
    d.append("**Trigger:** step ")
        .append(escape(stepId))
        .append(" of runbook ")
        .append(escape(parentRunbook))
        .append(" (run ")
        .append(escape(parentWorkflowId))
        .append(")  \n");
    return new RunMetadata(summary, tail(d, workflowId));
  }

  /** The target named by an alert's labels ({@link #TARGET_LABELS}), or null. */
  static String target(Map<String, ?> labels) {
    if (labels == null) {
      return null;
    }
    for (String key : TARGET_LABELS) {
      Object value = labels.get(key);
      if (value != null && !String.valueOf(value).isBlank()) {
        return String.valueOf(value);
      }
    }
    return null;
  }

  /**
   * Text made safe for one line of Markdown: control characters and line breaks become spaces, it
   * is cut to a short length, and every character that has a meaning inside a line of Markdown or
   * HTML (emphasis, code, links, images, tags, entities, tables) is escaped, as is a first
   * character that would start a heading, a list or a quote.
   */
  public static String escape(String text) {
    return escape(text, VALUE_LIMIT);
  }

  /** Like {@link #escape(String)}, cut to {@code limit} characters before escaping. */
  public static String escape(String text, int limit) {
    String flat = cut(text == null ? "" : text, limit);
    StringBuilder out = new StringBuilder(flat.length() + 8);
    for (int i = 0; i < flat.length(); i++) {
      char c = flat.charAt(i);
      if ("\\`*_[]<>!|~&".indexOf(c) >= 0 || i == 0 && "#-+>".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  private static String title(String runbook, String title) {
    return title == null || title.isBlank() ? runbook : title;
  }

  private static String line(String first, String second, String third) {
    StringBuilder s = new StringBuilder(escape(first));
    for (String part : new String[] {second, third}) {
      if (part != null && !part.isBlank()) {
        s.append(" — ").append(escape(part));
      }
    }
    return s.toString();
  }

  private static StringBuilder head(String runbook, String title, String version) {
    StringBuilder d = new StringBuilder();
    d.append("**Runbook:** ").append(escape(runbook));
    if (title != null && !title.isBlank()) {
      d.append(" — ").append(escape(title));
    }
    if (version != null && !version.isBlank()) {
      d.append(" (version ").append(escape(version)).append(')');
    }
    return d.append("  \n");
  }

  private static String tail(StringBuilder d, String workflowId) {
    return d.append("**Run page:** /ui/runs/").append(escape(workflowId)).append('\n').toString();
  }

  private static String cut(String text, int limit) {
    StringBuilder flat = new StringBuilder(Math.min(text.length(), limit + 1));
    for (int i = 0; i < text.length() && flat.length() <= limit; i++) {
      char c = text.charAt(i);
      flat.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? ' ' : c);
    }
    String s = flat.toString().strip();
    return s.length() > limit ? s.substring(0, limit - 1) + "…" : s;
  }
}
