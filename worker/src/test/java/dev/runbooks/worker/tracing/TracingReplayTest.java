package dev.runbooks.worker.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.starter.tracing.RunbookTracing;
import dev.runbooks.workflows.RunbookWorkflow;
import dev.runbooks.workflows.RunbookWorkflowImpl;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The tracing interceptors change no workflow command: every recorded history of the workflows
 * module (runs recorded without tracing) replays on a worker with the tracing interceptors, and the
 * replay makes no span (workflow code never does). With tracing off there are no interceptors.
 */
class TracingReplayTest {
  private static final Path HISTORIES = Path.of("../workflows/src/test/resources/replay");

  @Test
  void recordedHistoriesReplayWithTheTracingInterceptorsAndMakeNoSpan() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(HISTORIES)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(3);
    // A cold CEL runtime takes longer than the replayer's deadlock detector; workers warm it too.
    dev.runbooks.language.expr.Expressions.standard().evaluate("1 == 1", Map.of());
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (OpenTelemetrySdk sdk =
            OpenTelemetrySdk.builder()
                .setTracerProvider(
                    SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build())
                .build();
        TestWorkflowEnvironment env =
            TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder()
                    .setWorkerFactoryOptions(
                        WorkerFactoryOptions.newBuilder()
                            .setWorkerInterceptors(
                                TemporalTracing.workerInterceptors(RunbookTracing.on(sdk)))
                            .build())
                    .build())) {
      Worker worker = env.newWorker(RunbookWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(RunbookWorkflowImpl.class);
      for (Path file : files) {
        WorkflowReplayer.replayWorkflowExecution(
            WorkflowExecutionHistory.fromJson(Files.readString(file, StandardCharsets.UTF_8)),
            worker);
      }
      assertThat(spans.getFinishedSpanItems()).isEmpty();
    }
  }

  @Test
  void offMeansNoInterceptors() {
    assertThat(TemporalTracing.clientInterceptors(RunbookTracing.off())).isEmpty();
    assertThat(TemporalTracing.workerInterceptors(RunbookTracing.off())).isEmpty();
  }
}
