package dev.runbooks.worker.internal;

import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.CatalogReport;
import dev.runbooks.worker.internal.RunbookSchedules.Desired;
import dev.runbooks.worker.internal.ScheduleReconciler.Result;
import io.temporal.client.schedules.ScheduleClient;
import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Temporal Schedules in step with the {@code schedules:} of the runbooks in service (see
 * {@link RunbookSchedules} for what each becomes and {@link ScheduleReconciler} for one pass).
 *
 * <p>It syncs once the application is ready, after every catalog reload that added, updated or
 * removed a runbook, after every reload while the last sync failed, and every resync interval
 * (which repairs schedules changed or deleted by hand). Syncs run one at a time on their own thread
 * and never throw: a failure is logged (once while it stays the same) and retried. A server without
 * schedules (the embedded test server answers UNIMPLEMENTED) gets one warning, then no more calls.
 */
public final class ScheduleSync implements CatalogListener, Closeable {
  private static final Logger log = LoggerFactory.getLogger(ScheduleSync.class);

  private final ScheduleReconciler reconciler;
  private final Supplier<List<CatalogEntry>> catalog;
  private final boolean enabled;
  private final Duration resyncInterval;
  private final String server;
  private final AtomicBoolean queued = new AtomicBoolean();
  private final Object lifecycle = new Object();
  private volatile ScheduledExecutorService executor;
  private volatile boolean active;
  private volatile boolean dirty = true;
  private volatile boolean unsupported;
  private boolean unsupportedWarned;
  private String lastFailure;

  /**
   * A sync of the schedules of the catalog's runbooks.
   *
   * @param enabled false: never call Temporal ({@code runbook.schedules.enabled=false})
   * @param server how to name the Temporal server in messages, such as its address
   */
  ScheduleSync(
      ScheduleClient client,
      Supplier<List<CatalogEntry>> catalog,
      boolean enabled,
      Duration resyncInterval,
      String server) {
    this.reconciler = new ScheduleReconciler(client);
    this.catalog = catalog;
    this.enabled = enabled;
    this.resyncInterval = resyncInterval;
    this.server = server;
  }

  /** Starts syncing: once now, then as described above. Called when the application is ready. */
  void activate() {
    if (!enabled) {
      log.info(
          "runbook.schedules.enabled=false: the runbooks' schedules are not synchronized with"
              + " Temporal, and the schedules in Temporal are left as they are");
      return;
    }
    synchronized (lifecycle) {
      if (executor != null) {
        return;
      }
      executor =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread thread = new Thread(r, "schedule-sync");
                thread.setDaemon(true);
                return thread;
              });
      active = true;
      long millis = Math.max(1_000, resyncInterval.toMillis());
      executor.scheduleWithFixedDelay(this::requestSync, 0, millis, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void catalogReloaded(CatalogReport report) {
    boolean changed =
        !report.added().isEmpty() || !report.updated().isEmpty() || !report.removed().isEmpty();
    if (changed || dirty) {
      requestSync();
    }
  }

  /** Queues a sync unless one is already queued; does nothing before {@link #activate()}. */
  void requestSync() {
    ScheduledExecutorService e = executor;
    if (!active || e == null || !queued.compareAndSet(false, true)) {
      return;
    }
    try {
      e.execute(
          () -> {
            queued.set(false);
            sync();
          });
    } catch (RuntimeException rejected) {
      queued.set(false); // shutting down
    }
  }

  /**
   * Syncs now, on the calling thread, and never throws.
   *
   * @return what the pass did, or null when it did not run (disabled, or no schedules on the
   *     server)
   */
  synchronized Result sync() {
    if (!enabled) {
      return null;
    }
    try {
      Map<String, Desired> desired = RunbookSchedules.desired(catalog.get());
      if (unsupported) {
        warnUnsupported(desired.size());
        return null;
      }
      try {
        Result result = reconciler.reconcile(desired);
        return result.failed().isEmpty() ? succeeded(result) : failed(result);
      } catch (ScheduleReconciler.Unimplemented e) {
        unsupported = true;
        warnUnsupported(desired.size());
        return null;
      }
    } catch (RuntimeException e) {
      return failed(new Result(0, 0, 0, 0, List.of(ScheduleReconciler.describe(e))));
    }
  }

  private Result succeeded(Result result) {
    dirty = false;
    if (lastFailure != null) {
      log.info("the runbooks' schedules are in sync with Temporal again");
      lastFailure = null;
    }
    return result;
  }

  private Result failed(Result result) {
    dirty = true;
    String message = String.join("; ", result.failed());
    if (!message.equals(lastFailure)) {
      log.warn(
          "the runbooks' schedules are not all in sync with Temporal at {}; retrying after the"
              + " next catalog reload: {}",
          server,
          message);
    } else {
      log.debug("schedules still not in sync: {}", message);
    }
    lastFailure = message;
    return result;
  }

  private void warnUnsupported(int schedules) {
    if (unsupportedWarned || schedules == 0) {
      return;
    }
    unsupportedWarned = true;
    log.warn(
        "the Temporal server at {} does not implement schedules (UNIMPLEMENTED; the embedded test"
            + " server does not), so the {} schedule(s) of the runbooks will NOT run. Use the"
            + " Temporal dev server (make run) or a Temporal cluster for schedules.",
        server,
        schedules);
  }

  /** Whether the last sync failed, so that the next catalog reload retries. */
  public boolean dirty() {
    return dirty;
  }

  /** Whether the server said it does not implement schedules. */
  public boolean unsupported() {
    return unsupported;
  }

  @Override
  public void close() {
    synchronized (lifecycle) {
      active = false;
      if (executor != null) {
        executor.shutdownNow();
      }
    }
  }
}
