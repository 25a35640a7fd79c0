package dev.runbooks.workflows.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the run knows about itself: step records in the order they were first reached, pending
 * waits, approval decisions, signals received and the outcome. It backs the {@code status} query
 * and the run report. Only touched from workflow threads.
 */
public final class RunState {
  final String runbook;
  final String version;
  final String title;
  final String workflowId;
  final String runId;
  final long startedAt;
  final Map<String, StepRecord> steps = new LinkedHashMap<>();
  final Map<String, Map<String, Object>> waiting = new LinkedHashMap<>();
  final List<Map<String, Object>> events = new ArrayList<>();
  final List<Map<String, Object>> compensations = new ArrayList<>();
  Map<String, Object> inputs = Map.of();
  boolean dryRun;

  /**
   * How many calls deep this run is: 0 for a run started by a person, an alert or a schedule, n + 1
   * for a run a {@code call} step of a run at depth n started (from the {@code callDepth} of the
   * start context).
   */
  int callDepth;

  String phase = "running";
  String outcome;
  String message;
  String failedStep;
  String endStep;
  long endedAt;

  RunState(
      String runbook,
      String version,
      String title,
      String workflowId,
      String runId,
      long startedAt) {
    this.runbook = runbook;
    this.version = version;
    this.title = title;
    this.workflowId = workflowId;
    this.runId = runId;
    this.startedAt = startedAt;
  }

  StepRecord record(String id, String name, String type) {
    return steps.computeIfAbsent(id, k -> new StepRecord(id, name, type));
  }

  /** The {@code steps} variable of expressions: every step reached so far, by id. */
  Map<String, Object> expressionView() {
    Map<String, Object> view = new LinkedHashMap<>();
    steps.forEach((id, r) -> view.put(id, r.toExpressionView()));
    return view;
  }

  void event(String kind, Map<String, Object> details, long at) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("at", Times.iso(at));
    e.put("event", kind);
    e.putAll(details);
    events.add(e);
  }

  /** The answer to the {@code status} query: where the run is now and what it has done. */
  public Map<String, Object> status() {
    Map<String, Object> m = header();
    m.put("state", outcome == null ? "running" : "completed");
    m.put("phase", phase);
    List<String> current = new ArrayList<>();
    steps.forEach(
        (id, r) -> {
          if ("running".equals(r.status) || "waiting".equals(r.status)) {
            current.add(id);
          }
        });
    m.put("currentSteps", current);
    m.put("waiting", new ArrayList<>(waiting.values()));
    m.put("steps", stepReports());
    m.put("events", events);
    return m;
  }

  /** The run report: the workflow's result. */
  public Map<String, Object> report() {
    Map<String, Object> m = header();
    m.put("endedAt", Times.iso(endedAt));
    m.put("durationMs", endedAt - startedAt);
    m.put("inputs", inputs);
    m.put("steps", stepReports());
    m.put("compensations", compensations);
    m.put("events", events);
    return m;
  }

  private Map<String, Object> header() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("runbook", runbook);
    m.put("title", title);
    m.put("version", version);
    m.put("workflowId", workflowId);
    m.put("runId", runId);
    m.put("outcome", outcome);
    if (dryRun) {
      m.put("dryRun", true);
    }
    if (message != null) {
      m.put("message", message);
    }
    if (failedStep != null) {
      m.put("failedStep", failedStep);
    }
    if (endStep != null) {
      m.put("endedBy", endStep);
    }
    m.put("startedAt", Times.iso(startedAt));
    return m;
  }

  private List<Map<String, Object>> stepReports() {
    List<Map<String, Object>> out = new ArrayList<>();
    steps.values().forEach(r -> out.add(r.toReport()));
    return out;
  }
}
