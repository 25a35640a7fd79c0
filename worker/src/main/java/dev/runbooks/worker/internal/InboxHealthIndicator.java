package dev.runbooks.worker.internal;

import dev.runbooks.starter.inbox.internal.InboxStore;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code inbox} health contributor, part of readiness in both roles: UP when the alert inbox's
 * database answers, with the number of alerts waiting to be dispatched ({@code pending}) and how
 * long the oldest has waited ({@code oldestPendingAge}, ISO-8601) as details; DOWN with the error's
 * kind when it does not. A starter whose inbox answers can accept alerts even while Temporal is
 * away: they wait in the inbox.
 */
public final class InboxHealthIndicator implements HealthIndicator {
  private static final int QUERY_TIMEOUT_SECONDS = 3;

  private final InboxStore inbox;

  InboxHealthIndicator(InboxStore inbox) {
    this.inbox = inbox;
  }

  @Override
  public Health health() {
    try {
      InboxStore.Depth depth = inbox.depth(QUERY_TIMEOUT_SECONDS);
      Health.Builder health = Health.up().withDetail("pending", depth.pending());
      if (depth.oldestPending() != null) {
        Duration age = Duration.between(depth.oldestPending(), Instant.now());
        health.withDetail("oldestPendingAge", (age.isNegative() ? Duration.ZERO : age).toString());
      }
      return health.build();
    } catch (RuntimeException e) {
      // The kind and SQL state of the driver's error only: its message may name hosts and users.
      SQLException sql = sqlCause(e);
      Health.Builder health =
          Health.down().withDetail("error", (sql == null ? e : sql).getClass().getSimpleName());
      if (sql != null && sql.getSQLState() != null) {
        health.withDetail("sqlState", sql.getSQLState());
      }
      return health.build();
    }
  }

  /** The driver's error under JDBI's exception, if there is one. */
  private static SQLException sqlCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }
}
