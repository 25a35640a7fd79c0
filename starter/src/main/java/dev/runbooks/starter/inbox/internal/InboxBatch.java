package dev.runbooks.starter.inbox.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Stores the notifications of several webhook requests with a fixed number of statements, whatever
 * their count: one multi-row insert per table, from arrays ({@code unnest}), in one statement (two
 * with signed requests' delivery ids), inside the caller's transaction. The result is as if each
 * request had been stored alone, one after the other in the given order: a delivery id seen before,
 * or earlier in the same batch, is a replay and stores nothing; ids are drawn from the tables'
 * sequences in the order of the batch, so each request's rows get ascending ids in the order of its
 * alerts, and later requests get higher ids.
 */
final class InboxBatch {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX");

  private record Key(String source, String deliveryId) {}

  /**
   * One statement for the notifications and their rows: ids drawn from the sequences in ordinal
   * order (so ascending in the order of the batch), both inserts (the foreign key is checked at the
   * end of the statement, when both are in), and the rows' ids by ordinal as the result.
   */
  private static final String INSERT =
      "WITH nid AS MATERIALIZED (SELECT o, nextval(pg_get_serial_sequence('alert_notifications',"
          + " 'id')) AS id FROM generate_series(1, :n) AS o),"
          + " rid AS MATERIALIZED (SELECT o, nextval(pg_get_serial_sequence('alert_inbox', 'id'))"
          + " AS id FROM generate_series(1, :r) AS o),"
          + " notifications AS (INSERT INTO alert_notifications (id, source, delivery_id,"
          + " received_at, alerts, context) SELECT nid.id, u.s, u.d, CAST(u.t AS timestamptz),"
          + " u.n, CAST(u.c AS jsonb) FROM unnest(:nSources, :nDeliveries, :nTimes, :nCounts,"
          + " :nContexts) WITH ORDINALITY AS u(s, d, t, n, c, o) JOIN nid ON nid.o = u.o),"
          // The columns are for filtering and indexes; the alert JSON keeps every value whole.
          + " inbox AS (INSERT INTO alert_inbox (id, source, delivery_id, received_at, status,"
          + " name, fingerprint, severity, alert, notification_id, next_attempt_at, updated_at,"
          + " trace_parent, trace_state) SELECT rid.id, u.s, u.d, CAST(u.t AS timestamptz), u.st,"
          + " u.nm, u.fp, u.sv, CAST(u.a AS jsonb), nid.id, CAST(u.t AS timestamptz),"
          + " CAST(u.t AS timestamptz), u.tp, u.ts FROM unnest(:sources, :deliveries, :times,"
          + " :statuses, :names, :fingerprints, :severities, :alerts, :notifications, :parents,"
          + " :states) WITH ORDINALITY AS u(s, d, t, st, nm, fp, sv, a, no, tp, ts, o)"
          + " JOIN rid ON rid.o = u.o JOIN nid ON nid.o = u.no)"
          + " SELECT o, id FROM rid";

  private InboxBatch() {}

  /**
   * Stores the deliveries; for each, in order, its inbox ids, or empty when it was a replay.
   *
   * @param h a handle inside a transaction
   */
  static List<Optional<List<Long>>> insert(Handle h, List<InboxDelivery> deliveries) {
    boolean[] stored = fresh(h, deliveries);
    int notifications = 0;
    int rows = 0;
    for (int i = 0; i < deliveries.size(); i++) {
      if (stored[i] && !deliveries.get(i).alerts().isEmpty()) {
        notifications++;
        rows += deliveries.get(i).alerts().size();
      }
    }
    List<Optional<List<Long>>> result = new ArrayList<>(deliveries.size());
    if (rows == 0) {
      for (boolean s : stored) {
        result.add(s ? Optional.of(List.of()) : Optional.empty());
      }
      return result;
    }
    // Each notification and row is named by its ordinal (from 1) until the statement gives ids.
    Columns notification = new Columns();
    Columns inbox = new Columns();
    for (int i = 0; i < deliveries.size(); i++) {
      InboxDelivery d = deliveries.get(i);
      if (stored[i] && !d.alerts().isEmpty()) {
        long n = notification.ids.size() + 1;
        String time = time(d.now());
        notification.add(n, d, time, null).add(d.contextJson());
        for (int k = 0; k < d.alerts().size(); k++) {
          inbox
              .add(inbox.ids.size() + 1, d, time, n)
              .alert(d.alerts().get(k), d.alertJson().get(k));
        }
      }
    }
    long[] rowIds = new long[rows + 1];
    h.createQuery(INSERT)
        .bind("n", notifications)
        .bind("r", rows)
        .bindArray("nSources", String.class, notification.sources)
        .bindArray("nDeliveries", String.class, notification.deliveries)
        .bindArray("nTimes", String.class, notification.times)
        .bindArray("nCounts", Integer.class, notification.counts)
        .bindArray("nContexts", String.class, notification.json)
        .bindArray("sources", String.class, inbox.sources)
        .bindArray("deliveries", String.class, inbox.deliveries)
        .bindArray("times", String.class, inbox.times)
        .bindArray("statuses", String.class, inbox.statuses)
        .bindArray("names", String.class, inbox.names)
        .bindArray("fingerprints", String.class, inbox.fingerprints)
        .bindArray("severities", String.class, inbox.severities)
        .bindArray("alerts", String.class, inbox.json)
        .bindArray("notifications", Long.class, inbox.notifications)
        .bindArray("parents", String.class, inbox.traceParents)
        .bindArray("states", String.class, inbox.traceStates)
        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
        .forEach(row -> rowIds[(int) row[0]] = row[1]);
    int r = 1;
    for (int i = 0; i < deliveries.size(); i++) {
      InboxDelivery d = deliveries.get(i);
      if (!stored[i]) {
        result.add(Optional.empty());
        continue;
      }
      List<Long> ids = new ArrayList<>(d.alerts().size());
      for (int k = 0; k < d.alerts().size(); k++) {
        ids.add(rowIds[r++]);
      }
      result.add(Optional.of(List.copyOf(ids)));
    }
    return result;
  }

  /**
   * Records the delivery ids of the signed requests; for each request whether it is to be stored:
   * unsigned, or the first of its delivery id both in the table and in the batch. The ids are
   * inserted in key order, so two batches that share ids wait for each other rather than deadlock.
   */
  private static boolean[] fresh(Handle h, List<InboxDelivery> deliveries) {
    boolean[] stored = new boolean[deliveries.size()];
    Set<Key> inBatch = new HashSet<>();
    List<Integer> signed = new ArrayList<>();
    Columns delivery = new Columns();
    for (int i = 0; i < deliveries.size(); i++) {
      InboxDelivery d = deliveries.get(i);
      if (d.deliveryId() == null) {
        stored[i] = true;
      } else if (inBatch.add(new Key(d.source(), d.deliveryId()))) {
        signed.add(i);
        delivery.add(0, d, time(d.now()), null);
      }
    }
    if (signed.isEmpty()) {
      return stored;
    }
    Set<Key> inserted =
        new HashSet<>(
            h.createQuery(
                    "INSERT INTO webhook_deliveries (source, delivery_id, received_at, alerts)"
                        + " SELECT u.s, u.d, CAST(u.t AS timestamptz), u.n FROM unnest(:sources,"
                        + " :deliveries, :times, :counts) AS u(s, d, t, n) ORDER BY u.s, u.d"
                        + " ON CONFLICT DO NOTHING RETURNING source, delivery_id")
                .bindArray("sources", String.class, delivery.sources)
                .bindArray("deliveries", String.class, delivery.deliveries)
                .bindArray("times", String.class, delivery.times)
                .bindArray("counts", Integer.class, delivery.counts)
                .map((rs, ctx) -> new Key(rs.getString(1), rs.getString(2)))
                .list());
    for (int i : signed) {
      InboxDelivery d = deliveries.get(i);
      stored[i] = inserted.contains(new Key(d.source(), d.deliveryId()));
    }
    return stored;
  }

  private static String time(Instant instant) {
    return TIME.format(InboxStore.time(instant));
  }

  /** The columns of a multi-row insert, one list per column. */
  private static final class Columns {
    final List<Long> ids = new ArrayList<>();
    final List<String> sources = new ArrayList<>();
    final List<String> deliveries = new ArrayList<>();
    final List<String> times = new ArrayList<>();
    final List<Integer> counts = new ArrayList<>();
    final List<String> json = new ArrayList<>();
    final List<Long> notifications = new ArrayList<>();
    final List<String> statuses = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    final List<String> fingerprints = new ArrayList<>();
    final List<String> severities = new ArrayList<>();
    final List<String> traceParents = new ArrayList<>();
    final List<String> traceStates = new ArrayList<>();

    Columns add(long id, InboxDelivery d, String time, Long notification) {
      ids.add(id);
      sources.add(d.source());
      deliveries.add(d.deliveryId());
      times.add(time);
      counts.add(d.alerts().size());
      notifications.add(notification);
      traceParents.add(d.trace().traceParent());
      traceStates.add(d.trace().traceState());
      return this;
    }

    void add(String jsonText) {
      json.add(jsonText);
    }

    void alert(InboundAlert a, String jsonText) {
      json.add(jsonText);
      statuses.add(a.status());
      names.add(AlertLimits.cap(a.name(), AlertLimits.NAME));
      fingerprints.add(AlertLimits.cap(a.fingerprint(), AlertLimits.FINGERPRINT));
      severities.add(AlertLimits.cap(a.severity(), AlertLimits.SHORT));
    }
  }
}
