package dev.runbooks.starter.dispatch.internal;

import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.inbox.internal.InboxClaim;
import dev.runbooks.starter.inbox.internal.InboxRow;
import dev.runbooks.starter.inbox.internal.InboxStore;
import dev.runbooks.starter.inbox.internal.IntakeMetrics;
import dev.runbooks.starter.inbox.internal.MaintenanceWindow;
import dev.runbooks.starter.inbox.internal.WindowStore;
import dev.runbooks.starter.intake.DispatchPoolProperties;
import dev.runbooks.starter.intake.IntakeProperties;
import dev.runbooks.starter.rails.GuardRailMetrics;
import dev.runbooks.starter.rails.GuardRailNotifier;
import dev.runbooks.starter.rails.GuardRailProperties;
import dev.runbooks.starter.rails.internal.GuardRailStore;
import dev.runbooks.starter.rails.internal.NoticeStore;
import dev.runbooks.starter.rails.internal.StartLedger;
import dev.runbooks.starter.tracing.RunbookTracing;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The background loop that empties the inbox into Temporal. Each pass releases ended maintenance
 * windows, updates the inbox gauges, then claims a batch of pending rows (by severity, {@code
 * severity-order}, except that a row waiting longer than {@code max-wait} goes ahead of newer ones;
 * oldest first within each; locked with {@code FOR UPDATE SKIP LOCKED} so several processes can
 * share the inbox) and records each row's outcome in the same transaction; the rows of a batch are
 * dispatched with up to {@code parallelism} Temporal calls in flight, rows of one workflow id in
 * order ({@link BatchDispatch}). Temporal's health check is asked only before the first pass and
 * after a pass that found Temporal unavailable, not while it answers. While Temporal is unreachable
 * rows stay pending, in order, and the loop backs off exponentially with full jitter ({@link
 * Backoff}: replicas do not retry in lock-step); each row is then dispatched once.
 *
 * <p>Between passes an idle loop waits {@code interval}, unless {@link #wake()} is called: the
 * webhooks' group commit calls it once a batch is committed (not the request's thread), so an alert
 * is dispatched at once instead of after up to one interval. A wake never cuts a back-off short.
 *
 * <p>A pass stops starting its batch early ({@link PassCut}) when an alert that ranks above its
 * remaining rows is stored ({@link #wake(Collection)}) or after {@code pass-budget}; the rest stay
 * pending and the next pass begins at once, so a critical alert amid a storm waits for the calls in
 * flight, not for the whole batch.
 */
public final class AlertDispatcher implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

  /**
   * The guard rails the dispatcher applies to firing alerts (docs/guard-rails.md).
   *
   * @param store switches, trips
   * @param notices the notices sent
   * @param ledger the runs alerts started
   * @param properties default limits and the notification route
   * @param metrics the guard rails' meters
   * @param notifier sends the notices once a pass commits
   */
  public record Rails(
      GuardRailStore store,
      NoticeStore notices,
      StartLedger ledger,
      GuardRailProperties properties,
      GuardRailMetrics metrics,
      GuardRailNotifier notifier) {}

  private final InboxStore inbox;
  private final WindowStore windows;
  private final TemporalCalls temporal;
  private final BatchDispatch parallel;
  private final IntakeMetrics metrics;
  private final IntakeProperties.Dispatcher settings;
  private final DispatchPoolProperties order;
  private final Backoff backoff;
  private final IdlePause idlePause = new IdlePause();
  private volatile Thread thread;
  private volatile boolean unavailable;
  private volatile boolean suspect = true; // ask the health check before the next pass
  private final PassRails rails;
  private final PassCut cuts;
  private final FailedAttempts failedAttempts;
  // The last pass was cut short: the next one begins at once.
  private volatile boolean cut;
  // The last pass took a full batch or was cut short: releases and gauges wait for the interval.
  private volatile boolean busy;
  private volatile Instant housekept = Instant.EPOCH; // the last releases and gauges

  /**
   * Creates the dispatcher; it starts with the application context. Each row is dispatched in a
   * span continuing the trace of the webhook request that delivered it (when tracing is on).
   *
   * @param pool how many Temporal calls a pass may have in flight (rows of different workflow ids;
   *     1 dispatches row after row), the severity order and the longest wait
   * @param audit the trail each alert-started run is recorded in
   * @param rails the guard rails, or null for none
   * @param tracing the engine's tracing ({@link RunbookTracing#off()} for none)
   */
  public AlertDispatcher(
      InboxStore inbox,
      WindowStore windows,
      WorkflowClient client,
      RunbookCatalog catalog,
      IntakeProperties properties,
      IntakeMetrics metrics,
      DispatchPoolProperties pool,
      ActionAudit audit,
      Rails rails,
      RunbookTracing tracing) {
    this.rails =
        rails == null ? null : new PassRails(rails, audit, catalog, properties.defaultRunbook());
    this.inbox = inbox;
    this.windows = windows;
    this.temporal = new TemporalCalls(client);
    this.parallel =
        new BatchDispatch(
            new RowDispatch(
                temporal, catalog, properties.defaultRunbook(), metrics, audit, tracing),
            pool.parallelism());
    this.metrics = metrics;
    this.order = pool;
    metrics.severities(pool.severityOrder());
    this.settings = properties.dispatcher();
    this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
    this.cuts = new PassCut(pool.passBudget());
    this.failedAttempts = new FailedAttempts(inbox, metrics, settings.maxAttempts(), backoff);
  }

  /**
   * One pass: releases ended windows, updates the inbox gauges and dispatches at most one batch.
   * Returns how many rows it handled, or -1 when Temporal was unavailable. While the inbox is busy
   * (the last pass took a full batch or was cut short) the releases and gauges are done at most
   * once per {@code interval}, so a pass that follows a cut goes straight to its claim.
   */
  public int pass() {
    Instant now = Instant.now();
    if (!busy || Duration.between(housekept, now).compareTo(settings.interval()) >= 0) {
      housekept = now;
      int released = windows.releaseEnded(now);
      if (released > 0) {
        log.info("released {} still-firing alert(s) from ended maintenance windows", released);
      }
      List<InboxStore.Lag> lags = inbox.lag(order.severityOrder());
      metrics.lag(lags, now);
      InboxStore.Depth depth = InboxStore.Depth.of(lags);
      metrics.depth(depth, now);
      if (depth.pending() == 0) {
        busy = false;
        return 0;
      }
    }
    boolean checked = suspect;
    if (checked && !temporal.healthy()) {
      return unavailable("Temporal does not answer its health check", null);
    }
    List<DispatchRails.Written> notices = new ArrayList<>();
    int handled =
        inbox
            .jdbi()
            .inTransaction(
                h -> {
                  notices.clear(); // a retried transaction starts again
                  return pass(h, notices, checked);
                });
    if (rails != null) {
      rails.send(notices);
    }
    return handled;
  }

  private int pass(
      org.jdbi.v3.core.Handle h, List<DispatchRails.Written> notices, boolean checked) {
    Instant start = Instant.now();
    cuts.claiming();
    List<InboxClaim.Claimed> claimed =
        inbox.claimRanked(
            h, settings.batchSize(), start, order.severityOrder(), start.minus(order.maxWait()));
    List<InboxRow> batch = claimed.stream().map(InboxClaim.Claimed::row).toList();
    List<MaintenanceWindow> active = windows.active(h, start);
    DispatchRails[] loaded = new DispatchRails[1];
    PassCut.Pass cutting = cuts.begin(claimed.stream().map(InboxClaim.Claimed::rank).toList());
    List<BatchDispatch.Result> results =
        parallel.dispatch(
            batch,
            active,
            routings -> loaded[0] = rails == null ? null : rails.load(h, batch, routings, start),
            cutting);
    cut = cutting.reason() != null;
    if (cut) {
      metrics.passCut(cutting.reason().tag());
    }
    busy = cut || batch.size() >= settings.batchSize();
    int done = 0;
    TemporalCalls.Unavailable down = null;
    Boolean answering = checked ? Boolean.TRUE : null; // asked once, at the first Unavailable
    for (int i = 0; i < batch.size(); i++) {
      InboxRow row = batch.get(i);
      BatchDispatch.Result r = results.get(i);
      if (r == null) {
        continue; // not tried: Temporal became unavailable first; stays pending
      }
      if (r.outcome() != null) {
        RowDispatch.Outcome o = r.outcome();
        inbox.finish(h, row.id(), o.state(), o.routes(), o.windowId(), r.at());
        metrics.latency(row.source(), row.receivedAt(), r.at());
        done++;
      } else {
        // Every failed attempt counts, whatever the error: a row whose own calls keep
        // failing with a transient code is marked failed too. An outage costs no
        // attempts: while the health check fails, no row is claimed.
        // Without a health check before this pass, it is asked now: a row that met an outage
        // stays pending as it was, without an attempt.
        if (r.failure() instanceof TemporalCalls.Unavailable e) {
          down = e;
          answering = answering != null ? answering : temporal.healthy();
          if (!answering) {
            continue;
          }
        }
        if (failedAttempts.record(h, row, r.failure(), r.at())) {
          done++;
        }
      }
    }
    if (loaded[0] != null) {
      notices.addAll(loaded[0].write(h));
    }
    suspect = down != null;
    if (down != null) {
      return unavailable(down.getMessage(), down);
    }
    if (unavailable) {
      unavailable = false;
      log.info("Temporal is reachable again; dispatching the inbox");
    }
    return done;
  }

  private int unavailable(String why, Throwable cause) {
    if (!unavailable) {
      log.warn("Temporal is unavailable; alerts wait in the inbox: {}", why);
      unavailable = true;
    } else {
      log.debug("Temporal still unavailable: {}", why, cause);
    }
    return -1;
  }

  private Duration backoff(int failures) {
    return backoff.delay(failures);
  }

  /**
   * Ends the current idle wait at once (or the next one, when a pass is running): new rows are in
   * the inbox. Does nothing to a back-off after failures. Cheap; safe from any thread.
   */
  public void wake() {
    idlePause.wake();
  }

  /**
   * {@link #wake()} for newly stored alerts of these severities (as given; null or blank for none):
   * a pass in progress stops starting the rows that rank after the highest of them.
   */
  public void wake(Collection<String> severities) {
    if (!order.severityOrder().isEmpty() && !severities.isEmpty()) {
      cuts.arrived(severities.stream().mapToInt(order::rank).min().getAsInt());
    }
    wake();
  }

  private void loop() {
    int failures = 0;
    while (!Thread.currentThread().isInterrupted()) {
      Duration pause;
      boolean idle = false;
      try {
        cut = false;
        int n = pass();
        if (n < 0) {
          failures++;
          pause = backoff(failures);
        } else {
          failures = 0;
          idle = n < settings.batchSize() && !cut;
          pause = idle ? settings.interval() : Duration.ZERO;
        }
      } catch (RuntimeException e) {
        failures++;
        pause = backoff(failures);
        log.warn("dispatcher pass failed (retrying in {}): {}", pause, e.toString());
      }
      try {
        idlePause.pause(pause, idle);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public synchronized void start() {
    if (thread != null) {
      return;
    }
    thread = new Thread(this::loop, "alert-dispatcher");
    thread.setDaemon(true);
    thread.start();
    log.info(
        "alert dispatcher started: batches of {}, every {} when idle",
        settings.batchSize(),
        settings.interval());
  }

  @Override
  public synchronized void stop() {
    Thread t = thread;
    thread = null;
    if (t != null) {
      t.interrupt();
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    parallel.close();
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }

  /** After the worker and the web server, so runs started find a polling worker. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }
}
