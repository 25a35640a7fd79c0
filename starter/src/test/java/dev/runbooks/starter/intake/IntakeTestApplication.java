package dev.runbooks.starter.intake;

import com.zaxxer.hikari.HikariDataSource;
import dev.runbooks.activities.ActionActivities;
import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.workflows.RunbookSearchAttributes;
import dev.runbooks.workflows.RunbookSource;
import dev.runbooks.workflows.RunbookSourceActivities;
import dev.runbooks.workflows.RunbookWorkflow;
import dev.runbooks.workflows.RunbookWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The API and the alert intake over a real embedded PostgreSQL (a fresh database per context), a
 * real in-process Temporal test server and a real worker running the interpreter and the action
 * activities. Runbooks come from {@code src/test/resources/intake/runbooks}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class IntakeTestApplication {
  /** The audit trail of approvals; these tests do not look at it. */
  static final dev.runbooks.workflows.AuditActivities AUDIT_NOTHING = record -> {};

  @Bean(destroyMethod = "close")
  TestWorkflowEnvironment testWorkflowEnvironment(RunbookCatalog catalog) {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    RunbookSearchAttributes.definitions().forEach(env::registerSearchAttribute);
    register(env.newWorker(RunbookWorkflow.TASK_QUEUE, options()), catalog);
    env.start();
    return env;
  }

  @Bean
  WorkflowClient workflowClient(TestWorkflowEnvironment env) {
    return env.getWorkflowClient();
  }

  @Bean
  RunbookCatalog runbookCatalog(
      @Value("${runbook.test.catalog-dir:src/test/resources/intake/runbooks}") Path dir) {
    return RunbookCatalog.load(dir);
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource() {
    return TestDatabase.fresh();
  }

  static WorkerOptions options() {
    return WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(10_000).build();
  }

  /** Registers the interpreter and its activities on a worker. */
  static void register(Worker worker, RunbookCatalog catalog) {
    worker.registerWorkflowImplementationTypes(RunbookWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new ActionActivities(), new CatalogSources(catalog), AUDIT_NOTHING);
  }

  /** A worker factory polling the runbook task queue through a client. */
  static WorkerFactory worker(WorkflowClient client, RunbookCatalog catalog) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    register(factory.newWorker(RunbookWorkflow.TASK_QUEUE, options()), catalog);
    return factory;
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
