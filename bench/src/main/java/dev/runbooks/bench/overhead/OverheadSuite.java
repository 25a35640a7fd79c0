package dev.runbooks.bench.overhead;

import dev.runbooks.bench.core.BenchContext;
import dev.runbooks.bench.core.BenchOptions;
import dev.runbooks.bench.core.Format;
import dev.runbooks.bench.core.Goal;
import dev.runbooks.bench.core.IssueGoal;
import dev.runbooks.bench.core.Stack;
import dev.runbooks.bench.core.Stats;
import dev.runbooks.bench.core.Suite;
import dev.runbooks.bench.core.Table;
import dev.runbooks.workflows.RunbookWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The interpreter's overhead: the {@code bench-ten-probes} runbook through the interpreter against
 * the hand-written {@link TenProbesImpl}, both in one {@link OverheadWorker} process on the stack's
 * dev server, in interleaved rounds. Each round runs, for each kind (alternating which goes first),
 * {@code bench.overhead.sequential} (10) runs one at a time (latency) and a batch of {@code
 * bench.overhead.batch} (50) started together (throughput). Rounds: {@code bench.overhead.rounds}
 * (5), after one untimed round.
 *
 * <p>With {@code bench.overhead.workerJar=true} a third kind runs in the same rounds: {@code
 * bench-ten-probes} served by the stack's runbook worker process ({@code java -jar
 * runbook-worker.jar}, its catalog, its own task queue), the interpreter as deployed; it gets a
 * table of its own. The figures are also recorded under {@code overhead.*} for the {@code
 * --figures} file (scripts/prod-bench.sh).
 */
public final class OverheadSuite implements Suite {
  static final String QUEUE = "bench-overhead";
  static final String RUNBOOK = "bench-ten-probes";

  @Override
  public String id() {
    return "overhead";
  }

  @Override
  public String title() {
    return "Interpreter overhead";
  }

  /** The figures of one kind. */
  private static final class Kind {
    final String name;
    final String queue;
    final List<Double> latencies = new ArrayList<>();
    double batchSeconds;
    int batchRuns;
    String lastId;

    Kind(String name, String queue) {
      this.name = name;
      this.queue = queue;
    }

    Kind fresh() {
      return new Kind(name, queue);
    }

    double throughput() {
      return batchRuns / batchSeconds;
    }
  }

  @Override
  public List<Table> run(BenchContext context) throws Exception {
    int rounds = BenchOptions.setting("overhead.rounds", 5);
    int sequential = BenchOptions.setting("overhead.sequential", 10);
    int batch = BenchOptions.setting("overhead.batch", 50);
    boolean workerJar = Boolean.getBoolean("bench.overhead.workerJar");
    Stack stack = context.stack();
    OverheadProcess worker = OverheadProcess.start(stack, QUEUE);
    try {
      WorkflowClient client = stack.client();
      String url = context.probe().url();
      Kind interpreter = new Kind(RUNBOOK, QUEUE);
      Kind java = new Kind(TenProbes.TYPE, QUEUE);
      List<Kind> kinds = new ArrayList<>(List.of(interpreter, java));
      if (workerJar) {
        kinds.add(new Kind(RUNBOOK, RunbookWorkflow.TASK_QUEUE));
      }
      round(client, url, kinds.stream().map(Kind::fresh).toList(), 3, 10, true);
      for (int r = 0; r < rounds; r++) {
        round(client, url, kinds, sequential, batch, r % 2 == 0);
      }
      int eventsInterpreter = events(client, interpreter);
      int eventsJava = events(client, java);
      context.figure("overhead.serverVersion", stack.serverVersion());
      context.figure("overhead.rounds", Integer.toString(rounds));
      context.figure("overhead.sequential", Integer.toString(sequential));
      context.figure("overhead.batch", Integer.toString(batch));
      record(context, "interpreter", interpreter, eventsInterpreter);
      record(context, "java", java, eventsJava);
      goals(context, interpreter, java, batch, eventsInterpreter, eventsJava);
      List<Table> tables = new ArrayList<>();
      tables.add(
          table(interpreter, java, rounds, sequential, batch, eventsInterpreter, eventsJava));
      if (workerJar) {
        Kind deployed = kinds.get(2);
        int eventsDeployed = events(client, deployed);
        record(context, "worker", deployed, eventsDeployed);
        tables.add(workerTable(deployed, java, eventsDeployed, eventsJava));
      }
      return tables;
    } finally {
      worker.close();
    }
  }

  private static int events(WorkflowClient client, Kind kind) {
    return client.fetchHistory(kind.lastId).getEvents().size();
  }

  private static void record(BenchContext context, String key, Kind kind, int events) {
    Stats latency = Stats.of(kind.latencies);
    context.figure("overhead." + key + ".runsPerSecond", raw(kind.throughput()));
    context.figure("overhead." + key + ".latencyMeanMs", raw(latency.mean()));
    context.figure("overhead." + key + ".latencyP95Ms", raw(latency.p95()));
    context.figure("overhead." + key + ".events", Integer.toString(events));
  }

  /** The overhead lines of the issue #20 goals table. */
  private static void goals(
      BenchContext context, Kind interpreter, Kind java, int batch, int events, int eventsJava) {
    double ratio = java.throughput() / interpreter.throughput();
    context.goal(
        IssueGoal.THROUGHPUT_RATIO.measured(
            ratio,
            Format.ratio(ratio)
                + " ("
                + Format.number(java.throughput())
                + " / "
                + Format.number(interpreter.throughput())
                + " runs/s, batches of "
                + batch
                + ")"));
    context.goal(
        IssueGoal.HISTORY_EVENTS.measured(events, events + " (hand-written " + eventsJava + ")"));
  }

