package dev.runbooks.tester;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run report (read as JSON maps) seen as a test checks it: the path, the outcome, the steps'
 * outputs and results for CEL, the compensations, the error, the escalations captured.
 */
final class RunView {
  private final Map<String, Object> report;
  private final List<CaseRun.Escalation> escalations;

  RunView(Map<String, Object> report, List<CaseRun.Escalation> escalations) {
    this.report = report;
    this.escalations = escalations;
  }

  String outcome() {
    Object o = report.get("outcome");
    return o == null ? null : String.valueOf(o);
  }

  long durationMs() {
    return report.get("durationMs") instanceof Number n ? n.longValue() : 0;
  }

  @SuppressWarnings("unchecked")
  List<Map<String, Object>> steps() {
    Object s = report.get("steps");
    List<Map<String, Object>> out = new ArrayList<>();
    if (s instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m) {
          out.add((Map<String, Object>) m);
        }
      }
    }
    return out;
  }

  /** The ids of the steps that ran (not skipped, not pending), in the order first reached. */
  List<String> path() {
    List<String> path = new ArrayList<>();
    for (Map<String, Object> step : steps()) {
      String status = String.valueOf(step.get("status"));
      if (!status.equals("skipped") && !status.equals("pending")) {
        path.add(String.valueOf(step.get("id")));
      }
    }
    return path;
  }

  /** The compensation steps run, in order. */
  List<String> compensations() {
    List<String> out = new ArrayList<>();
    if (report.get("compensations") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m && m.get("steps") instanceof List<?> steps) {
          steps.forEach(s -> out.add(String.valueOf(s)));
        }
      }
    }
    return out;
  }

  /** The type of the error of the step that ended the run, or null. */
  @SuppressWarnings("unchecked")
  String errorType() {
    Object failed = report.get("failedStep");
    for (Map<String, Object> step : steps()) {
      if (failed != null
          && failed.equals(step.get("id"))
          && step.get("error") instanceof Map<?, ?> e) {
        Object type = ((Map<String, Object>) e).get("type");
        return type == null ? null : String.valueOf(type);
      }
    }
    return null;
  }

  /** The escalations the runbook sent (approval notices left out). */
  List<CaseRun.Escalation> escalations() {
    return escalations.stream().filter(e -> !e.notice()).toList();
  }

  /** The variables CEL assertions see: steps (by id), inputs, run. */
  Map<String, Object> variables() {
    Map<String, Object> steps = new LinkedHashMap<>();
    for (Map<String, Object> step : steps()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("status", step.get("status"));
      s.put("outputs", step.get("outputs") == null ? Map.of() : step.get("outputs"));
      s.put("result", step.get("result") == null ? Map.of() : step.get("result"));
      s.put("error", step.get("error") == null ? Map.of() : step.get("error"));
      steps.put(String.valueOf(step.get("id")), s);
    }
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("outcome", outcome());
    run.put("message", report.get("message"));
    run.put("failedStep", report.get("failedStep"));
    run.put("durationMs", durationMs());
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("steps", steps);
    vars.put("inputs", report.get("inputs") == null ? Map.of() : report.get("inputs"));
    vars.put("run", run);
    return vars;
  }
}
