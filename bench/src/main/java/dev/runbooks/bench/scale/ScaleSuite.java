package dev.runbooks.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.bench.core.BenchContext;
import dev.runbooks.bench.core.BenchOptions;
import dev.runbooks.bench.core.Format;
import dev.runbooks.bench.core.Goal;
import dev.runbooks.bench.core.Http;
import dev.runbooks.bench.core.Loader;
import dev.runbooks.bench.core.Machine;
import dev.runbooks.bench.core.Stack;
import dev.runbooks.bench.core.Suite;
import dev.runbooks.bench.core.Table;
import dev.runbooks.workflows.RunbookWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many open runs on one worker: {@code bench.scale.runs} (2,000 by default so that {@code make
 * bench} stays short; the goal is for 10,000) runs of {@code bench-scale-wait} started at once
 * (directly through Temporal, 16 concurrent start calls), all waiting for an approval; then the
 * worker's heap after a full GC and its RSS; then every run approved and the time until all
 * completed. Visibility (Temporal's list queries) tells when all wait and when all completed.
 * {@code bench.scale.waitSeconds} (300) bounds each wait.
 */
public final class ScaleSuite implements Suite {
  private static final String RUNBOOK = "bench-scale-wait";

  private final Http http = new Http();

  @Override
  public String id() {
    return "scale";
  }

  @Override
  public String title() {
    return "Scale: open runs on one worker";
  }

  @Override
  public List<Table> run(BenchContext context) throws Exception {
    int runs = BenchOptions.setting("scale.runs", 2_000);
    Duration limit = Duration.ofSeconds(BenchOptions.setting("scale.waitSeconds", 300));
    Stack stack = context.stack();
    WorkflowClient client = stack.client();
    String tag = "scale-" + System.nanoTime();
    double heapBefore = heapAfterGc(stack);
    double rssBefore = Machine.rssBytes(stack.workerPid());
    List<String> ids = new ArrayList<>(runs);
    for (int i = 0; i < runs; i++) {
      ids.add("bench-scale/" + tag + "/" + i);
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      long t0 = System.nanoTime();
      parallel(
          pool,
          ids,
          id ->
              client
                  .newUntypedWorkflowStub(
                      RUNBOOK,
                      WorkflowOptions.newBuilder()
                          .setTaskQueue(RunbookWorkflow.TASK_QUEUE)
                          .setWorkflowId(id)
                          .build())
                  .start(Map.of("base_url", context.probe().url())));
      double startSeconds = (System.nanoTime() - t0) / 1e9;
      String waiting =
          "WorkflowType = '"
              + RUNBOOK
              + "' AND ExecutionStatus = 'Running' AND CurrentStep = 'hold'";
      boolean allWaiting =
          Loader.await(limit, () -> client.countWorkflows(waiting).getCount() >= runs);
      double openSeconds = (System.nanoTime() - t0) / 1e9;
      double heap = heapAfterGc(stack);
      double rss = Machine.rssBytes(stack.workerPid());
      long open = client.countWorkflows(waiting).getCount();
      long t1 = System.nanoTime();
      Map<String, Object> approval = Map.of("approver", "bench", "comment", "release");
      parallel(
          pool,
          ids,
          id -> client.newUntypedWorkflowStub(id).signal(RunbookWorkflow.SIGNAL_APPROVE, approval));
      String completed = "WorkflowType = '" + RUNBOOK + "' AND ExecutionStatus = 'Completed'";
      boolean allDone =
          Loader.await(limit, () -> client.countWorkflows(completed).getCount() >= runs);
      double releaseSeconds = (System.nanoTime() - t1) / 1e9;
      long done = client.countWorkflows(completed).getCount();
      Goal heapGoal = Goal.atMost(1024, "MiB");
      double heapMiB = heap / 1048576;
      return List.of(
          Table.builder(
                  runs + " runs waiting for an approval on one worker",
                  "figure",
                  "value",
                  "goal",
                  "met")
              .row(
                  "runs open at once (waiting in the approval)",
                  Long.toString(open),
                  "10000 (issue #7)",
                  open >= 10_000 ? "yes" : "NO: -Dbench.scale.runs=10000 for the full figure")
              .row(
                  "worker heap used after a full GC, all open",
                  Format.mebibytes(heap),
                  heapGoal.text() + " with 10000 open",
                  heapGoal.verdict(heapMiB) + (open >= 10_000 ? "" : " (with " + open + " open)"))
              .row(
                  "worker heap used after a full GC, before the runs",
                  Format.mebibytes(heapBefore),
                  "",
                  "")
              .row(
                  "worker RSS, all open (before)",
                  Format.mebibytes(rss) + " (" + Format.mebibytes(rssBefore) + ")",
                  "",
                  "")
              .row(
                  "start calls, s (runs/s)",
                  Format.number(startSeconds) + " (" + Format.number(runs / startSeconds) + ")",
                  "",
                  "")
              .row(
                  "start → all waiting, s",
                  allWaiting ? Format.number(openSeconds) : "not within " + limit.toSeconds(),
                  "",
                  "")
              .row(
                  "approve all → all completed, s (runs/s)",
                  allDone
                      ? Format.number(releaseSeconds)
                          + " ("
                          + Format.number(runs / releaseSeconds)
                          + ")"
                      : "not within " + limit.toSeconds() + " (" + done + " completed)",
                  "",
                  "")
              .note(
                  "Runs are started and approved directly through Temporal (16 concurrent calls),"
                      + " not through the alert intake. Heap = the worker's `jvm.memory.used`"
                      + " (area=heap, `/actuator/metrics`) right after `jcmd <pid> GC.run`; RSS from"
                      + " `/proc/<pid>/status`. The worker keeps at most 600 runs in its workflow"
                      + " cache (Temporal's default); the others are replayed from their history"
                      + " when their approval arrives. \"all waiting\" and \"all completed\" are"
                      + " Temporal visibility counts (CurrentStep = 'hold'; ExecutionStatus), polled"
                      + " every 100 ms.")
              .build());
    } finally {
      pool.shutdownNow();
    }
  }

  private interface Call {
    void on(String id) throws Exception;
  }

  private static void parallel(ExecutorService pool, List<String> ids, Call call) throws Exception {
    List<Future<?>> futures = new ArrayList<>(ids.size());
    for (String id : ids) {
      futures.add(
          pool.submit(
              () -> {
                call.on(id);
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
  }

  private static String jcmd() {
    java.nio.file.Path own = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd");
    return java.nio.file.Files.isExecutable(own) ? own.toString() : "jcmd";
  }

  private double heapAfterGc(Stack stack) throws Exception {
    Process gc =
        new ProcessBuilder(jcmd(), Long.toString(stack.workerPid()), "GC.run")
            .redirectErrorStream(true)
            .start();
    gc.getInputStream().readAllBytes();
    gc.waitFor();
    JsonNode metric = http.get(stack.api() + "/actuator/metrics/jvm.memory.used?tag=area:heap");
    for (JsonNode m : metric.path("measurements")) {
      if (m.path("statistic").asText().equals("VALUE")) {
        return m.path("value").asDouble();
      }
    }
    return Double.NaN;
  }
}
