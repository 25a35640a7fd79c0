package dev.runbooks.workflows.internal;

import dev.runbooks.api.Outcome;
import dev.runbooks.api.RunPhase;
import dev.runbooks.api.RunReport;
import dev.runbooks.api.RunStatus;
import dev.runbooks.api.StepReport;
import dev.runbooks.api.Wait;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the run knows about itself: step records in the order they were first reached, pending
 * waits, approval decisions, signals received and the outcome. It backs the {@code status} query
 * ({@link RunStatus}) and the run report ({@link RunReport}). Only touched from workflow threads.
 */
public final class RunState {
  final String runbook;
  final String version;
  final String title;
  final String workflowId;
  final String runId;
  final long startedAt;

  /** The resource locks the run holds or waits for ({@link Locks}). */
  final LockBook locks = new LockBook();

  /** What the Temporal Web UI shows as the run's current details ({@link CurrentDetails}). */
  final CurrentDetails details;

  private final Map<String, StepRecord> steps = new LinkedHashMap<>();
  private final Map<String, Wait> waiting = new LinkedHashMap<>();
  private final List<Map<String, Object>> events = new ArrayList<>();
  private final List<Map<String, Object>> compensations = new ArrayList<>();
  private Map<String, Object> inputs = Map.of();
  private boolean dryRun;
  private dev.runbooks.api.Actor startedBy;

  /**
   * How many calls deep this run is: 0 for a run started by a person, an alert or a schedule, n + 1
   * for a run a {@code call} step of a run at depth n started (from the {@code callDepth} of the
   * start context).
   */
  private int callDepth;

