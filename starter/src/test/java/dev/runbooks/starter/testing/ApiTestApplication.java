package dev.runbooks.starter.testing;

import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.workflows.RunbookSource;
import dev.runbooks.workflows.RunbookSourceActivities;
import dev.runbooks.workflows.RunbookWorkflow;
import dev.runbooks.workflows.RunbookWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A web application with the runbook API over a real in-process Temporal test server and a real
 * worker running the interpreter, for tests of the API and of its clients. The catalog directory
 * comes from {@code runbook.test.catalog-dir}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ApiTestApplication {
  /** The audit trail of approvals; these tests do not look at it. */
  static final dev.runbooks.workflows.AuditActivities AUDIT_NOTHING = record -> {};

  @Bean(destroyMethod = "close")
  TestWorkflowEnvironment testWorkflowEnvironment(RunbookCatalog catalog) {
    TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    dev.runbooks.workflows.RunbookSearchAttributes.definitions()
        .forEach(env::registerSearchAttribute);
    Worker worker =
        env.newWorker(
            RunbookWorkflow.TASK_QUEUE,
            WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(10_000).build());
    worker.registerWorkflowImplementationTypes(RunbookWorkflowImpl.class);
    worker.registerActivitiesImplementations(new CatalogSources(catalog), AUDIT_NOTHING);
    env.start();
    return env;
  }

  @Bean
  WorkflowClient workflowClient(TestWorkflowEnvironment env) {
    return env.getWorkflowClient();
  }

  @Bean
  RunbookCatalog runbookCatalog(@Value("${runbook.test.catalog-dir}") Path dir) {
    return RunbookCatalog.load(dir);
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
