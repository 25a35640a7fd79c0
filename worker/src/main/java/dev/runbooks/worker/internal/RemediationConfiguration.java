package dev.runbooks.worker.internal;

import dev.runbooks.activities.AuditLog;
import dev.runbooks.activities.Datasources;
import dev.runbooks.activities.EscalationRoutes;
import dev.runbooks.activities.RestartLedger;
import dev.runbooks.activities.Secrets;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.internal.InMemoryRestartLedger;
import dev.runbooks.activities.store.PostgresRemediationStore;
import dev.runbooks.starter.RunbookApiProperties;
import dev.runbooks.worker.RunbookProperties;
import dev.runbooks.worker.TargetsProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the step executors need from the worker, gathered in one {@link StepEnvironment}: the named
 * datasources of {@code sql} and {@code dlq} steps ({@code runbook.datasources.<name>.url}, {@code
 * username}, {@code password} which may be {@code env:NAME} or {@code file:/path}, {@code
 * pool-size}), and the restart ledger, quarantine and audit trail in the alert inbox's PostgreSQL
 * (in memory, with a warning, when the intake is off).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RunbookProperties.class, RunbookApiProperties.class})
public class RemediationConfiguration {
  private static final Logger log = LoggerFactory.getLogger(RemediationConfiguration.class);

  @Bean(destroyMethod = "close")
  Datasources.Pooled runbookDatasources(RunbookProperties properties) {
    Map<String, RunbookProperties.Datasource> raw = properties.datasources();
    Map<String, Datasources.Definition> definitions = new LinkedHashMap<>();
    raw.forEach(
        (name, p) -> {
          if (p.url() == null || p.url().isBlank()) {
            throw new IllegalArgumentException("runbook.datasources." + name + ".url is required");
          }
          definitions.put(
              name, new Datasources.Definition(p.url(), p.username(), p.password(), p.poolSize()));
        });
    log.info("datasources for sql and dlq steps: {}", definitions.keySet());
    return Datasources.pooled(definitions);
  }

  /**
   * The named escalation routes runbooks refer to ({@code route: oncall}): {@code
   * runbook.routes.<name>.type} (pagerduty, slack, teams, webhook), {@code url} (a URL or a secret
   * reference env:NAME / file:/path) and, for PagerDuty, {@code routing-key} (a secret reference).
   */
  @Bean
  EscalationRoutes escalationRoutes(RunbookProperties properties) {
    Map<String, RunbookProperties.Route> raw = properties.routes();
    Map<String, EscalationRoutes.Definition> definitions = new LinkedHashMap<>();
    raw.forEach(
        (name, p) ->
            definitions.put(
                name,
                new EscalationRoutes.Definition(
                    p.type() == null ? null : p.type().toString(), p.url(), p.routingKey())));
    EscalationRoutes routes = EscalationRoutes.of(definitions);
    log.info("escalation routes: {}", routes.names());
    return routes;
  }

  /** The ledger and audit trail in PostgreSQL when the intake database is there. */
  @Bean
  RemediationState remediationState(ObjectProvider<Jdbi> intakeJdbi) {
    Jdbi jdbi = intakeJdbi.getIfAvailable();
    if (jdbi == null) {
      log.warn(
          "no database (runbook.intake.enabled=false): restart ledger and quarantine are kept in"
              + " memory and the audit trail is off");
      return new RemediationState(new InMemoryRestartLedger(), AuditLog.none());
    }
    PostgresRemediationStore store = new PostgresRemediationStore(jdbi);
    return new RemediationState(store, store);
  }

  /**
   * What every step executor of this worker is built from: the datasources, routes, restart ledger
   * and audit trail above, the secrets ({@code RUNBOOK_SECRET_<NAME>} or {@code
   * RUNBOOK_SECRETS_DIR}), the destination lists ({@code runbook.targets}) and the API's public
   * base URL, which the approve and reject links of approval notifications point at ({@code
   * runbook.api.public-url}; {@code http://localhost:8080} by default).
   */
  @Bean
  StepEnvironment stepEnvironment(
      Datasources.Pooled runbookDatasources,
      RemediationState state,
      EscalationRoutes routes,
      TargetsProperties targets,
      RunbookApiProperties api) {
    String apiUrl = api.publicUrl() == null ? StepEnvironment.DEFAULT_API_URL : api.publicUrl();
    log.info("approval notifications link to the API at {}", apiUrl);
    return new StepEnvironment(
        runbookDatasources,
        state.audit(),
        state.ledger(),
        routes,
        apiUrl,
        System::getenv,
        Secrets.fromEnvironment(),
        targets.policy());
  }

  /**
   * Guard-rail notifications go to the route {@code runbook.guard-rails.notify-route} through the
   * escalate executor (the starter only logs them without this bean).
   */
  @Bean
  dev.runbooks.starter.rails.GuardRailNotifier guardRailNotifier(StepEnvironment steps) {
    return new RouteGuardRailNotifier(steps);
  }

  /** The restart ledger and the audit log. */
  record RemediationState(RestartLedger ledger, AuditLog audit) {}
}
