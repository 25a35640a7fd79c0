package dev.runbooks.starter.inbox.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * How the dispatcher claims pending inbox rows: locked with {@code FOR UPDATE SKIP LOCKED} so
 * several dispatchers (replicas) can share the inbox, ranked by priority, and never a row of an
 * alert while an older due row of the same alert (source and fingerprint) is pending outside the
 * claim, so the rows of one alert are dispatched in the order they arrived even when two claims run
 * at once.
 *
 * <p>Ranking only looks at candidates, not at every pending row: the {@code limit} oldest due rows,
 * and the {@code limit} oldest due rows of each listed severity (an index on the pending rows'
 * severity), each list skipping rows another transaction holds. The candidates are locked as they
 * are read, so a second dispatcher's candidates are the next rows, not the first one's; those left
 * out of the claim stay pending and are free again when the claim's transaction ends (until then
 * another dispatcher passes over them, and the order check below keeps their alerts in order). Each
 * candidate is ranked by the oldest pending row of its alert (its head): {@code 0} when the head
 * was received at or before {@code overdue}, else {@code 1 +} the head's position in the severity
 * order ({@code 1} for the first), or one past the last listed severity for any other severity or
 * none; oldest first within a rank. The candidates hold the top {@code limit} rows of that order
 * whenever the rows of one alert share a severity (Alertmanager's fingerprint covers the severity
 * label); an alert whose rows differ in severity may be served a pass later than a full ranking
 * would, and never out of order.
 */
public final class InboxClaim {
  /**
   * A claimed row and its rank in the claim's order.
   *
   * @param row the row, locked by the claiming transaction
   * @param rank {@code 0} overdue, then {@code 1 +} the index of its head's severity in the order;
   *     {@link #UNRANKED} when claimed oldest first
   */
  public record Claimed(InboxRow row, int rank) {}

  /** The rank of every row claimed oldest first, without a severity order. */
  public static final int UNRANKED = Integer.MAX_VALUE;

  private static final String DUE = "state = 'pending' AND next_attempt_at <= :now";

  private InboxClaim() {}

  /**
   * Locks and returns up to {@code limit} pending rows due by {@code now}, oldest first, skipping
   * rows another transaction holds and rows with an older due row of their alert outside the claim.
   */
  static List<Claimed> oldestFirst(Handle h, int limit, Instant now) {
    List<InboxRow> rows =
        h.createQuery(
                "SELECT "
                    + InboxStore.COLUMNS
                    + " FROM alert_inbox WHERE "
                    + DUE
                    + " ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED")
            .bind("now", InboxStore.time(now))
            .bind("limit", limit)
            .map(InboxStore::row)
            .list();
    return inOrder(h, rows.stream().map(r -> new Claimed(r, UNRANKED)).toList(), now);
  }

  /**
   * Locks and returns up to {@code limit} pending rows due by {@code now} in the order of priority
   * (see the class comment), skipping rows another transaction holds and rows with an older due row
   * of their alert outside the claim. With no severities listed this is {@link #oldestFirst}.
   */
  static List<Claimed> byPriority(
      Handle h, int limit, Instant now, List<String> severityOrder, Instant overdue) {
    if (severityOrder.isEmpty()) {
      return oldestFirst(h, limit, now);
    }
    List<Claimed> ranked =
        h.createQuery(
                "WITH oldest AS MATERIALIZED (SELECT id FROM alert_inbox WHERE "
                    + DUE
                    + " ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED),"
                    + " bySeverity AS MATERIALIZED (SELECT listedRows.id FROM"
                    + " unnest(CAST(:order AS text[])) listed(name) CROSS JOIN LATERAL"
                    + " (SELECT id FROM alert_inbox WHERE "
                    + DUE
                    + " AND lower(severity) = listed.name ORDER BY id LIMIT :limit"
                    + " FOR UPDATE SKIP LOCKED) listedRows)"
                    + " SELECT "
                    + InboxStore.COLUMNS
                    + ", ranked.rank FROM alert_inbox CROSS JOIN LATERAL"
                    + " (SELECT p.received_at AS head_at, p.severity AS head_severity"
                    + " FROM alert_inbox p WHERE p.source = alert_inbox.source"
                    + " AND p.fingerprint = alert_inbox.fingerprint AND p.state = 'pending'"
                    + " ORDER BY p.id LIMIT 1) head CROSS JOIN LATERAL"
                    + " (SELECT CASE WHEN head.head_at <= :overdue THEN 0 ELSE"
                    + " COALESCE(array_position(CAST(:order AS text[]), lower(head.head_severity)),"
                    + " :unlisted) END AS rank) ranked"
                    + " WHERE alert_inbox.id IN (SELECT id FROM oldest UNION SELECT id FROM bySeverity)"
                    + " ORDER BY ranked.rank, alert_inbox.id LIMIT :limit")
            .bind("now", InboxStore.time(now))
            .bind("overdue", InboxStore.time(overdue))
            .bindArray("order", String.class, severityOrder)
            .bind("unlisted", severityOrder.size() + 1)
            .bind("limit", limit)
            .map((rs, ctx) -> new Claimed(InboxStore.row(rs, ctx), rs.getInt("rank")))
            .list();
    return inOrder(h, ranked, now);
  }

  /**
   * The claimed rows without those that have an older due pending row of their alert outside the
   * claim (held by another dispatcher's transaction, or not among the candidates): dispatching them
   * now could overtake it. They stay pending; the claim's lock on them ends with its transaction.
   */
  private static List<Claimed> inOrder(Handle h, List<Claimed> claimed, Instant now) {
    if (claimed.isEmpty()) {
      return claimed;
    }
    List<Long> ids = claimed.stream().map(c -> c.row().id()).toList();
    Set<Long> behind =
        new HashSet<>(
            h.createQuery(
                    "SELECT r.id FROM alert_inbox r WHERE r.id = ANY (CAST(:ids AS bigint[]))"
                        + " AND EXISTS (SELECT 1 FROM alert_inbox o WHERE o.source = r.source"
                        + " AND o.fingerprint = r.fingerprint AND o.state = 'pending'"
                        + " AND o.id < r.id AND o.next_attempt_at <= :now"
                        + " AND o.id <> ALL (CAST(:ids AS bigint[])))")
                .bindArray("ids", Long.class, ids)
                .bind("now", InboxStore.time(now))
                .mapTo(Long.class)
                .list());
    if (behind.isEmpty()) {
      return claimed;
    }
    List<Claimed> kept = new ArrayList<>(claimed.size());
    for (Claimed c : claimed) {
      if (!behind.contains(c.row().id())) {
        kept.add(c);
      }
    }
    return kept;
  }
}
