package dev.runbooks.starter.ui;

import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.starter.RunbookApiAutoConfiguration;
import dev.runbooks.starter.internal.RunOperations;
import dev.runbooks.starter.ui.internal.GuardRailBanner;
import dev.runbooks.starter.ui.internal.GuardRailsUiController;
import dev.runbooks.starter.ui.internal.LoginPage;
import dev.runbooks.starter.ui.internal.UiController;
import io.temporal.client.WorkflowClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * Adds the web page under {@code /ui} to an application that has the runbook API: the catalog with
 * each runbook's graph, recent runs with filters, a run's timeline and evidence, and the approvals
 * waiting for a decision, with forms to decide them. Server-rendered HTML; Mermaid comes from the
 * WebJar on the class path. Needs the API's beans (a {@link WorkflowClient} and a {@link
 * RunbookCatalog}); off with {@code runbook.ui.enabled=false}.
 */
@AutoConfiguration(after = RunbookApiAutoConfiguration.class)
@ConditionalOnProperty(prefix = "runbook.ui", name = "enabled", matchIfMissing = true)
@ConditionalOnBean(RunOperations.class)
@EnableConfigurationProperties(RunbookUiProperties.class)
@Import({
  UiController.class,
  LoginPage.class,
  GuardRailsUiController.class,
  GuardRailBanner.class,
  dev.runbooks.starter.ui.internal.LocksPage.class
})
public class RunbookUiAutoConfiguration {}
