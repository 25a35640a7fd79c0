package dev.runbooks.starter.testing;

import dev.runbooks.api.DecisionSeal;
import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.workflows.AuditActivities;
import dev.runbooks.workflows.RunbookSearchAttributes;
import dev.runbooks.workflows.RunbookSource;
import dev.runbooks.workflows.RunbookSourceActivities;
import dev.runbooks.workflows.RunbookWorkflow;
import dev.runbooks.workflows.RunbookWorkflowImpl;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;

/**
 * The worker set-up the test applications share: the interpreter, runbook sources from a catalog
 * (as the worker application serves them), an audit trail the tests do not read, and any further
 * activity implementations a test needs.
 */
public final class TestWorkers {
  /** The audit trail of approvals; these tests do not look at it. */
  static final AuditActivities AUDIT_NOTHING = record -> {};

  private TestWorkers() {}

  /** Worker options: a generous deadlock detector, since a cold CEL runtime takes about 1 s. */
  public static WorkerOptions options() {
    return WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(10_000).build();
  }

  /**
   * Registers the interpreter (verifying decisions with {@code seal}, none when null), the
   * catalog's sources, the audit trail and {@code activities}.
   */
  public static void register(
      Worker worker, RunbookCatalog catalog, DecisionSeal seal, Object... activities) {
    RunbookWorkflowImpl.register(worker, seal);
    dev.runbooks.workflows.RunbookLockWorkflowImpl.register(worker);
    worker.registerActivitiesImplementations(new CatalogSources(catalog), AUDIT_NOTHING);
    if (activities.length > 0) {
      worker.registerActivitiesImplementations(activities);
    }
  }

  /** A started in-memory Temporal with the search attributes and one worker as above. */
  public static TestWorkflowEnvironment environment(
      RunbookCatalog catalog, DecisionSeal seal, Object... activities) {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    RunbookSearchAttributes.definitions().forEach(env::registerSearchAttribute);
    register(env.newWorker(RunbookWorkflow.TASK_QUEUE, options()), catalog, seal, activities);
    env.start();
    return env;
  }

  /** Serves sources from the catalog, as the worker application does. */
  record CatalogSources(RunbookCatalog catalog) implements RunbookSourceActivities {
    @Override
    public RunbookSource load(String name) {
      CatalogEntry e =
          catalog
              .find(name)
              .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(name, "UnknownRunbook"));
      return new RunbookSource(e.name(), e.version(), e.file().toString(), e.source());
    }
  }
}
