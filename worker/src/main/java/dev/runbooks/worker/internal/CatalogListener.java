package dev.runbooks.worker.internal;

import dev.runbooks.language.catalog.CatalogReport;

/**
 * Told after every reload of the runbook catalog, on the reload thread. Listeners must return
 * quickly and handle their own failures; an exception is logged and the next listener still runs.
 */
@FunctionalInterface
public interface CatalogListener {
  /** Called after a reload; the report says what changed (it may be empty). */
  void catalogReloaded(CatalogReport report);
}
