package dev.runbooks.starter.rails.internal;

import static dev.runbooks.starter.rails.internal.GuardRailStore.instant;
import static dev.runbooks.starter.rails.internal.GuardRailStore.time;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.rails.GuardRailViews.Freeze;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Change freezes in PostgreSQL ({@code change_freezes}): saved from the API and the configuration,
 * never deleted (a deletion marks the row, when and by whom). Bound parameters only.
 */
public final class FreezeStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FREEZE_COLUMNS =
      "id, reason, starts_at, ends_at, runbooks::text AS runbooks, created_by, origin,"
          + " deleted_at, deleted_by";

  private final Jdbi jdbi;

  /** Creates the store over a migrated database. */
  public FreezeStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The freezes in force at {@code now}. */
  public List<Freeze> freezesInForce(Instant now) {
    return jdbi.withHandle(h -> freezesInForce(h, now));
  }

  /** Inserts a freeze, or replaces the one with the same id (configured freezes, at startup). */
  public void saveFreeze(Freeze f, Instant now) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO change_freezes (id, reason, starts_at, ends_at, runbooks,"
                        + " created_by, origin, created_at) VALUES (:id, :reason, :starts, :ends,"
                        + " CAST(:runbooks AS jsonb), :by, :origin, :now) ON CONFLICT (id) DO"
                        + " UPDATE SET reason = EXCLUDED.reason, starts_at = EXCLUDED.starts_at,"
                        + " ends_at = EXCLUDED.ends_at, runbooks = EXCLUDED.runbooks,"
                        + " deleted_at = NULL, deleted_by = NULL")
                .bind("id", f.id())
                .bind("reason", f.reason())
                .bind("starts", time(f.startsAt()))
                .bind("ends", time(f.endsAt()))
                .bind("runbooks", write(f.runbooks()))
                .bind("by", f.by())
                .bind("origin", f.origin())
                .bind("now", time(now))
                .execute());
  }

  /** Every freeze, deleted ones too, newest start first. */
  public List<Freeze> freezes() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT " + FREEZE_COLUMNS + " FROM change_freezes ORDER BY starts_at DESC, id")
                .map((rs, ctx) -> freeze(rs))
                .list());
  }

  /** The freezes in force at {@code now}. */
  public List<Freeze> freezesInForce(Handle h, Instant now) {
    return h.createQuery(
            "SELECT "
                + FREEZE_COLUMNS
                + " FROM change_freezes WHERE starts_at <= :now AND ends_at > :now"
                + " AND deleted_at IS NULL ORDER BY starts_at, id")
        .bind("now", time(now))
        .map((rs, ctx) -> freeze(rs))
        .list();
  }

  /** One freeze. */
  public Optional<Freeze> freeze(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + FREEZE_COLUMNS + " FROM change_freezes WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> freeze(rs))
                .findOne());
  }

  /** Marks a freeze deleted; true when it was not deleted before. */
  public boolean deleteFreeze(String id, String by, Instant at) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE change_freezes SET deleted_at = :at, deleted_by = :by"
                            + " WHERE id = :id AND deleted_at IS NULL")
                    .bind("id", id)
                    .bind("by", by)
                    .bind("at", time(at))
                    .execute())
        > 0;
  }

  private static Freeze freeze(ResultSet rs) throws SQLException {
    return new Freeze(
        rs.getString("id"),
        rs.getString("reason"),
        instant(rs, "starts_at"),
        instant(rs, "ends_at"),
        read(rs.getString("runbooks")),
        rs.getString("created_by"),
        rs.getString("origin"),
        instant(rs, "deleted_at"),
        rs.getString("deleted_by"));
  }

  private static String write(List<String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> read(String text) {
    try {
      return JSON.readValue(text, new TypeReference<List<String>>() {});
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
