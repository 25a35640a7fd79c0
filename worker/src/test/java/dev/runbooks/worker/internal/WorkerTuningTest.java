package dev.runbooks.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.worker.TemporalProperties;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;

/** {@code runbook.temporal.worker.*} reaches the worker's and the factory's options. */
class WorkerTuningTest {

  @Test
  void theDefaultsAreTheSdks() {
    TemporalProperties p = TemporalConnectionTest.bind(Map.of());
    // WorkerFactory.newWorker completes the options with the SDK's defaults, as here.
    WorkerOptions ours =
        WorkerOptions.newBuilder(RunbookWorker.workerOptions(p, false))
            .validateAndBuildWithDefaults();
    WorkerOptions sdk = WorkerOptions.getDefaultInstance();
    assertThat(ours.getMaxConcurrentActivityExecutionSize())
        .isEqualTo(sdk.getMaxConcurrentActivityExecutionSize());
    assertThat(ours.getMaxConcurrentWorkflowTaskExecutionSize())
        .isEqualTo(sdk.getMaxConcurrentWorkflowTaskExecutionSize());
    assertThat(ours.getMaxConcurrentLocalActivityExecutionSize())
        .isEqualTo(sdk.getMaxConcurrentLocalActivityExecutionSize());
    assertThat(ours.getMaxConcurrentWorkflowTaskPollers())
        .isEqualTo(sdk.getMaxConcurrentWorkflowTaskPollers());
    assertThat(ours.getMaxConcurrentActivityTaskPollers())
        .isEqualTo(sdk.getMaxConcurrentActivityTaskPollers());
    assertThat(ours.getStickyQueueScheduleToStartTimeout())
        .isEqualTo(sdk.getStickyQueueScheduleToStartTimeout());
    WorkerFactoryOptions sdkFactory =
        WorkerFactoryOptions.newBuilder().validateAndBuildWithDefaults();
    assertThat(p.worker().factoryOptions().getWorkflowCacheSize())
        .isEqualTo(sdkFactory.getWorkflowCacheSize());
    assertThat(p.worker().factoryOptions().getMaxWorkflowThreadCount())
        .isEqualTo(sdkFactory.getMaxWorkflowThreadCount());
    assertThat(ours.isEagerExecutionDisabled()).isEqualTo(sdk.isEagerExecutionDisabled());
    assertThat(ours.getDefaultDeadlockDetectionTimeout())
        .isEqualTo(RunbookWorker.DEADLOCK_DETECTION_TIMEOUT.toMillis());
  }

  @Test
  void everyPropertyReachesTheOptions() {
    TemporalProperties p =
        TemporalConnectionTest.bind(
            Map.of(
                "runbook.temporal.worker.max-workflow-threads", "2000",
                "runbook.temporal.worker.eager-activities", "false",
                "runbook.temporal.worker.max-concurrent-activities", "17",
                "runbook.temporal.worker.max-concurrent-workflow-tasks", "23",
                "runbook.temporal.worker.max-concurrent-local-activities", "29",
                "runbook.temporal.worker.workflow-pollers", "3",
                "runbook.temporal.worker.activity-pollers", "7",
                "runbook.temporal.worker.workflow-cache-size", "1234",
                "runbook.temporal.worker.sticky-queue-schedule-to-start-timeout", "12s"));
    WorkerOptions options = RunbookWorker.workerOptions(p, true);
    assertThat(options.getMaxConcurrentActivityExecutionSize()).isEqualTo(17);
    assertThat(options.getMaxConcurrentWorkflowTaskExecutionSize()).isEqualTo(23);
    assertThat(options.getMaxConcurrentLocalActivityExecutionSize()).isEqualTo(29);
    assertThat(options.getMaxConcurrentWorkflowTaskPollers()).isEqualTo(3);
    assertThat(options.getMaxConcurrentActivityTaskPollers()).isEqualTo(7);
    assertThat(options.getStickyQueueScheduleToStartTimeout()).isEqualTo(Duration.ofSeconds(12));
    assertThat(options.isUsingVirtualThreadsOnActivityWorker()).isTrue();
    assertThat(p.worker().factoryOptions().getWorkflowCacheSize()).isEqualTo(1234);
    assertThat(p.worker().factoryOptions().getMaxWorkflowThreadCount()).isEqualTo(2000);
    assertThat(options.isEagerExecutionDisabled()).isTrue();
  }

  @Test
  void aValueThatIsNotPositiveStopsStartUpNamingTheKey() {
    for (String key :
        new String[] {
          "max-concurrent-activities",
          "max-concurrent-workflow-tasks",
          "max-concurrent-local-activities",
          "workflow-pollers",
          "activity-pollers",
          "workflow-cache-size",
          "max-workflow-threads"
        }) {
      assertThatThrownBy(
              () -> TemporalConnectionTest.bind(Map.of("runbook.temporal.worker." + key, "0")))
          .isInstanceOf(BindException.class)
          .rootCause()
          .hasMessage("runbook.temporal.worker." + key + " must be a positive number; it is 0");
    }
    assertThatThrownBy(
            () ->
                TemporalConnectionTest.bind(
                    Map.of("runbook.temporal.worker.sticky-queue-schedule-to-start-timeout", "0s")))
        .rootCause()
        .hasMessageContaining("runbook.temporal.worker.sticky-queue-schedule-to-start-timeout");
    assertThatThrownBy(
            () ->
                TemporalConnectionTest.bind(
                    Map.of("runbook.temporal.worker.workflow-cache-size", "601")))
        .rootCause()
        .hasMessage(
            "runbook.temporal.worker.workflow-cache-size (601) must not exceed"
                + " runbook.temporal.worker.max-workflow-threads (600): each cached run holds a"
                + " thread; raise both");
    assertThatThrownBy(
            () ->
                TemporalConnectionTest.bind(
                    Map.of("runbook.temporal.search-attributes", "sometimes")))
        .isInstanceOf(BindException.class)
        .hasMessageContaining("runbook.temporal.search-attributes");
  }
}
