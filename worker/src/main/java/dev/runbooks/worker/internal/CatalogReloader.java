package dev.runbooks.worker.internal;

import dev.runbooks.language.catalog.CatalogReport;
import dev.runbooks.language.catalog.RunbookCatalog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Loads the catalog before the worker and the API start, then rescans the directory at a fixed
 * interval, logging every runbook added, updated or removed and every file rejected with the
 * compiler's problems, and telling every {@link CatalogListener} after each reload.
 */
public final class CatalogReloader implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(CatalogReloader.class);

  private final RunbookCatalog catalog;
  private final Duration interval;
  private final List<CatalogListener> listeners;
  private ScheduledExecutorService scheduler;

  CatalogReloader(RunbookCatalog catalog, Duration interval) {
    this(catalog, interval, List.of());
  }

  CatalogReloader(RunbookCatalog catalog, Duration interval, List<CatalogListener> listeners) {
    this.catalog = catalog;
    this.interval = interval;
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public synchronized void start() {
    reload();
    catalog.warnings().forEach(w -> log.warn("warning: {}", w));
    log.info(
        "catalog {}: {} runbook(s) in service, {} file(s) rejected; rescanning every {}",
        catalog.directory(),
        catalog.all().size(),
        catalog.problems().size(),
        interval);
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "catalog-reload");
              thread.setDaemon(true);
              return thread;
            });
    long millis = Math.max(100, interval.toMillis());
    scheduler.scheduleWithFixedDelay(this::reload, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Rescans now; failures are logged, never thrown, so the schedule keeps going: a task of a {@link
   * ScheduledExecutorService} that throws anything, {@link Error}s included, is never run again. A
   * file the compiler fails on is refused by the catalog (and logged with the others); a failure of
   * the reload itself leaves the catalog as it was, serving the last good versions.
   */
  void reload() {
    CatalogReport report;
    try {
      report = catalog.reload();
      report.added().forEach(e -> log.info("added {} {} from {}", e.name(), e.version(), e.file()));
      report
          .updated()
          .forEach(u -> log.info("updated {} {} -> {}", u.name(), u.oldVersion(), u.newVersion()));
      report.removed().forEach(name -> log.info("removed {}", name));
      report
          .rejected()
          .forEach(
              r -> log.warn("rejected {}:\n  {}", r.file(), String.join("\n  ", r.messages())));
    } catch (Throwable e) {
      log.error(
          "catalog reload of {} failed; the runbooks in service stay as they were",
          catalog.directory(),
          e);
      return;
    }
    for (CatalogListener listener : listeners) {
      try {
        listener.catalogReloaded(report);
      } catch (Throwable e) {
        log.error("catalog listener {} failed", listener, e);
      }
    }
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }

  /** Before the web server and the worker, so the first request and task find the runbooks. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }
}
