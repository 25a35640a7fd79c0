package dev.runbooks.starter.inbox.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.runbooks.starter.tracing.TraceHeaders;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The alert inbox in PostgreSQL: accepting notifications (one request's or a group commit's in one
 * transaction, {@link InboxBatch}), claiming pending rows for the dispatcher, recording what was
 * done, and listing for the API. Every value is a bound parameter.
 */
public final class InboxStore {
  static final String COLUMNS =
      "id, source, delivery_id, received_at, alert::text AS alert,"
          + " COALESCE((SELECT n.context FROM alert_notifications n"
          + " WHERE n.id = alert_inbox.notification_id), alert_inbox.context)::text AS context,"
          + " state, attempts, next_attempt_at, last_error, routes::text AS routes, window_id,"
          + " released_from, handled_at, updated_at, trace_parent, trace_state";

  /** A filter of the list endpoint; null fields do not filter. */
  public record Filter(String status, String state, String runbook, String source, int limit) {}

  /** How many rows wait and since when the oldest waits. */
  public record Depth(long pending, Instant oldestPending) {
    /** The whole inbox's depth from its depth per severity. */
    public static Depth of(List<Lag> lags) {
      return new Depth(
          lags.stream().mapToLong(Lag::pending).sum(),
          lags.stream()
              .map(Lag::oldestPending)
              .filter(Objects::nonNull)
              .min(Instant::compareTo)
              .orElse(null));
    }
  }

  private final Jdbi jdbi;

  /** Creates the store over a migrated database. */
  public InboxStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The database handle factory, for transactions spanning several calls. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /**
   * Stores the alerts of one notification in one transaction and returns their ids, in order, each
   * with the current trace context (the webhook request's span; none when tracing is off). When
   * {@code deliveryId} is not null and was seen before from this source, stores nothing and returns
   * empty: the notification is a replay.
   */
  public Optional<List<Long>> accept(
      String source,
      String deliveryId,
      List<InboundAlert> alerts,
      Map<String, Object> context,
      Instant now) {
    return acceptAll(List.of(InboxDelivery.of(source, deliveryId, alerts, context, now))).get(0);
  }

  /**
   * Stores the notifications of several requests in one transaction (a group commit): all of them
   * or, when it throws, none. For each, in order, its inbox ids, or empty when it was a replay (its
   * delivery id was seen before, or earlier in the same list).
   */
  public List<Optional<List<Long>>> acceptAll(List<InboxDelivery> deliveries) {
    return jdbi.inTransaction(h -> InboxBatch.insert(h, deliveries));
  }

  /**
   * Locks and returns up to {@code limit} pending rows due by {@code now}, oldest first, skipping
   * rows another dispatcher holds ({@link InboxClaim#oldestFirst}). Use inside a transaction.
   */
  public List<InboxRow> claim(Handle h, int limit, Instant now) {
    return rows(InboxClaim.oldestFirst(h, limit, now));
  }

  /**
   * Locks and returns up to {@code limit} pending rows due by {@code now} in the dispatcher's order
   * of priority ({@link InboxClaim}: rows whose alert waited since {@code overdue} first, then by
   * the severity of the alert's oldest pending row in {@code severityOrder}, lower case, then
   * oldest first), skipping rows another dispatcher holds. Use inside a transaction.
   */
  public List<InboxRow> claim(
      Handle h, int limit, Instant now, List<String> severityOrder, Instant overdue) {
    return rows(claimRanked(h, limit, now, severityOrder, overdue));
  }

  /** {@link #claim(Handle, int, Instant, List, Instant)} with each row's rank. */
  public List<InboxClaim.Claimed> claimRanked(
      Handle h, int limit, Instant now, List<String> severityOrder, Instant overdue) {
    return InboxClaim.byPriority(h, limit, now, severityOrder, overdue);
  }

  private static List<InboxRow> rows(List<InboxClaim.Claimed> claimed) {
    return claimed.stream().map(InboxClaim.Claimed::row).toList();
  }

