package dev.runbooks.starter.inbox.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Purges the inbox, the notifications and the delivery ids of signed webhooks older than the
 * retention ({@code runbook.intake.retention}, 30 days), at start-up and then every {@code
 * runbook.intake.purge-interval} (1 hour). A failed purge is logged and tried again at the next.
 */
public final class InboxPurger implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(InboxPurger.class);

  private final InboxStore inbox;
  private final Duration retention;
  private final Duration interval;
  private ScheduledExecutorService executor;

  /** Creates the purger; it starts with the application context. */
  public InboxPurger(InboxStore inbox, Duration retention, Duration interval) {
    this.inbox = inbox;
    this.retention = retention;
    this.interval = interval;
  }

  /** Purges once, now: what was received before now minus the retention. */
  public InboxStore.Purged purge() {
    InboxStore.Purged purged = inbox.purge(Instant.now().minus(retention));
    if (purged.any()) {
      log.info(
          "retention {}: purged {} alert(s), {} notification(s), {} delivery id(s)",
          retention,
          purged.alerts(),
          purged.notifications(),
          purged.deliveries());
    }
    return purged;
  }

  private void scheduled() {
    try {
      purge();
    } catch (RuntimeException e) {
      log.warn("inbox retention purge failed; trying again in {}", interval, e);
    }
  }

  @Override
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "inbox-purge");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(this::scheduled, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
