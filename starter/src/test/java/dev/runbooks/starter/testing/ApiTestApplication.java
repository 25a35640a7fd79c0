package dev.runbooks.starter.testing;

import dev.runbooks.language.catalog.RunbookCatalog;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A web application with the runbook API over a real in-process Temporal test server and a real
 * worker running the interpreter and the action activities (escalations go nowhere: {@link
 * DeliveredEscalations}), for tests of the API and of its clients. The catalog directory comes from
 * {@code runbook.test.catalog-dir}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ApiTestApplication {
  @Bean(destroyMethod = "close")
  TestWorkflowEnvironment testWorkflowEnvironment(
      RunbookCatalog catalog, dev.runbooks.api.DecisionSeal seal) {
    return TestWorkers.environment(
        catalog,
        seal,
        dev.runbooks.activities.ActionActivities.withStandIns(
            dev.runbooks.activities.StepEnvironment.defaults(),
            java.util.List.of(new DeliveredEscalations())));
  }

  @Bean
  WorkflowClient workflowClient(TestWorkflowEnvironment env) {
    return env.getWorkflowClient();
  }

  @Bean
  RunbookCatalog runbookCatalog(@Value("${runbook.test.catalog-dir}") Path dir) {
    return RunbookCatalog.load(dir);
  }
}
