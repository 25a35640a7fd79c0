package dev.runbooks.starter.dispatch.internal;

import dev.runbooks.starter.inbox.internal.InboxRow;
import dev.runbooks.starter.inbox.internal.InboxStore;
import dev.runbooks.starter.inbox.internal.IntakeMetrics;
import dev.runbooks.starter.internal.ErrorText;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a row's failed dispatch attempt in the pass's transaction: the row stays pending for
 * another attempt after a back-off ({@link Backoff}), or, at {@code max-attempts}, becomes failed
 * with why its last attempt failed, in words (the status code and message, no class names).
 */
final class FailedAttempts {
  private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

  private final InboxStore inbox;
  private final IntakeMetrics metrics;
  private final int maxAttempts;
  private final Backoff backoff;

  FailedAttempts(InboxStore inbox, IntakeMetrics metrics, int maxAttempts, Backoff backoff) {
    this.inbox = inbox;
    this.metrics = metrics;
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
  }

  /** Records a failed attempt; true when it was the last one and the row is now failed. */
  boolean record(Handle h, InboxRow row, RuntimeException e, Instant at) {
    String message = reason(e);
    int attempts = row.attempts() + 1;
    if (attempts >= maxAttempts) {
      log.error("alert {} failed after {} attempts: {}", row.id(), attempts, message, e);
      String why = "gave up after " + attempts + " attempts: " + message;
      inbox.fail(h, row.id(), List.of(Map.of("action", "failed", "message", why)), why, at);
      metrics.routed(row.source(), null, "failed");
      return true;
    }
    log.warn("alert {} failed (attempt {}): {}", row.id(), attempts, message);
    inbox.retry(h, row.id(), at.plus(backoff.delay(attempts)), message, at);
    return false;
  }

  /** Why an attempt failed, in words: the status code and message, no class names. */
  static String reason(RuntimeException e) {
    String root = TemporalCalls.rootMessage(e);
    String text =
        e instanceof TemporalCalls.Unavailable u
            ? u.getMessage()
            : ErrorText.clean(root, "the Temporal call failed");
    return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
  }
}
