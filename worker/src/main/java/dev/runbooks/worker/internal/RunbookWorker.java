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
  private final TemporalConnection connection;
  private final StepEnvironment steps;
  private final dev.runbooks.workflows.AuditActivities audit;
  private final DecisionSeal seal;
  private final dev.runbooks.workflows.GuardRailActivities guardRails;
  private volatile boolean running;

  /**
   * A worker whose runs ask {@code guardRails} before each mutating step (the application's bean on
   * the engine's database, or the in-memory {@link dev.runbooks.workflows.MemoryGuardRails}).
   */
  RunbookWorker(
      WorkerFactory factory,
      RunbookCatalog catalog,
      TemporalProperties properties,
      TemporalConnection connection,
      StepEnvironment steps,
      dev.runbooks.workflows.AuditActivities audit,
      DecisionSeal seal,
      dev.runbooks.workflows.GuardRailActivities guardRails) {
    this.factory = factory;
    this.guardRails = guardRails;
    this.seal = seal;
    this.steps = steps;
    this.audit = audit;
    this.catalog = catalog;
    this.properties = properties;
    this.connection = connection;
  }

  /**
   * The worker's options: the deadlock timeout, virtual threads for activities where enabled, and
   * the slots, pollers and sticky timeout of {@code runbook.temporal.worker.*}.
   */
  static WorkerOptions workerOptions(TemporalProperties properties, boolean virtual) {
    return properties
        .worker()
        .applyTo(
            WorkerOptions.newBuilder()
                .setDefaultDeadlockDetectionTimeout(DEADLOCK_DETECTION_TIMEOUT.toMillis())
                .setUsingVirtualThreadsOnActivityWorker(virtual)
                .setUsingVirtualThreadsOnLocalActivityWorker(virtual))
        .build();
  }

  @Override
  public void start() {
    Expressions.standard().evaluate("1 == 1", Map.of());
    SearchAttributeRegistrar.ensure(
        factory.getWorkflowClient().getWorkflowServiceStubs(),
        connection,
        properties.searchAttributes(),
        Duration.ofMinutes(2));
    boolean virtual = properties.virtualThreads().enabled(Runtime.version().feature());
    Worker worker =
        factory.newWorker(RunbookWorkflow.TASK_QUEUE, workerOptions(properties, virtual));
    RunbookWorkflowImpl.register(worker, seal);
    RunbookLockWorkflowImpl.register(worker);
    worker.registerActivitiesImplementations(
        new ActionActivities(steps), new CatalogRunbookSources(catalog), audit, guardRails);
    factory.start();
    running = true;
    log.info(
        "worker polling task queue '{}' on {} (activities on {} threads, {} activity slots)",
        RunbookWorkflow.TASK_QUEUE,
        connection.describe(),
        virtual ? "virtual" : "platform",
        properties.worker().maxConcurrentActivities());
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
