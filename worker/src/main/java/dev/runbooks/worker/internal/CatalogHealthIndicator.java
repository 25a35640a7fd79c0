package dev.runbooks.worker.internal;

import dev.runbooks.language.catalog.RunbookCatalog;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Reports the catalog's directory, how many runbooks it serves and how many files it rejected. */
public final class CatalogHealthIndicator implements HealthIndicator {
  private final RunbookCatalog catalog;

  CatalogHealthIndicator(RunbookCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public Health health() {
    return Health.up()
        .withDetail("directory", catalog.directory().toString())
        .withDetail("runbooks", catalog.all().size())
        .withDetail("rejected", catalog.problems().size())
        .build();
  }
}
