package dev.runbooks.starter.intake;

import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.starter.PeriodicTask;
import dev.runbooks.starter.RunbookApiAutoConfiguration;
import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.audit.internal.ActionAuditController;
import dev.runbooks.starter.dispatch.internal.AlertDispatcher;
import dev.runbooks.starter.effectiveness.EffectivenessConfiguration;
import dev.runbooks.starter.inbox.internal.AlertExplainConfiguration;
import dev.runbooks.starter.inbox.internal.AlertsController;
import dev.runbooks.starter.inbox.internal.InboxPurger;
import dev.runbooks.starter.inbox.internal.InboxStore;
import dev.runbooks.starter.inbox.internal.IntakeMetrics;
import dev.runbooks.starter.inbox.internal.MaintenanceWindow;
import dev.runbooks.starter.inbox.internal.MaintenanceWindowsController;
import dev.runbooks.starter.inbox.internal.WindowStore;
import dev.runbooks.starter.intake.internal.GroupCommit;
import dev.runbooks.starter.intake.internal.WebhookController;
import dev.runbooks.starter.rails.GuardRailConfiguration;
import dev.runbooks.starter.rails.GuardRailMetrics;
import dev.runbooks.starter.rails.GuardRailNotifier;
import dev.runbooks.starter.rails.GuardRailProperties;
import dev.runbooks.starter.rails.internal.GuardRailStore;
import dev.runbooks.starter.rails.internal.NoticeStore;
import dev.runbooks.starter.rails.internal.StartLedger;
import dev.runbooks.starter.remediation.internal.RemediationController;
import dev.runbooks.starter.tracing.RunbookTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Adds the alert intake to an application that has a PostgreSQL {@link DataSource}, a {@link
 * WorkflowClient} and a {@link RunbookCatalog}: Flyway migrations of the inbox, the webhooks under
 * {@code /webhooks}, {@code /api/alerts}, {@code /api/maintenance-windows}, the meters, and the
 * dispatcher that starts and signals runs from the inbox. Off with {@code
 * runbook.intake.enabled=false}.
 */
@AutoConfiguration(
    after = RunbookApiAutoConfiguration.class,
    afterName =
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnProperty(prefix = "runbook.intake", name = "enabled", matchIfMissing = true)
@ConditionalOnBean({DataSource.class, WorkflowClient.class, RunbookCatalog.class})
@EnableConfigurationProperties({
  IntakeProperties.class,
  DispatchPoolProperties.class,
  WebhookProperties.class
})
@Import({
  WebhookController.class,
  AlertsController.class,
  MaintenanceWindowsController.class,
  RemediationController.class,
  ActionAuditController.class,
  GuardRailConfiguration.class,
  AlertExplainConfiguration.class,
  EffectivenessConfiguration.class
})
public class AlertIntakeAutoConfiguration {

  /** Migrates the inbox schema, then opens JDBI over the data source. */
  @Bean
  Jdbi intakeJdbi(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    return Jdbi.create(dataSource);
  }

  @Bean
  InboxStore inboxStore(Jdbi intakeJdbi) {
    return new InboxStore(intakeJdbi);
  }

  /** Purges what is older than {@code runbook.intake.retention}. */
  @Bean
  InboxPurger inboxPurger(InboxStore inboxStore, IntakeProperties properties) {
    return new InboxPurger(inboxStore, properties.retention());
  }

  /** Runs the purge at start-up and then every {@code runbook.intake.purge-interval}. */
  @Bean
  PeriodicTask inboxPurge(InboxPurger inboxPurger, IntakeProperties properties) {
    return new PeriodicTask("inbox-purge", properties.purgeInterval(), inboxPurger::purge);
  }

  /** The window store, with the configured windows saved (replacing earlier ones by id). */
  @Bean
  WindowStore windowStore(Jdbi intakeJdbi, IntakeProperties properties) {
    WindowStore store = new WindowStore(intakeJdbi);
    Instant now = Instant.now();
    for (int i = 0; i < properties.maintenanceWindows().size(); i++) {
      IntakeProperties.Window w = properties.maintenanceWindows().get(i);
      String prefix = "runbook.intake.maintenance-windows[" + i + "].";
      List<String> problems = MaintenanceWindow.problems(w.matchers(), w.startsAt(), w.endsAt());
      if (w.id() == null || w.id().isBlank() || !problems.isEmpty()) {
        throw new IllegalArgumentException(
            prefix + (problems.isEmpty() ? "id: required" : String.join("; " + prefix, problems)));
      }
      store.save(
          new MaintenanceWindow(
              w.id(),
              w.matchers(),
              w.startsAt(),
              w.endsAt(),
              w.comment(),
              "config",
              "config",
              now,
              null));
    }
    return store;
  }

  @Bean
  @ConditionalOnProperty(
      prefix = "runbook.intake.dispatcher",
      name = "enabled",
      matchIfMissing = true)
  AlertDispatcher alertDispatcher(
      InboxStore inbox,
      WindowStore windows,
      WorkflowClient client,
      RunbookCatalog catalog,
      IntakeProperties properties,
      IntakeMetrics metrics,
      ActionAudit audit,
      DispatchPoolProperties pool,
      GuardRailStore railStore,
      NoticeStore railNotices,
      StartLedger railLedger,
      GuardRailProperties railProperties,
      GuardRailMetrics railMetrics,
      GuardRailNotifier railNotifier,
      ObjectProvider<RunbookTracing> tracing) {
    return new AlertDispatcher(
        inbox,
        windows,
        client,
        catalog,
        properties,
        metrics,
        pool,
        audit,
        new AlertDispatcher.Rails(
            railStore, railNotices, railLedger, railProperties, railMetrics, railNotifier),
        tracing.getIfAvailable(RunbookTracing::off));
  }

  /**
   * The webhooks' group commit; after each batch that stored alerts it wakes the dispatcher with
   * their severities (unless {@code runbook.intake.dispatcher.wake-on-accept} is off: it then polls
   * every interval).
   */
  @Bean(destroyMethod = "close")
  GroupCommit webhookGroupCommit(
      InboxStore inboxStore,
      IntakeMetrics metrics,
      WebhookProperties webhook,
      DispatchPoolProperties pool,
      ObjectProvider<AlertDispatcher> dispatcher) {
    Consumer<Set<String>> wake =
        pool.wakeOnAccept()
            ? severities -> dispatcher.ifAvailable(d -> d.wake(severities))
            : s -> {};
    return new GroupCommit(inboxStore, metrics, webhook, wake);
  }

  @Bean
  IntakeMetrics intakeMetrics(ObjectProvider<MeterRegistry> registry) {
    return new IntakeMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
  }
}
