package dev.runbooks.bench.overhead;

import dev.runbooks.bench.core.BenchContext;
import dev.runbooks.bench.core.BenchOptions;
import dev.runbooks.bench.core.Format;
import dev.runbooks.bench.core.Goal;
import dev.runbooks.bench.core.Stack;
import dev.runbooks.bench.core.Stats;
import dev.runbooks.bench.core.Suite;
import dev.runbooks.bench.core.Table;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    final List<Double> latencies = new ArrayList<>();
    double batchSeconds;
    int batchRuns;
    String lastId;

    Kind(String name) {
      this.name = name;
    }
  }

  @Override
  public List<Table> run(BenchContext context) throws Exception {
    int rounds = BenchOptions.setting("overhead.rounds", 5);
    int sequential = BenchOptions.setting("overhead.sequential", 10);
    int batch = BenchOptions.setting("overhead.batch", 50);
    Stack stack = context.stack();
    Process worker = startWorker(stack);
    try {
      WorkflowClient client = stack.client();
      String url = context.probe().url();
      Kind interpreter = new Kind(RUNBOOK);
      Kind java = new Kind(TenProbes.TYPE);
      round(client, url, new Kind(RUNBOOK), new Kind(TenProbes.TYPE), 3, 10, true);
      for (int r = 0; r < rounds; r++) {
        round(client, url, interpreter, java, sequential, batch, r % 2 == 0);
      }
      int eventsInterpreter = client.fetchHistory(interpreter.lastId).getEvents().size();
      int eventsJava = client.fetchHistory(java.lastId).getEvents().size();
      return List.of(
          table(interpreter, java, rounds, sequential, batch, eventsInterpreter, eventsJava));
    } finally {
      worker.destroy();
      if (!worker.waitFor(10, TimeUnit.SECONDS)) {
        worker.destroyForcibly();
      }
    }
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
    double ti = interpreter.batchRuns / interpreter.batchSeconds;
    double tj = java.batchRuns / java.batchSeconds;
    double latencyRatio = li.mean() / lj.mean();
    double throughputRatio = tj / ti;
    Goal goal = Goal.atMost(1.10, "");
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
            goal.text(),
            goal.verdict(throughputRatio))
        .row(
            "history events per run",
            Integer.toString(eventsInterpreter),
            Integer.toString(eventsJava),
            Format.ratio((double) eventsInterpreter / eventsJava),
            "",
            "")
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
      Kind interpreter,
      Kind java,
      int sequential,
      int batch,
      boolean interpreterFirst)
      throws Exception {
    List<Kind> order = interpreterFirst ? List.of(interpreter, java) : List.of(java, interpreter);
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
    kind.lastId = "bench-overhead/" + kind.name + "/" + UUID.randomUUID();
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            kind.name,
            WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(kind.lastId).build());
    if (kind.name.equals(RUNBOOK)) {
      stub.start(Map.of("base_url", url));
    } else {
      stub.start(url);
    }
    return stub;
  }

  private static Process startWorker(Stack stack) throws IOException, InterruptedException {
    Path log = stack.dir().resolve("overhead-worker.log");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                OverheadWorker.class.getName(),
                stack.target(),
                QUEUE)
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("overhead worker polling")) {
        Thread drain = new Thread(() -> drain(out, log), "overhead-worker-log");
        drain.setDaemon(true);
        drain.start();
        return p;
      }
    }
    throw new IOException("the overhead worker exited with " + p.waitFor());
  }

  private static void drain(BufferedReader out, Path log) {
    try (var writer = java.nio.file.Files.newBufferedWriter(log)) {
      String line;
      while ((line = out.readLine()) != null) {
        writer.write(line);
        writer.newLine();
      }
    } catch (IOException e) {
      // the worker stopped
    }
  }
}
