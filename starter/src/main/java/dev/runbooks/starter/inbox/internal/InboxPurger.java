package dev.runbooks.starter.inbox.internal;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges the inbox, the notifications and the delivery ids of signed webhooks older than the
 * retention ({@code runbook.intake.retention}, 30 days), at start-up and then every {@code
 * runbook.intake.purge-interval} (1 hour). A failed purge is logged and tried again at the next.
 */
public final class InboxPurger {
  private static final Logger log = LoggerFactory.getLogger(InboxPurger.class);

  private final InboxStore inbox;
  private final Duration retention;

  /** Creates the purger; a {@link dev.runbooks.starter.PeriodicTask} runs it. */
  public InboxPurger(InboxStore inbox, Duration retention) {
    this.inbox = inbox;
    this.retention = retention;
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
}
