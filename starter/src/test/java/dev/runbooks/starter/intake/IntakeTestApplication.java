package dev.runbooks.starter.intake;

import com.zaxxer.hikari.HikariDataSource;
import dev.runbooks.activities.ActionActivities;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.starter.testing.TestWorkers;
import dev.runbooks.workflows.RunbookWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactory;
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
  @Bean(destroyMethod = "close")
  TestWorkflowEnvironment testWorkflowEnvironment(RunbookCatalog catalog) {
    return TestWorkers.environment(catalog, null, new ActionActivities(StepEnvironment.defaults()));
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

  /** A worker factory polling the runbook task queue through a client. */
  static WorkerFactory worker(WorkflowClient client, RunbookCatalog catalog) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    TestWorkers.register(
        factory.newWorker(RunbookWorkflow.TASK_QUEUE, TestWorkers.options()),
        catalog,
        null,
        new ActionActivities(StepEnvironment.defaults()));
    return factory;
  }
}