  private static String raw(double value) {
    return String.format(java.util.Locale.ROOT, "%.3f", value);
  }

  private static Table workerTable(Kind deployed, Kind java, int events, int eventsJava) {
    Stats ld = Stats.of(deployed.latencies);
    Stats lj = Stats.of(java.latencies);
    return Table.builder(
            "The same runbook in the runbook worker process (java -jar runbook-worker.jar)",
            "figure",
            "runbook worker",
            "hand-written",
            "ratio")
        .row(
            "run latency, mean ms",
            Format.millis(ld.mean()),
            Format.millis(lj.mean()),
            Format.ratio(ld.mean() / lj.mean()))
        .row(
            "throughput, runs/s",
            Format.number(deployed.throughput()),
            Format.number(java.throughput()),
            Format.ratio(java.throughput() / deployed.throughput()))
        .row(
            "history events per run",
            Integer.toString(events),
            Integer.toString(eventsJava),
            Format.ratio((double) events / eventsJava))
        .note(
            "bench-ten-probes started on the runbook worker's task queue and served by that"
                + " process (its catalog, its audit and inbox database), in the same rounds as"
                + " the table above.")
        .build();
  }

  private static Table table(
      Kind interpreter,
      Kind java,
      int rounds,
      int sequential,
      int batch,
      int eventsInterpreter,
      int eventsJava) {
    Stats li = Stats.of(interpreter.latencies);
    Stats lj = Stats.of(java.latencies);
    double ti = interpreter.throughput();
    double tj = java.throughput();
    double latencyRatio = li.mean() / lj.mean();
    double throughputRatio = tj / ti;
    Goal goal = Goal.atMost(1.10, "");
    Goal throughputGoal = IssueGoal.THROUGHPUT_RATIO.goal();
    return Table.builder(
            "Ten HTTP probes: interpreter (YAML) vs hand-written Java workflow, same worker",
            "figure",
            "interpreter",
            "hand-written",
            "ratio",
            "goal",
            "met")
        .row(
            "run latency, mean ms (" + li.n() + " runs one at a time)",
            Format.millis(li.mean()),
            Format.millis(lj.mean()),
            Format.ratio(latencyRatio),
            goal.text(),
            goal.verdict(latencyRatio))
        .row(
            "run latency, p95 ms",
            Format.millis(li.p95()),
            Format.millis(lj.p95()),
            Format.ratio(li.p95() / lj.p95()),
            "",
            "")
        .row(
            "throughput, runs/s (batches of " + batch + " started together)",
            Format.number(ti),
            Format.number(tj),
            Format.ratio(throughputRatio),
            throughputGoal.text(),
            throughputGoal.verdict(throughputRatio))
        .row(
            "history events per run",
            Integer.toString(eventsInterpreter),
            Integer.toString(eventsJava),
            Format.ratio((double) eventsInterpreter / eventsJava),
            IssueGoal.HISTORY_EVENTS.goal().text() + " (interpreter)",
            IssueGoal.HISTORY_EVENTS.goal().verdict(eventsInterpreter))
        .note(
            "Ratio = interpreter time / hand-written time (for throughput: hand-written runs/s"
                + " / interpreter runs/s), so 1.00 is no overhead. "
                + rounds
                + " interleaved rounds of "
                + sequential
                + " sequential runs and one batch per kind, after an untimed round. Latency is"
                + " from the start call to the result; both kinds run in one worker process"
                + " (OverheadWorker) with the same activity implementation and worker options.")
        .build();
  }

  private static void round(
      WorkflowClient client,
      String url,
      List<Kind> kinds,
      int sequential,
      int batch,
      boolean interpreterFirst)
      throws Exception {
    List<Kind> order = new ArrayList<>(kinds);
    if (!interpreterFirst) {
      java.util.Collections.reverse(order);
    }
    for (Kind kind : order) {
      for (int i = 0; i < sequential; i++) {
        long t0 = System.nanoTime();
        start(client, kind, url).getResult(60, TimeUnit.SECONDS, Map.class);
        kind.latencies.add((System.nanoTime() - t0) / 1e6);
      }
    }
    for (Kind kind : order) {
      long t0 = System.nanoTime();
      List<WorkflowStub> runs = new ArrayList<>();
      for (int i = 0; i < batch; i++) {
        runs.add(start(client, kind, url));
      }
      for (WorkflowStub run : runs) {
        run.getResult(120, TimeUnit.SECONDS, Map.class);
      }
      kind.batchSeconds += (System.nanoTime() - t0) / 1e9;
      kind.batchRuns += batch;
    }
  }

  private static WorkflowStub start(WorkflowClient client, Kind kind, String url) {
    String prefix = kind.queue.equals(QUEUE) ? "bench-overhead/" : "bench-overhead-worker/";
    kind.lastId = prefix + kind.name + "/" + UUID.randomUUID();
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            kind.name,
            WorkflowOptions.newBuilder()
                .setTaskQueue(kind.queue)
                .setWorkflowId(kind.lastId)
                .build());
    if (kind.name.equals(RUNBOOK)) {
      stub.start(Map.of("base_url", url));
    } else {
      stub.start(url);
    }
    return stub;
  }
}
