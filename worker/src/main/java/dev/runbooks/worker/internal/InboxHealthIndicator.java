package dev.runbooks.worker.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
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
  static final String QUERY =
      "SELECT count(*), min(received_at) FROM alert_inbox WHERE state = 'pending'";
  private static final int QUERY_TIMEOUT_SECONDS = 3;

  private final DataSource dataSource;

  InboxHealthIndicator(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Health health() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(QUERY)) {
      query.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        Health.Builder health = Health.up().withDetail("pending", row.getLong(1));
        Timestamp oldest = row.getTimestamp(2);
        if (oldest != null) {
          Duration age = Duration.between(oldest.toInstant(), Instant.now());
          health.withDetail(
              "oldestPendingAge", (age.isNegative() ? Duration.ZERO : age).toString());
        }
        return health.build();
      }
    } catch (SQLException | RuntimeException e) {
      // The kind and SQL state only: a driver's message may name hosts and users.
      Health.Builder health = Health.down().withDetail("error", e.getClass().getSimpleName());
      if (e instanceof SQLException sql && sql.getSQLState() != null) {
        health.withDetail("sqlState", sql.getSQLState());
      }
      return health.build();
    }
  }
}
