package dev.runbooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.compile.RunbookCompiler;
import dev.runbooks.language.expr.Expressions;
import dev.runbooks.language.parse.YamlParser;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.ReplayResults;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays a recorded run of every shipped runbook (the catalog {@code runbooks-yaml}), its main
 * scenario on the testbed and a dry run of it, through the current interpreter: a change that
 * alters the commands of those runs in flight fails here. Each history holds the runbook's source
 * (the result of the {@code LoadRunbook} local activity), so replay needs nothing but the JSON
 * files. They are recorded by {@code make record-replays} ({@code RecordShippedRunbooksTest} in the
 * worker module); a shipped runbook without a recording fails this test.
 */
class ShippedRunbooksReplayTest {
  private static final Path CATALOG = Path.of("../runbooks-yaml");
  static final Path MAIN = Path.of("src/test/resources/replay/runbooks");
  static final Path DRY_RUN = Path.of("src/test/resources/replay/runbooks-dry-run");

  /**
   * The worker's deadlock detection timeout ({@code RunbookWorker}): each replay compiles its
   * runbook in the workflow thread, as a worker does for a version it has not seen.
   */
  private static final long DEADLOCK_DETECTION_MILLIS = 10_000;

  private static final TreeSet<String> shipped = new TreeSet<>();

  /**
   * Reads the catalog's runbook names ({@code metadata.name}) and warms the compiler and the CEL
   * runtime, as workers do at start-up: cold, they take about a second.
   */
  @BeforeAll
  static void catalog() throws IOException {
    long start = System.nanoTime();
    List<Path> files;
    try (Stream<Path> s = Files.walk(CATALOG)) {
      files = s.filter(dev.runbooks.language.catalog.TestFiles::isRunbookFile).sorted().toList();
    }
    for (Path file : files) {
      Object root = YamlParser.parse(Files.readString(file), file.toString()).root();
      Object name =
          root instanceof Map<?, ?> m && m.get("metadata") instanceof Map<?, ?> metadata
              ? metadata.get("name")
              : null;
      shipped.add(name != null ? name.toString() : file.getFileName().toString());
    }
    RunbookCompiler.standard().compile(files.get(0));
    Expressions.standard().evaluate("1 == 1", Map.of());
    System.out.printf(
        "read %d shipped runbooks and warmed the compiler in %d ms%n",
        shipped.size(), (System.nanoTime() - start) / 1_000_000);
  }

  @Test
  void everyShippedRunbookHasARecordedRunAndDryRun() {
    assertThat(shipped).hasSizeGreaterThanOrEqualTo(42);
    assertThat(missing(MAIN))
        .as(
            "shipped runbooks without a recorded run in %s: record them with make record-replays",
            MAIN)
        .isEmpty();
    assertThat(missing(DRY_RUN))
        .as(
            "shipped runbooks without a recorded dry run in %s: record them with make"
                + " record-replays",
            DRY_RUN)
        .isEmpty();
  }

  @Test
  void recordedRunsReplayWithoutNondeterminism() throws Exception {
    replayAll(MAIN);
  }

  @Test
  void recordedDryRunsReplayWithoutNondeterminism() throws Exception {
    replayAll(DRY_RUN);
  }

  private static List<String> missing(Path dir) {
    return shipped.stream().filter(name -> !Files.exists(dir.resolve(name + ".json"))).toList();
  }

  /**
   * Replays every history of a directory on one replay worker, and fails naming each file that did
   * not replay and why.
   */
  private static void replayAll(Path dir) throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).as("histories in %s", dir).isNotEmpty();
    Map<String, String> fileById = new LinkedHashMap<>();
    List<WorkflowExecutionHistory> histories = new ArrayList<>();
    for (Path file : files) {
      WorkflowExecutionHistory history =
          WorkflowExecutionHistory.fromJson(Files.readString(file, StandardCharsets.UTF_8));
      String previous =
          fileById.put(history.getWorkflowExecution().getWorkflowId(), file.toString());
      assertThat(previous).as("%s and %s have the same workflow id", previous, file).isNull();
      histories.add(history);
    }
    long start = System.nanoTime();
    ReplayResults results;
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker =
          env.newWorker(
              RunbookWorkflow.TASK_QUEUE,
              WorkerOptions.newBuilder()
                  .setDefaultDeadlockDetectionTimeout(DEADLOCK_DETECTION_MILLIS)
                  .build());
      worker.registerWorkflowImplementationTypes(RunbookWorkflowImpl.class);
      results = WorkflowReplayer.replayWorkflowExecutions(histories, false, worker);
    }
    System.out.printf(
        "replayed %d histories from %s in %d ms: %s%n",
        histories.size(),
        dir,
        (System.nanoTime() - start) / 1_000_000,
        files.stream().map(f -> f.getFileName().toString()).toList());
    List<String> failed = new ArrayList<>();
    for (ReplayResults.ReplayError error : results.allErrors()) {
      failed.add(fileById.get(error.workflowId) + ": " + error.exception);
    }
    assertThat(failed).as("histories that no longer replay").isEmpty();
  }
}
