package dev.runbooks.worker.internal;

import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.worker.CatalogProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The runbook catalog, its periodic reload (telling every {@link CatalogListener}, the {@link
 * PlanCacheSeeder} among them), and its health.
 */
@Configuration(proxyBeanMethods = false)
public class CatalogConfiguration {

  @Bean
  RunbookCatalog runbookCatalog(CatalogProperties properties) {
    return new RunbookCatalog(properties.dir().toAbsolutePath().normalize());
  }

  @Bean
  CatalogReloader catalogReloader(
      RunbookCatalog catalog,
      CatalogProperties properties,
      ObjectProvider<CatalogListener> listeners) {
    return new CatalogReloader(
        catalog, properties.reloadInterval(), listeners.orderedStream().toList());
  }

  /** Seeds the interpreter's plan cache with the catalog's plans after every reload. */
  @Bean
  PlanCacheSeeder planCacheSeeder(RunbookCatalog catalog) {
    return new PlanCacheSeeder(catalog);
  }

  @Bean
  CatalogHealthIndicator runbooksHealthIndicator(RunbookCatalog catalog) {
    return new CatalogHealthIndicator(catalog);
  }
}
