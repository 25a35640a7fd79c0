package dev.runbooks.worker.internal;

import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.workflows.RunbookSource;
import dev.runbooks.workflows.RunbookSourceActivities;
import dev.runbooks.workflows.RunbookVersionActivities;
import io.temporal.failure.ApplicationFailure;

/** Serves runbook sources (current ones, and versions served before) from the worker's catalog. */
public final class CatalogRunbookSources
    implements RunbookSourceActivities, RunbookVersionActivities {
  private final RunbookCatalog catalog;

  /** Creates the activities over a catalog. */
  public CatalogRunbookSources(RunbookCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public RunbookSource load(String name) {
    CatalogEntry entry =
        catalog
            .find(name)
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "no runbook named '" + name + "' in the catalog", "UnknownRunbook"));
    return new RunbookSource(
        entry.name(), entry.version(), entry.file().toString(), entry.source());
  }

  /** A version the catalog served since it was created (for retries on a run's version). */
  @Override
  public RunbookSource loadVersion(String name, String version) {
    CatalogEntry entry =
        catalog
            .version(name, version)
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "version " + version + " of runbook '" + name + "' is no longer served",
                        "UnknownRunbook"));
    return new RunbookSource(
        entry.name(), entry.version(), entry.file().toString(), entry.source());
  }
}
