package dev.runbooks.tester.record;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a finished run's Temporal history into a test case: the run's inputs and alert; each action
 * step's recorded results and errors as mocks (a sequence for retries, polls and loops, with the
 * time each took); the decisions and signals it received, with who and when; and, as expectations,
 * its outcome, path, skipped steps, scalar outputs, escalations, compensations and a bound on its
 * duration. A production incident becomes a regression test:
 *
 * <pre>{@code
 * RecordedCase recorded = HistoryRecorder.record(history, null);
 * TestFileWriter.write(recorded, Path.of("runbooks-yaml/x/x.test.yaml"));
 * }</pre>
 *
 * <p>The history's payloads must be plain JSON: the runbook API's history endpoint ({@code GET
 * /api/history/<workflow-id>}) decodes encrypted payloads with the worker's codec.
 */
public final class HistoryRecorder {
  private HistoryRecorder() {}

  /**
   * Records a case from a history whose payloads are Temporal's default JSON.
   *
   * @param name the case's name; null for {@code recorded <workflow id>}
   * @throws RecordException when the history is not of a finished runbook run
   */
  public static RecordedCase record(WorkflowExecutionHistory history, String name) {
    return record(history, name, DefaultDataConverter.STANDARD_INSTANCE);
  }

  /**
   * Records a case, reading payloads with {@code converter} (one that decodes encrypted payloads,
   * when the history holds them as Temporal stored them).
   *
   * @throws RecordException when the history is not of a finished runbook run
   */
  public static RecordedCase record(
      WorkflowExecutionHistory history, String name, DataConverter converter) {
    HistoryReader.Run run = HistoryReader.read(history, converter);
    String caseName = name == null || name.isBlank() ? "recorded " + run.workflowId() : name;
    ExpectationRecorder expectations = new ExpectationRecorder(run.report(), run.startedAt());
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", caseName);
    c.put(
        "description",
        "Recorded from run "
            + run.workflowId()
            + " (started "
            + run.report().getOrDefault("startedAt", run.startedAt())
            + ", "
            + run.report().get("outcome")
            + ").");
    if (!run.inputs().isEmpty()) {
      c.put("inputs", run.inputs());
    }
    if (run.context().get("alert") instanceof Map<?, ?> alert && !alert.isEmpty()) {
      c.put("alert", alert);
    }
    if (Boolean.TRUE.equals(run.context().get("dryRun"))) {
      c.put("dryRun", true);
    }
    Map<String, Object> mocks = MockRecorder.mocks(run.calls());
    if (!mocks.isEmpty()) {
      c.put("mocks", mocks);
    }
    List<Map<String, Object>> decisions = expectations.decisions();
    if (!decisions.isEmpty()) {
      c.put("decisions", decisions);
    }
    List<Map<String, Object>> signals = expectations.signals();
    if (!signals.isEmpty()) {
      c.put("signals", signals);
    }
    c.put("expect", expectations.expect(run.calls()));
    return new RecordedCase(run.runbook(), run.workflowId(), caseName, c);
  }
}
