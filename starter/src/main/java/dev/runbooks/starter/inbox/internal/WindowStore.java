package dev.runbooks.starter.inbox.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.runbooks.starter.intake.IntakeProperties.Matcher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Maintenance windows in PostgreSQL, and the release of their alerts when they end. */
public final class WindowStore {
  private static final String COLUMNS =
      "id, matchers::text AS matchers, starts_at, ends_at, comment, created_by, origin,"
          + " created_at, released_at, deleted_at, deleted_by";

  private final Jdbi jdbi;

  /** Creates the store over a migrated database. */
  public WindowStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Inserts a window, or replaces the one with the same id. */
  public MaintenanceWindow save(MaintenanceWindow w) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO maintenance_windows (id, matchers, starts_at, ends_at, comment,"
                        + " created_by, origin, created_at) VALUES (:id, CAST(:matchers AS jsonb),"
                        + " :starts, :ends, :comment, :by, :origin, :created) ON CONFLICT (id) DO"
                        + " UPDATE SET matchers = EXCLUDED.matchers, starts_at = EXCLUDED.starts_at,"
                        + " ends_at = EXCLUDED.ends_at, comment = EXCLUDED.comment,"
                        + " released_at = CASE WHEN maintenance_windows.ends_at = EXCLUDED.ends_at"
                        + " THEN maintenance_windows.released_at END")
                .bind("id", w.id())
                .bind("matchers", InboxJson.write(w.matchers()))
                .bind("starts", InboxStore.time(w.startsAt()))
                .bind("ends", InboxStore.time(w.endsAt()))
                .bind("comment", w.comment())
                .bind("by", w.createdBy())
                .bind("origin", w.origin())
                .bind("created", InboxStore.time(w.createdAt()))
                .execute());
    return find(w.id()).orElseThrow();
  }

  /** Every window, newest start first. */
  public List<MaintenanceWindow> all() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT " + COLUMNS + " FROM maintenance_windows ORDER BY starts_at DESC, id")
                .map(WindowStore::row)
                .list());
  }

  /** The windows in force at that time. */
  public List<MaintenanceWindow> active(Handle h, Instant now) {
    return h.createQuery(
            "SELECT "
                + COLUMNS
                + " FROM maintenance_windows WHERE starts_at <= :now AND ends_at > :now"
                + " AND deleted_at IS NULL"
                + " ORDER BY id")
        .bind("now", InboxStore.time(now))
        .map(WindowStore::row)
        .list();
  }

  /** One window. */
  public Optional<MaintenanceWindow> find(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM maintenance_windows WHERE id = :id")
                .bind("id", id)
                .map(WindowStore::row)
                .findOne());
  }

  /**
   * Deletes a window without removing its row: marks it deleted now by {@code by}, so the
   * dispatcher no longer matches it, and ends it now when it is in force (its still-firing alerts
   * are then released). Returns false when there is no such window or it was deleted already.
   */
  public boolean delete(String id, Instant now, String by) {
    return jdbi.inTransaction(
        h -> {
          int deleted =
              h.createUpdate(
                      "UPDATE maintenance_windows SET deleted_at = :now, deleted_by = :by,"
                          + " ends_at = CASE WHEN starts_at < :now AND ends_at > :now THEN :now"
                          + " ELSE ends_at END WHERE id = :id AND deleted_at IS NULL")
                  .bind("id", id)
                  .bind("by", by)
                  .bind("now", InboxStore.time(now))
                  .execute();
          return deleted > 0;
        });
  }

  /**
   * Releases every window that ended and was not released: for each alert (source and fingerprint)
   * it suppressed that still fires — its newest suppressed row, with no resolved row received after
   * it — the row goes back to pending so the dispatcher starts its runbook once. Returns how many
   * rows went back to pending.
   */
  public int releaseEnded(Instant now) {
    return jdbi.inTransaction(
        h -> {
          List<String> ended =
              h.createQuery(
                      "SELECT id FROM maintenance_windows WHERE ends_at <= :now"
                          + " AND released_at IS NULL ORDER BY ends_at FOR UPDATE SKIP LOCKED")
                  .bind("now", InboxStore.time(now))
                  .mapTo(String.class)
                  .list();
          int released = 0;
          for (String id : ended) {
            released +=
                h.createUpdate(
                        "UPDATE alert_inbox SET state = 'pending', released_from = :id,"
                            + " window_id = NULL, next_attempt_at = :now, updated_at = :now"
                            + " WHERE id IN (SELECT DISTINCT ON (s.source, s.fingerprint) s.id"
                            + " FROM alert_inbox s WHERE s.window_id = :id"
                            + " AND s.state = 'suppressed' AND s.status = 'firing'"
                            + " AND NOT EXISTS (SELECT 1 FROM alert_inbox r"
                            + " WHERE r.source = s.source AND r.fingerprint = s.fingerprint"
                            + " AND r.id > s.id AND r.status = 'resolved')"
                            + " ORDER BY s.source, s.fingerprint, s.id DESC)")
                    .bind("id", id)
                    .bind("now", InboxStore.time(now))
                    .execute();
            h.createUpdate("UPDATE maintenance_windows SET released_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("now", InboxStore.time(now))
                .execute();
          }
          return released;
        });
  }

  private static MaintenanceWindow row(ResultSet rs, StatementContext ctx) throws SQLException {
    return new MaintenanceWindow(
        rs.getString("id"),
        InboxJson.read(rs.getString("matchers"), new TypeReference<List<Matcher>>() {}),
        InboxStore.instant(rs, "starts_at"),
        InboxStore.instant(rs, "ends_at"),
        rs.getString("comment"),
        rs.getString("created_by"),
        rs.getString("origin"),
        InboxStore.instant(rs, "created_at"),
        InboxStore.instant(rs, "released_at"),
        InboxStore.instant(rs, "deleted_at"),
        rs.getString("deleted_by"));
  }
}
