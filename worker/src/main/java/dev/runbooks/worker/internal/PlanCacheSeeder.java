package dev.runbooks.worker.internal;

import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.CatalogReport;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.workflows.internal.PlanCache;

/**
 * After every catalog reload, hands the plans the catalog compiled to the interpreter's {@link
 * PlanCache}, keyed as a run will ask for them (the version and file of the {@code RunbookSource}
 * that {@link CatalogRunbookSources} serves). A run of a runbook in the catalog then finds its plan
 * there instead of compiling it in the workflow thread.
 */
public final class PlanCacheSeeder implements CatalogListener {
  private final RunbookCatalog catalog;

  /** A seeder of the runbooks this catalog serves. */
  public PlanCacheSeeder(RunbookCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void catalogReloaded(CatalogReport report) {
    for (CatalogEntry entry : catalog.all()) {
      String file = entry.file().toString();
      // The catalog compiles with the file's label, '/'-separated; a plan made under another
      // label (Windows) is left to PlanCache.compile so that the cached plan stays the same.
      if (entry.compiled().file().equals(file)) {
        PlanCache.seed(file, entry.compiled());
      }
    }
  }
}
