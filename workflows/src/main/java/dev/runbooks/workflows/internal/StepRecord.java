package dev.runbooks.workflows.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happened to one step in a run (the latest execution of it, for steps inside loops). Only
 * touched from workflow threads, which Temporal runs one at a time.
 */
final class StepRecord {
  final String id;
  final String name;
  final String type;
  String status = "pending";
  long startedAt;
  long endedAt;
  int executions;
  Object result;
  Map<String, Object> outputs = Map.of();
  StepError error;
  String note;

  StepRecord(String id, String name, String type) {
    this.id = id;
    this.name = name;
    this.type = type;
  }

  /** The view expressions get as {@code steps.<id>}. */
  Map<String, Object> toExpressionView() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status);
    m.put("outputs", outputs);
    m.put("result", result);
    m.put("error", error == null ? null : error.toMap());
    return m;
  }

  /** Results larger than this (as JSON) are shown as a preview in reports and status. */
  static final int MAX_REPORTED_RESULT_CHARS = 16 * 1024;

  /**
   * The result as reports show it: whole when small, else a preview, so that a report stays far
   * below Temporal's payload size limit however much a step returned. Expressions still see the
   * whole result.
   */
  static Object bounded(Object result) {
    if (result instanceof String s && s.length() <= MAX_REPORTED_RESULT_CHARS) {
      return s;
    }
    String json = dev.runbooks.language.expr.Json.write(result);
    if (json.length() <= MAX_REPORTED_RESULT_CHARS) {
      return result;
    }
    Map<String, Object> preview = new LinkedHashMap<>();
    preview.put("truncated", true);
    preview.put("jsonChars", (long) json.length());
    preview.put("preview", json.substring(0, 4096));
    return preview;
  }

  /** The view the status query and the run report show. */
  Map<String, Object> toReport() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    if (name != null) {
      m.put("name", name);
    }
    m.put("type", type);
    m.put("status", status);
    if (startedAt > 0) {
      m.put("startedAt", Times.iso(startedAt));
    }
    if (endedAt > 0) {
      m.put("endedAt", Times.iso(endedAt));
      m.put("durationMs", endedAt - startedAt);
    }
    if (executions > 1) {
      m.put("executions", executions);
    }
    if (!outputs.isEmpty()) {
      m.put("outputs", outputs);
    }
    if (result != null) {
      m.put("result", bounded(result));
    }
    if (error != null) {
      m.put("error", error.toMap());
    }
    if (note != null) {
      m.put("note", note);
    }
    return m;
  }
}
