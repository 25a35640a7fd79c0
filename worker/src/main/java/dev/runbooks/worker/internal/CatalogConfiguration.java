package dev.runbooks.worker.internal;

import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.worker.CatalogProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The runbook catalog, its periodic reload (telling every {@link CatalogListener}), and its health.
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

  @Bean
  CatalogHealthIndicator runbooksHealthIndicator(RunbookCatalog catalog) {
    return new CatalogHealthIndicator(catalog);
  }
}