  /** The oldest pending row of each severity: a listed severity, or {@code other}. */
  public record Lag(String severity, long pending, Instant oldestPending) {}

  /**
   * How many rows wait and since when the oldest waits, per severity: each of {@code severities}
   * (lower case) that has pending rows, and {@code other} for the rest (another severity or none).
   */
  public List<Lag> lag(List<String> severities) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT CASE WHEN lower(severity) = ANY (CAST(:order AS text[]))"
                        + " THEN lower(severity) ELSE 'other' END AS s, count(*) AS n,"
                        + " min(received_at) AS oldest FROM alert_inbox WHERE state = 'pending'"
                        + " GROUP BY 1")
                .bindArray("order", String.class, severities)
                .map(
                    (rs, ctx) -> new Lag(rs.getString("s"), rs.getLong("n"), instant(rs, "oldest")))
                .list());
  }

  /** Records the outcome of a row: its final state, routes and maintenance window. */
  public void finish(
      Handle h,
      long id,
      String state,
      List<Map<String, Object>> routes,
      String windowId,
      Instant now) {
    h.createUpdate(
            "UPDATE alert_inbox SET state = :state, routes = CAST(:routes AS jsonb),"
                + " window_id = :window, attempts = attempts + 1, last_error = NULL,"
                + " handled_at = :now, updated_at = :now WHERE id = :id")
        .bind("state", state)
        .bind("routes", InboxJson.write(routes))
        .bind("window", windowId)
        .bind("now", time(now))
        .bind("id", id)
        .execute();
  }

  /** Marks a row failed for good, keeping why its last attempt failed. */
  public void fail(Handle h, long id, List<Map<String, Object>> routes, String error, Instant now) {
    h.createUpdate(
            "UPDATE alert_inbox SET state = 'failed', routes = CAST(:routes AS jsonb),"
                + " attempts = attempts + 1, last_error = :error, handled_at = :now,"
                + " updated_at = :now WHERE id = :id")
        .bind("routes", InboxJson.write(routes))
        .bind("error", error)
        .bind("now", time(now))
        .bind("id", id)
        .execute();
  }

  /** What one retention purge deleted. */
  public record Purged(int alerts, int notifications, int deliveries) {
    /** Whether anything was deleted. */
    public boolean any() {
      return alerts + notifications + deliveries > 0;
    }
  }

  /**
   * Deletes what was received before {@code cutoff}: inbox rows that are done (not pending, and not
   * suppressed by a window that has not been released yet), notifications no row points at any
   * more, and the delivery ids kept for replay protection.
   */
  public Purged purge(Instant cutoff) {
    return jdbi.inTransaction(
        h -> {
          int alerts =
              h.createUpdate(
                      "DELETE FROM alert_inbox i WHERE i.received_at < :cutoff"
                          + " AND i.state <> 'pending' AND NOT (i.state = 'suppressed' AND EXISTS"
                          + " (SELECT 1 FROM maintenance_windows w WHERE w.id = i.window_id"
                          + " AND w.released_at IS NULL))")
                  .bind("cutoff", time(cutoff))
                  .execute();
          int notifications =
              h.createUpdate(
                      "DELETE FROM alert_notifications n WHERE n.received_at < :cutoff"
                          + " AND NOT EXISTS (SELECT 1 FROM alert_inbox i"
                          + " WHERE i.notification_id = n.id)")
                  .bind("cutoff", time(cutoff))
                  .execute();
          int deliveries =
              h.createUpdate("DELETE FROM webhook_deliveries WHERE received_at < :cutoff")
                  .bind("cutoff", time(cutoff))
                  .execute();
          return new Purged(alerts, notifications, deliveries);
        });
  }

  /** Leaves a row pending for another attempt at {@code next}, noting why this one failed. */
  public void retry(Handle h, long id, Instant next, String error, Instant now) {
    h.createUpdate(
            "UPDATE alert_inbox SET attempts = attempts + 1, next_attempt_at = :next,"
                + " last_error = :error, updated_at = :now WHERE id = :id")
        .bind("next", time(next))
        .bind("error", error)
        .bind("now", time(now))
        .bind("id", id)
        .execute();
  }

  /**
   * Whether the same alert (source and fingerprint) resolved in a row received after row {@code
   * id}.
   */
  public boolean resolvedLater(Handle h, String source, String fingerprint, long id) {
    return h.createQuery(
            "SELECT EXISTS (SELECT 1 FROM alert_inbox WHERE source = :source"
                + " AND fingerprint = :fingerprint AND id > :id AND status = 'resolved')")
        .bind("source", source)
        .bind("fingerprint", fingerprint)
        .bind("id", id)
        .mapTo(Boolean.class)
        .one();
  }

  /** One row. */
  public Optional<InboxRow> find(long id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM alert_inbox WHERE id = :id")
                .bind("id", id)
                .map(InboxStore::row)
                .findOne());
  }

  /** The newest rows matching the filter, newest first. */
  public List<InboxRow> list(Filter filter) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alert_inbox WHERE TRUE");
    if (filter.status() != null) {
      sql.append(" AND status = :status");
    }
    if (filter.state() != null) {
      sql.append(" AND state = :state");
    }
    if (filter.source() != null) {
      sql.append(" AND source = :source");
    }
    if (filter.runbook() != null) {
      sql.append(" AND routes @> CAST(:runbook AS jsonb)");
    }
    sql.append(" ORDER BY id DESC LIMIT :limit");
    return jdbi.withHandle(
        h -> {
          Query q = h.createQuery(sql.toString()).bind("limit", filter.limit());
          if (filter.status() != null) {
            q.bind("status", filter.status());
          }
          if (filter.state() != null) {
            q.bind("state", filter.state());
          }
          if (filter.source() != null) {
            q.bind("source", filter.source());
          }
          if (filter.runbook() != null) {
            q.bind("runbook", InboxJson.write(List.of(Map.of("runbook", filter.runbook()))));
          }
          return q.map(InboxStore::row).list();
        });
  }

  /** How many rows wait, and the receive time of the oldest. */
  public Depth depth() {
    return depth(0);
  }

  /**
   * How many rows wait, and the receive time of the oldest, the query cancelled after {@code
   * timeoutSeconds} (0: no limit), for probes that must answer in time.
   */
  public Depth depth(int timeoutSeconds) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT count(*) AS n, min(received_at) AS oldest FROM alert_inbox"
                        + " WHERE state = 'pending'")
                .setQueryTimeout(timeoutSeconds)
                .map((rs, ctx) -> new Depth(rs.getLong("n"), instant(rs, "oldest")))
                .one());
  }

  /** How many rows there are, in every state; for tests and diagnostics. */
  public long count() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT count(*) FROM alert_inbox").mapTo(Long.class).one());
  }

  /** An instant as PostgreSQL keeps it: truncated (not rounded) to microseconds. */
  static OffsetDateTime time(Instant instant) {
    return instant == null
        ? null
        : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static InboxRow row(ResultSet rs, StatementContext ctx) throws SQLException {
    return new InboxRow(
        rs.getLong("id"),
        rs.getString("source"),
        rs.getString("delivery_id"),
        instant(rs, "received_at"),
        InboxJson.read(rs.getString("alert"), new TypeReference<InboundAlert>() {}),
        InboxJson.object(rs.getString("context")),
        rs.getString("state"),
        rs.getInt("attempts"),
        instant(rs, "next_attempt_at"),
        rs.getString("last_error"),
        InboxJson.objects(rs.getString("routes")),
        rs.getString("window_id"),
        rs.getString("released_from"),
        instant(rs, "handled_at"),
        instant(rs, "updated_at"),
        new TraceHeaders(rs.getString("trace_parent"), rs.getString("trace_state")));
  }
}
