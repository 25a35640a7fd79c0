package dev.runbooks.starter.rails;

import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.rails.GuardRailViews.Freeze;
import dev.runbooks.starter.rails.internal.FreezeStore;
import dev.runbooks.starter.rails.internal.GuardRailStore;
import dev.runbooks.starter.rails.internal.GuardRailsController;
import dev.runbooks.starter.rails.internal.NoticeStore;
import dev.runbooks.starter.rails.internal.StartLedger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The guard rails' beans, part of the alert intake (it needs the intake's PostgreSQL): the store,
 * {@link GuardRailService}, {@link JdbiGuardRailActivities} (for the worker to register), the
 * meters, the endpoints, and a {@link GuardRailNotifier} that logs when the application provides
 * none. The configured freezes ({@code runbook.guard-rails.freezes[n]}) are saved at startup with
 * ids {@code config-<n>}, beside those created through the API.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GuardRailProperties.class)
@Import(GuardRailsController.class)
public class GuardRailConfiguration {
  private static final Logger log = LoggerFactory.getLogger(GuardRailConfiguration.class);

  @Bean
  GuardRailStore guardRailStore(Jdbi intakeJdbi, GuardRailProperties properties) {
    properties.limits(); // refuses a bad default rate at startup
    return new GuardRailStore(intakeJdbi);
  }

  @Bean
  NoticeStore guardRailNotices(Jdbi intakeJdbi) {
    return new NoticeStore(intakeJdbi);
  }

  /** The freeze store, with the configured freezes saved (ids {@code config-<n>}). */
  @Bean
  FreezeStore freezeStore(Jdbi intakeJdbi, GuardRailProperties properties) {
    List<String> problems = properties.freezeProblems();
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    FreezeStore store = new FreezeStore(intakeJdbi);
    Instant now = Instant.now();
    for (int i = 0; i < properties.freezes().size(); i++) {
      GuardRailProperties.FreezeConfig f = properties.freezes().get(i);
      store.saveFreeze(
          new Freeze(
              "config-" + i,
              f.reason(),
              f.startsAt(),
              f.endsAt(),
              f.runbooks(),
              "config",
              "config",
              null,
              null),
          now);
    }
    return store;
  }

  @Bean
  StartLedger guardRailLedger(Jdbi intakeJdbi) {
    return new StartLedger(intakeJdbi);
  }

  @Bean
  GuardRailService guardRailService(
      GuardRailStore store,
      FreezeStore freezes,
      StartLedger ledger,
      RunbookCatalog catalog,
      GuardRailProperties properties,
      ActionAudit audit) {
    return new GuardRailService(
        store, freezes, ledger, catalog, properties, audit, Clock.systemUTC());
  }

  /** The preflight of mutating steps on PostgreSQL; the worker registers it as an activity. */
  @Bean
  JdbiGuardRailActivities jdbiGuardRailActivities(
      GuardRailStore store,
      FreezeStore freezes,
      StartLedger ledger,
      GuardRailProperties properties) {
    return new JdbiGuardRailActivities(
        store, freezes, ledger, Clock.systemUTC(), properties.notifyRoute());
  }

  @Bean
  GuardRailMetrics guardRailMetrics(ObjectProvider<MeterRegistry> registry, GuardRailStore store) {
    return new GuardRailMetrics(
        registry.getIfAvailable(SimpleMeterRegistry::new),
        () -> store.switches(Instant.now()).size(),
        () -> store.trips().size());
  }

  /** Logs notifications when the application has no way to send them to a route. */
  @Bean
  @ConditionalOnMissingBean(GuardRailNotifier.class)
  GuardRailNotifier loggingGuardRailNotifier() {
    return notice -> {
      log.warn(
          "guard rail {} for runbook {}{}: {}",
          notice.rail(),
          notice.runbook(),
          notice.route() == null ? "" : " (route " + notice.route() + " not reachable here)",
          notice.message());
      return false;
    };
  }
}
