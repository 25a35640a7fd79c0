package dev.runbooks.starter;

import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.internal.ApiErrorHandler;
import dev.runbooks.starter.internal.CheckedDecisions;
import dev.runbooks.starter.internal.JsonErrorController;
import dev.runbooks.starter.internal.RunOperations;
import dev.runbooks.starter.internal.RunRetries;
import dev.runbooks.starter.internal.RunbooksController;
import dev.runbooks.starter.internal.RunsController;
import dev.runbooks.starter.security.Callers;
import dev.runbooks.starter.security.DecisionKeyConfiguration;
import dev.runbooks.starter.security.RunbookAccess;
import io.temporal.client.WorkflowClient;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Adds the runbook HTTP API to a Spring Boot web application. The application provides a {@link
 * WorkflowClient} connected to the namespace that runs runbooks and a {@link RunbookCatalog}; this
 * configuration adds the controllers under {@code /api} and turns every error into JSON.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@EnableConfigurationProperties(RunbookApiProperties.class)
@Import({
  DecisionKeyConfiguration.class,
  RunOperations.class,
  dev.runbooks.starter.internal.LockOperations.class,
  dev.runbooks.starter.internal.LocksController.class,
  RunbooksController.class,
  RunsController.class,
  dev.runbooks.starter.internal.RunHistoryController.class,
  ApiErrorHandler.class,
  JsonErrorController.class
})
public class RunbookApiAutoConfiguration implements WebMvcConfigurer {
  /** The audit trail: in the intake's database when the application has one, else the log. */
  @Bean
  @ConditionalOnMissingBean
  ActionAudit actionAudit(ObjectProvider<Jdbi> jdbi) {
    return new ActionAudit(jdbi);
  }

  /** The per-runbook {@code access:} check. */
  @Bean
  @ConditionalOnMissingBean
  RunbookAccess runbookAccess(RunbookCatalog catalog, ActionAudit audit) {
    return new RunbookAccess(catalog, audit);
  }

  /** The one path of a person's decision on a run, for the API and the page. */
  @Bean
  @ConditionalOnMissingBean
  CheckedDecisions checkedDecisions(RunOperations runs, RunbookAccess access, ActionAudit audit) {
    return new CheckedDecisions(runs, access, audit);
  }

  /** Retries of runs that ended without resolving, by reset or as seeded new runs. */
  @Bean
  @ConditionalOnMissingBean
  RunRetries runRetries(
      WorkflowClient client,
      RunOperations runs,
      RunbookCatalog catalog,
      RunbookAccess access,
      ActionAudit audit) {
    return new RunRetries(client, runs, catalog, access, audit);
  }

  /** Lets controller methods take the request's {@link dev.runbooks.starter.security.Caller}. */
  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new Callers());
  }
}
