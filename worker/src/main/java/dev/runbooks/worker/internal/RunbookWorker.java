package dev.runbooks.worker.internal;

import dev.runbooks.activities.ActionActivities;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.api.DecisionSeal;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.language.expr.Expressions;
import dev.runbooks.worker.TemporalProperties;
import dev.runbooks.workflows.RunbookLockWorkflowImpl;
import dev.runbooks.workflows.RunbookWorkflow;
import dev.runbooks.workflows.RunbookWorkflowImpl;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The Temporal worker on task queue {@code runbooks}: the one dynamic workflow that interprets
 * every runbook, the action activities, and the catalog-backed source activity. It starts polling
 * once the application context is ready and drains on shutdown.
 */
public final class RunbookWorker implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(RunbookWorker.class);

  /** Generous because the first CEL evaluation in a workflow thread loads and warms CEL. */
  static final Duration DEADLOCK_DETECTION_TIMEOUT = Duration.ofSeconds(10);

  private final WorkerFactory factory;
  private final RunbookCatalog catalog;
  private final TemporalProperties properties;
  private final StepEnvironment steps;
  private final dev.runbooks.workflows.AuditActivities audit;
  private final DecisionSeal seal;
  private volatile boolean running;

  RunbookWorker(
      WorkerFactory factory,
      RunbookCatalog catalog,
      TemporalProperties properties,
      StepEnvironment steps,
      dev.runbooks.workflows.AuditActivities audit,
      DecisionSeal seal) {
    this.factory = factory;
    this.seal = seal;
    this.steps = steps;
    this.audit = audit;
    this.catalog = catalog;
    this.properties = properties;
  }

  @Override
  public void start() {
    Expressions.standard().evaluate("1 == 1", Map.of());
    SearchAttributeRegistrar.ensure(
        factory.getWorkflowClient().getWorkflowServiceStubs(),
        properties.namespace(),
        Duration.ofMinutes(2));
    boolean virtual = properties.virtualThreads().enabled(Runtime.version().feature());
    Worker worker =
        factory.newWorker(
            RunbookWorkflow.TASK_QUEUE,
            WorkerOptions.newBuilder()
                .setDefaultDeadlockDetectionTimeout(DEADLOCK_DETECTION_TIMEOUT.toMillis())
                .setUsingVirtualThreadsOnActivityWorker(virtual)
                .setUsingVirtualThreadsOnLocalActivityWorker(virtual)
                .build());
    RunbookWorkflowImpl.register(worker, seal);
    RunbookLockWorkflowImpl.register(worker);
    worker.registerActivitiesImplementations(
        new ActionActivities(steps), new CatalogRunbookSources(catalog), audit);
    factory.start();
    running = true;
    log.info(
        "worker polling task queue '{}' on {} namespace '{}' (activities on {} threads)",
        RunbookWorkflow.TASK_QUEUE,
        properties.effectiveTarget(),
        properties.namespace(),
        virtual ? "virtual" : "platform");
  }

  @Override
  public void stop() {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
