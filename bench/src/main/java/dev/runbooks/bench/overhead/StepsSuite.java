package dev.runbooks.bench.overhead;

import dev.runbooks.bench.core.BenchContext;
import dev.runbooks.bench.core.BenchOptions;
import dev.runbooks.bench.core.Format;
import dev.runbooks.bench.core.IssueGoal;
import dev.runbooks.bench.core.Stack;
import dev.runbooks.bench.core.Stats;
import dev.runbooks.bench.core.Suite;
import dev.runbooks.bench.core.Table;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The per-step cost: ten sequential HTTP probe steps, {@code bench-ten-probes} through the
 * interpreter and the hand-written {@link TenProbes} workflow, side by side in one {@link
 * OverheadWorker} process on the stack's dev server, one run at a time, the two kinds alternating
 * (which goes first alternates too). Time per run from the start call to the result, and per step
 * (a tenth of it). Knobs: {@code bench.steps.runs} (runs per kind, 20) and {@code
 * bench.steps.warmup} (untimed runs per kind first, 3). Fills the steps lines of the issue #20
 * goals table (≤ 150 ms a run, ≤ 15 ms a step).
 */
public final class StepsSuite implements Suite {
  static final String QUEUE = "bench-steps";
  static final int STEPS = 10;

  @Override
  public String id() {
    return "steps";
  }

  @Override
  public String title() {
    return "Per-step cost";
  }

  @Override
  public List<Table> run(BenchContext context) throws Exception {
    int runs = BenchOptions.setting("steps.runs", 20);
    int warmup = BenchOptions.setting("steps.warmup", 3);
    Stack stack = context.stack();
    String url = context.probe().url();
    OverheadProcess worker = OverheadProcess.start(stack, QUEUE);
    try {
      WorkflowClient client = stack.client();
      List<Double> interpreter = new ArrayList<>();
      List<Double> java = new ArrayList<>();
      String[] lastIds = new String[2];
      for (int i = 0; i < warmup + runs; i++) {
        boolean timed = i >= warmup;
        boolean interpreterFirst = i % 2 == 0;
        for (int k = 0; k < 2; k++) {
          boolean isInterpreter = (k == 0) == interpreterFirst;
          String type = isInterpreter ? OverheadSuite.RUNBOOK : TenProbes.TYPE;
          long t0 = System.nanoTime();
          String id = once(client, type, url);
          double millis = (System.nanoTime() - t0) / 1e6;
          lastIds[isInterpreter ? 0 : 1] = id;
          if (timed) {
            (isInterpreter ? interpreter : java).add(millis);
          }
        }
      }
      Stats si = Stats.of(interpreter);
      Stats sj = Stats.of(java);
      context.goal(result(IssueGoal.STEPS_INTERPRETER, si));
      context.goal(result(IssueGoal.STEPS_JAVA, sj));
      int eventsInterpreter = client.fetchHistory(lastIds[0]).getEvents().size();
      int eventsJava = client.fetchHistory(lastIds[1]).getEvents().size();
      return List.of(table(si, sj, eventsInterpreter, eventsJava, warmup));
    } finally {
      worker.close();
    }
  }

  /** A kind's goal line: its mean per run, and per step beside it. */
  static IssueGoal.Result result(IssueGoal goal, Stats perRun) {
    return goal.measured(
        perRun.mean(),
        Format.millis(perRun.mean())
            + " ms ("
            + Format.millis(perRun.mean() / STEPS)
            + " a step; "
            + perRun.n()
            + " runs)");
  }

  /** The table: both kinds side by side, per run and per step. */
  static Table table(Stats si, Stats sj, int eventsInterpreter, int eventsJava, int warmup) {
    IssueGoal gi = IssueGoal.STEPS_INTERPRETER;
    IssueGoal gj = IssueGoal.STEPS_JAVA;
    return Table.builder(
            "Ten sequential HTTP probe steps, one run at a time: interpreter and hand-written",
            "figure",
            "interpreter",
            "hand-written",
            "goal",
            "met (interpreter / hand-written)")
        .row(
            "a run, mean ms (" + si.n() + " runs each)",
            Format.millis(si.mean()),
            Format.millis(sj.mean()),
            gi.goal().text(),
            gi.goal().verdict(si.mean()) + " / " + gj.goal().verdict(sj.mean()))
        .row(
            "a step, mean ms (a run / " + STEPS + ")",
            Format.millis(si.mean() / STEPS),
            Format.millis(sj.mean() / STEPS),
            "≤ 15 ms",
            (si.mean() / STEPS <= 15 ? "yes" : "NO")
                + " / "
                + (sj.mean() / STEPS <= 15 ? "yes" : "NO"))
        .row("a run, p50 ms", Format.millis(si.p50()), Format.millis(sj.p50()), "", "")
        .row("a run, p95 ms", Format.millis(si.p95()), Format.millis(sj.p95()), "", "")
        .row(
            "a step, p50 ms",
            Format.millis(si.p50() / STEPS),
            Format.millis(sj.p50() / STEPS),
            "",
            "")
        .row(
            "history events per run",
            Integer.toString(eventsInterpreter),
            Integer.toString(eventsJava),
            "",
            "")
        .note(
            "A run is timed from the start call to its result, on the load generator's clock;"
                + " a step is a tenth of it. Both kinds run in one worker process (OverheadWorker,"
                + " its own task queue) with the same activity implementation, one run at a time,"
                + " alternating (which kind goes first alternates too), after "
                + warmup
                + (warmup == 1 ? " untimed run" : " untimed runs")
                + " of each.")
        .build();
  }

  /** Starts one run of a kind and waits for its result; returns its workflow id. */
  private static String once(WorkflowClient client, String type, String url) throws Exception {
    String id = "bench-steps/" + type + "/" + UUID.randomUUID();
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            type, WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
    if (type.equals(OverheadSuite.RUNBOOK)) {
      stub.start(Map.of("base_url", url));
    } else {
      stub.start(url);
    }
    stub.getResult(60, TimeUnit.SECONDS, Map.class);
    return id;
  }
}
