package dev.runbooks.starter.inbox.internal;

import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.starter.internal.LockOperations;
import dev.runbooks.starter.rails.GuardRailProperties;
import dev.runbooks.starter.rails.GuardRailService;
import dev.runbooks.starter.rails.internal.StartLedger;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The alert explanation: {@link AlertExplainer} and {@code GET /api/alerts/{id}/explain}. */
@Configuration(proxyBeanMethods = false)
@Import(AlertExplainController.class)
public class AlertExplainConfiguration {
  @Bean
  RailChecks alertRailChecks(
      GuardRailService rails,
      GuardRailProperties properties,
      StartLedger ledger,
      Jdbi intakeJdbi,
      ObjectProvider<WorkflowClient> temporal,
      ObjectProvider<LockOperations> locks) {
    return new RailChecks(
        rails, properties, ledger, intakeJdbi, temporal.getIfAvailable(), locks.getIfAvailable());
  }

  @Bean
  AlertExplainer alertExplainer(
      InboxStore inboxStore, WindowStore windowStore, RunbookCatalog catalog, RailChecks checks) {
    return new AlertExplainer(inboxStore, windowStore, catalog, checks, Clock.systemUTC());
  }
}
