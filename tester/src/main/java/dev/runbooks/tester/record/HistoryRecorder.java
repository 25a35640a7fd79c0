package dev.runbooks.tester.record;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
  /** How deep calls are followed: further than any runbook nests them. */
  private static final int MAX_DEPTH = 8;

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
    return record(history, name, converter, id -> null);
  }

  /**
   * Records a case, with the steps of the runbooks the run called ({@code call} steps run them as
   * child workflows, whose histories are their own): {@code called} gives a child's history by its
   * workflow id, or null when it cannot (its steps then have no mocks, and the case says so in
   * {@link RecordedCase#missing()}).
   *
   * @throws RecordException when the history is not of a finished runbook run
   */
  public static RecordedCase record(
      WorkflowExecutionHistory history,
      String name,
      DataConverter converter,
      Function<String, WorkflowExecutionHistory> called) {
    HistoryReader.Run run = HistoryReader.read(history, converter);
    List<ActivityCall> calls = new ArrayList<>(run.calls());
    List<String> missing = new ArrayList<>();
    collect(run.children(), converter, called, calls, missing, 0);
    calls.sort(Comparator.comparingLong(ActivityCall::scheduledAtMs));
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
    Map<String, Object> mocks = MockRecorder.mocks(calls);
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
    c.put("expect", expectations.expect(calls));
    return new RecordedCase(run.runbook(), run.workflowId(), caseName, c, List.copyOf(missing));
  }

  /** Adds the calls of the called runbooks' runs, at any depth (up to the language's limit). */
  private static void collect(
      List<String> children,
      DataConverter converter,
      Function<String, WorkflowExecutionHistory> called,
      List<ActivityCall> calls,
      List<String> missing,
      int depth) {
    for (String child : children) {
      WorkflowExecutionHistory history = depth > MAX_DEPTH ? null : called.apply(child);
      if (history == null) {
        missing.add(child);
        continue;
      }
      HistoryReader.Run run = HistoryReader.readCalled(history, converter);
      calls.addAll(run.calls());
      collect(run.children(), converter, called, calls, missing, depth + 1);
    }
  }
}