  private RunPhase phase = RunPhase.RUNNING;
  private Outcome outcome;
  private String message;
  private String failedStep;
  private String endStep;
  private long endedAt;

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
    this.details = new CurrentDetails(runbook, title, workflowId);
  }

  /** Sets what the run was started with (or what a checkpoint carried). */
  void begin(Map<String, Object> inputs, boolean dryRun, int callDepth) {
    this.inputs = inputs;
    this.dryRun = dryRun;
    this.callDepth = callDepth;
  }

  Map<String, Object> inputs() {
    return inputs;
  }

  /** Who started the run, when its start context said so; null otherwise. */
  dev.runbooks.api.Actor startedBy() {
    return startedBy;
  }

  void startedBy(dev.runbooks.api.Actor actor) {
    this.startedBy = actor;
  }

  boolean dryRun() {
    return dryRun;
  }

  int callDepth() {
    return callDepth;
  }

  RunPhase phase() {
    return phase;
  }

  void phase(RunPhase phase) {
    this.phase = phase;
  }

  /** How the run ended; null while it runs. */
  Outcome outcome() {
    return outcome;
  }

  /** The message the run ended with, if any. */
  String endMessage() {
    return message;
  }

  /** The step that ended the run, if one did. */
  String endStep() {
    return endStep;
  }

  /**
   * The run ended with this outcome (the first ending counts): its message and the step that ended
   * it, which is the failed step unless the run resolved.
   */
  void end(Outcome outcome, String message, String stepId) {
    if (this.outcome != null) {
      return;
    }
    this.outcome = outcome;
    this.message = message;
    this.endStep = stepId;
    if (outcome != Outcome.RESOLVED) {
      this.failedStep = stepId;
    }
  }

  /** The run is over: compensation, finally and auto-resolve are done. */
  void finish(long now) {
    endedAt = now;
  }

  long endedAt() {
    return endedAt;
  }

  StepRecord record(String id, String name, String type) {
    return steps.computeIfAbsent(id, k -> new StepRecord(id, name, type));
  }

  /** A step starts waiting: the status query lists the wait, and the step's status is waiting. */
  void waitOn(String stepId, Wait wait) {
    waiting.put(stepId, wait);
    details.waits(waiting.values());
    StepRecord rec = steps.get(stepId);
    if (rec != null) {
      rec.waiting();
    }
  }

  /** A step's wait ended (or never began): it is no longer listed, and it runs on. */
  void waitEnded(String stepId) {
    waiting.remove(stepId);
    details.waits(waiting.values());
    StepRecord rec = steps.get(stepId);
    if (rec != null) {
      rec.running();
    }
  }

  /** The {@code steps} variable of expressions: every step reached so far, by id. */
  Map<String, Object> expressionView() {
    Map<String, Object> view = new LinkedHashMap<>();
    steps.forEach((id, r) -> view.put(id, r.toExpressionView()));
    return view;
  }

  /** The step records in the order first reached (a checkpoint carries them). */
  java.util.Collection<StepRecord> records() {
    return steps.values();
  }

  /** The events so far (a checkpoint carries them). */
  List<Map<String, Object>> events() {
    return events;
  }

  /**
   * Puts back the events a checkpoint carried, keeping of the events named {@code replaced} none:
   * the next execution adds its own.
   */
  void restoreEvents(List<Map<String, Object>> carried, String replaced) {
    if (carried != null) {
      events.addAll(carried);
    }
    events.removeIf(e -> replaced.equals(e.get("event")));
    omitted =
        events.stream().filter(e -> EVENTS_OMITTED.equals(e.get("event"))).findFirst().orElse(null);
  }

  /** At most this many events are kept (plus one that counts the others); see {@link #event}. */
  static final int MAX_EVENTS = 1000;

  /** The first events, always kept; the ones after them make room for the newest. */
  static final int FIRST_EVENTS_KEPT = 200;

  /** The event standing for the events left out, with their {@code count}. */
  static final String EVENTS_OMITTED = "eventsOmitted";

  private Map<String, Object> omitted;

  /** A compensation ran: {@code for}, {@code steps}, {@code status}... as the report lists it. */
  void compensated(Map<String, Object> entry) {
    compensations.add(entry);
  }

  void event(String kind, Map<String, Object> details, long at) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("at", Times.iso(at));
    e.put("event", kind);
    e.putAll(details);
    events.add(e);
    if (events.size() > MAX_EVENTS + (omitted == null ? 0 : 1)) {
      // a run that receives signals without end (an alert repeating for days) keeps its first
      // events and its newest ones, so its report and its checkpoint stay bounded
      if (omitted == null) {
        omitted = new LinkedHashMap<>();
        omitted.put("at", e.get("at"));
        omitted.put("event", EVENTS_OMITTED);
        omitted.put("count", 0L);
        events.add(FIRST_EVENTS_KEPT, omitted);
      }
      events.remove(FIRST_EVENTS_KEPT + 1);
      omitted.put("count", ((Number) omitted.get("count")).longValue() + 1);
      omitted.put("at", e.get("at"));
    }
  }

  /** The answer to the {@code status} query: where the run is now and what it has done. */
  public RunStatus status() {
    List<String> current = new ArrayList<>();
    steps.forEach(
        (id, r) -> {
          if (r.live()) {
            current.add(id);
          }
        });
    return new RunStatus(
        runbook,
        title,
        version,
        workflowId,
        runId,
        outcome,
        dryRun ? Boolean.TRUE : null,
        message,
        failedStep,
        endStep,
        Times.iso(startedAt),
        outcome == null ? RunStatus.RUNNING : RunStatus.COMPLETED,
        phase,
        current,
        new ArrayList<>(waiting.values()),
        stepReports(),
        events,
        startedBy,
        locks.view());
  }

  /** The run report: the workflow's result. */
  public RunReport report() {
    RunReport report = report(StepRecord.MAX_REPORTED_RESULT_CHARS);
    if (dev.runbooks.language.expr.Json.write(report).length() > REPORT_BUDGET_CHARS) {
      report = report(StepRecord.SMALL_REPORTED_RESULT_CHARS);
    }
    return report;
  }

  /**
   * A report larger than this (as JSON) shows every step result larger than {@link
   * StepRecord#SMALL_REPORTED_RESULT_CHARS} as a preview, so that it stays well under Temporal's 2
   * MB payload limit however many steps returned large results.
   */
  static final int REPORT_BUDGET_CHARS = 1024 * 1024;

  private RunReport report(int maxResultChars) {
    return new RunReport(
        runbook,
        title,
        version,
        workflowId,
        runId,
        outcome,
        dryRun ? Boolean.TRUE : null,
        message,
        failedStep,
        endStep,
        Times.iso(startedAt),
        Times.iso(endedAt),
        endedAt - startedAt,
        inputs,
        stepReports(maxResultChars),
        compensations,
        events,
        startedBy);
  }

  private List<StepReport> stepReports() {
    return stepReports(StepRecord.MAX_REPORTED_RESULT_CHARS);
  }

  private List<StepReport> stepReports(int maxResultChars) {
    List<StepReport> out = new ArrayList<>();
    steps.values().forEach(r -> out.add(r.toReport(maxResultChars)));
    return out;
  }
}
