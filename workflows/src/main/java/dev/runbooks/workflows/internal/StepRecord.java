package dev.runbooks.workflows.internal;

import dev.runbooks.api.Outcome;
import dev.runbooks.api.StepReport;
import dev.runbooks.api.StepState;
import dev.runbooks.api.StepStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happened to one step in a run (the latest execution of it, for steps inside loops). Only
 * touched from workflow threads, which Temporal runs one at a time. Its fields change only through
 * the transitions below: {@link #start}, {@link #resume}, {@link #succeed}, {@link #fail}, {@link
 * #skip}, {@link #cancel}, {@link #transfer}, and waiting through {@link RunState#waitOn}.
 */
final class StepRecord {
  private final String id;
  private final String name;
  private final String type;
  private StepState status = StepState.PENDING;
  private long startedAt;
  private long endedAt;
  private int executions;
  private Object result;
  private Map<String, Object> outputs = Map.of();
  private StepError error;
  private String note;

  /** The status the run this one retries recorded, for a {@link #reuse reused} step; else null. */
  private String reusedStatus;

  StepRecord(String id, String name, String type) {
    this.id = id;
    this.name = name;
    this.type = type;
  }

  String id() {
    return id;
  }

  String type() {
    return type;
  }

  StepState status() {
    return status;
  }

  long startedAt() {
    return startedAt;
  }

  long endedAt() {
    return endedAt;
  }

  int executions() {
    return executions;
  }

  /** A new execution starts: it counts, and what the previous one left is cleared. */
  void start(long now) {
    status = StepState.RUNNING;
    startedAt = now;
    endedAt = 0;
    executions++;
    reusedStatus = null;
    error = null;
    outputs = Map.of();
    result = null;
  }

  /** An execution a checkpoint carried goes on (after continue-as-new): nothing is cleared. */
  void resume() {
    status = StepState.RUNNING;
  }

  /** The step waits (on a person, a timer or a probe); see {@link RunState#waitOn}. */
  void waiting() {
    status = StepState.WAITING;
  }

  /** The wait ended; the step runs on. */
  void running() {
    status = StepState.RUNNING;
  }

  /** The step succeeded (or, when simulated, a dry run stood in for it). */
  void succeed(Object result, Map<String, Object> outputs, long now, boolean simulated) {
    this.result = result;
    this.outputs = outputs;
    status = simulated ? StepState.DRY_RUN : StepState.SUCCEEDED;
    endedAt = now;
  }

  /** The step failed; its result stays what it was. */
  void fail(StepError error, long now) {
    status = StepState.FAILED;
    this.error = error;
    endedAt = now;
  }

  /** The step failed with this result (the evidence it produced, or null). */
  void fail(StepError error, Object result, long now) {
    this.result = result;
    fail(error, now);
  }

  /**
   * The step is not run: a retried run reuses what the run it retries recorded ({@link RetrySeed}).
   * Reports show it {@code reused}; expressions see the status it had there.
   */
  void reuse(
      String originalStatus,
      Object result,
      Map<String, Object> outputs,
      StepError error,
      String note) {
    status = StepState.REUSED;
    reusedStatus = originalStatus;
    this.result = result;
    this.outputs = outputs == null ? Map.of() : outputs;
    this.error = error;
    this.note = note;
  }

  /** How a failure was handled ({@code onFailure: continue}...). */
  void note(String note) {
    this.note = note;
  }

  /** The step's {@code when} did not hold. */
  void skip(String note) {
    status = StepState.SKIPPED;
    this.note = note;
  }

  /** The step was cancelled (an abort, or a satisfied join cancelled its branch). */
  void cancel(long now) {
    status = StepState.CANCELLED;
    endedAt = now;
  }

  /**
   * A fail or succeed step inside it ended the run with this outcome, or (for null) an onFailure
   * goto left it.
   */
  void transfer(Outcome ended, long now) {
    status = ended == null ? StepState.JUMPED : StepState.ended(ended);
    endedAt = now;
  }

  /** The view expressions get as {@code steps.<id>}. */
  Map<String, Object> toExpressionView() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", reusedStatus != null ? reusedStatus : status.wire());
    m.put("outputs", outputs);
    m.put("result", result);
    m.put("error", error == null ? null : error.toMap());
    return m;
  }

  /** Results larger than this (as JSON) are shown as a preview in reports and status. */
  static final int MAX_REPORTED_RESULT_CHARS = 16 * 1024;

  /** The preview limit of a report that would be too large otherwise ({@link RunState#report}). */
  static final int SMALL_REPORTED_RESULT_CHARS = 1024;

  /**
   * The result as reports show it: whole when small, else a preview, so that a report stays far
   * below Temporal's payload size limit however much a step returned. Expressions still see the
   * whole result.
   */
  static Object bounded(Object result) {
    return bounded(result, MAX_REPORTED_RESULT_CHARS);
  }

  /** The result as reports show it, whole when its JSON has at most {@code maxChars}. */
  static Object bounded(Object result, int maxChars) {
    if (result instanceof String s && s.length() <= maxChars) {
      return s;
    }
    String json = dev.runbooks.language.expr.Json.write(result);
    if (json.length() <= maxChars) {
      return result;
    }
    Map<String, Object> preview = new LinkedHashMap<>();
    preview.put("truncated", true);
    preview.put("jsonChars", (long) json.length());
    preview.put("preview", json.substring(0, Math.min(4096, maxChars / 4)));
    return preview;
  }

  /** The view the status query and the run report show. */
  StepReport toReport() {
    return toReport(MAX_REPORTED_RESULT_CHARS);
  }

  /** The view a report shows, with results larger than {@code maxResultChars} as previews. */
  StepReport toReport(int maxResultChars) {
    return new StepReport(
        id,
        name,
        type,
        status,
        startedAt > 0 ? Times.iso(startedAt) : null,
        endedAt > 0 ? Times.iso(endedAt) : null,
        endedAt > 0 ? endedAt - startedAt : null,
        executions > 1 ? executions : null,
        outputs.isEmpty() ? null : outputs,
        result == null ? null : bounded(result, maxResultChars),
        error == null ? null : error.toReport(),
        note);
  }

  /** This record as a checkpoint carries it. */
  Checkpoint.StepSnapshot snapshot() {
    return new Checkpoint.StepSnapshot(
        id,
        name,
        type,
        status.wire(),
        startedAt,
        endedAt,
        executions,
        result,
        outputs,
        error == null ? null : error.toMap(),
        note);
  }

  /** Puts back what a checkpoint carried of this record. */
  void restore(Checkpoint.StepSnapshot s) {
    status = StepState.parse(s.status());
    startedAt = s.startedAt();
    endedAt = s.endedAt();
    executions = s.executions();
    result = s.result();
    outputs = s.outputs() == null ? Map.of() : s.outputs();
    error = ContinueAsNew.error(s.error());
    note = s.note();
  }

  /** Whether the step is running or waiting now. */
  boolean live() {
    return status.status().live();
  }

  /** Whether the status is this one (any outcome, for {@link StepStatus#ENDED}). */
  boolean is(StepStatus s) {
    return status.status() == s;
  }
}
