package dev.runbooks.worker;

import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The worker's capacity ({@code runbook.temporal.worker.*}). The defaults are the Temporal Java
 * SDK's (1.39.0); a value that is not positive stops start-up with a message naming its key.
 *
 * @param maxConcurrentActivities activity slots: steps running at once in this process (200)
 * @param maxConcurrentWorkflowTasks workflow task slots (200)
 * @param maxConcurrentLocalActivities local activity slots (200)
 * @param workflowPollers workflow task pollers; unset: the SDK's (5, which also lets the SDK's
 *     poller auto-enrolment apply)
 * @param activityPollers activity task pollers; unset: the SDK's (5)
 * @param workflowCacheSize runs kept in memory between workflow tasks (sticky cache, 600)
 * @param stickyQueueScheduleToStartTimeout how long a workflow task waits on this worker's sticky
 *     queue before the server hands it to any worker (5s)
 * @param maxWorkflowThreads threads for the runs in memory, shared by every worker of the process;
 *     each cached run holds one, so it is at least workflow-cache-size (600)
 * @param eagerActivities whether a workflow task that schedules an activity asks the server to hand
 *     the activity back in its answer, skipping the trip through the task queue (true; the server
 *     must allow it: system.enableActivityEagerExecution, docs/performance.md)
 */
public record TemporalWorkerTuning(
    @DefaultValue("200") int maxConcurrentActivities,
    @DefaultValue("200") int maxConcurrentWorkflowTasks,
    @DefaultValue("200") int maxConcurrentLocalActivities,
    Integer workflowPollers,
    Integer activityPollers,
    @DefaultValue("600") int workflowCacheSize,
    @DefaultValue("5s") Duration stickyQueueScheduleToStartTimeout,
    @DefaultValue("600") int maxWorkflowThreads,
    @DefaultValue("true") boolean eagerActivities) {

  private static final String PREFIX = "runbook.temporal.worker.";

  /** Checks every value; the exception names the key and the value found. */
  public TemporalWorkerTuning {
    positive("max-concurrent-activities", maxConcurrentActivities);
    positive("max-concurrent-workflow-tasks", maxConcurrentWorkflowTasks);
    positive("max-concurrent-local-activities", maxConcurrentLocalActivities);
    if (workflowPollers != null) {
      positive("workflow-pollers", workflowPollers);
    }
    if (activityPollers != null) {
      positive("activity-pollers", activityPollers);
    }
    positive("workflow-cache-size", workflowCacheSize);
    positive("max-workflow-threads", maxWorkflowThreads);
    if (workflowCacheSize > maxWorkflowThreads) {
      throw new IllegalArgumentException(
          PREFIX
              + "workflow-cache-size ("
              + workflowCacheSize
              + ") must not exceed "
              + PREFIX
              + "max-workflow-threads ("
              + maxWorkflowThreads
              + "): each cached run holds a thread; raise both");
    }
    if (stickyQueueScheduleToStartTimeout == null
        || stickyQueueScheduleToStartTimeout.isNegative()
        || stickyQueueScheduleToStartTimeout.isZero()) {
      throw new IllegalArgumentException(
          PREFIX
              + "sticky-queue-schedule-to-start-timeout must be a positive duration such as 5s; it"
              + " is "
              + stickyQueueScheduleToStartTimeout);
    }
  }

  /** The SDK's defaults. */
  public static TemporalWorkerTuning defaults() {
    return new TemporalWorkerTuning(
        200, 200, 200, null, null, 600, Duration.ofSeconds(5), 600, true);
  }

  /** Sets the slots, pollers, sticky timeout and eager activities on the worker's options. */
  public WorkerOptions.Builder applyTo(WorkerOptions.Builder options) {
    options
        .setMaxConcurrentActivityExecutionSize(maxConcurrentActivities)
        .setMaxConcurrentWorkflowTaskExecutionSize(maxConcurrentWorkflowTasks)
        .setMaxConcurrentLocalActivityExecutionSize(maxConcurrentLocalActivities)
        .setStickyQueueScheduleToStartTimeout(stickyQueueScheduleToStartTimeout)
        .setDisableEagerExecution(!eagerActivities);
    if (workflowPollers != null) {
      options.setMaxConcurrentWorkflowTaskPollers(workflowPollers);
    }
    if (activityPollers != null) {
      options.setMaxConcurrentActivityTaskPollers(activityPollers);
    }
    return options;
  }

  /** The factory's options: the workflow cache and its threads. */
  public WorkerFactoryOptions factoryOptions() {
    return WorkerFactoryOptions.newBuilder()
        .setWorkflowCacheSize(workflowCacheSize)
        .setMaxWorkflowThreadCount(maxWorkflowThreads)
        .validateAndBuildWithDefaults();
  }

  private static void positive(String key, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(
          PREFIX + key + " must be a positive number; it is " + value);
    }
  }
}
