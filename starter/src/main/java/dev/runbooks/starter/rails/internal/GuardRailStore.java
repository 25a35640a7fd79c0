package dev.runbooks.starter.rails.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.language.model.Autonomy;
import dev.runbooks.starter.rails.GuardRailViews.AutonomyOverride;
import dev.runbooks.starter.rails.GuardRailViews.Freeze;
import dev.runbooks.starter.rails.GuardRailViews.Switch;
import dev.runbooks.starter.rails.GuardRailViews.Trip;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The guard rails in PostgreSQL (migration V6): kill switches, trips, autonomy overrides, change
 * freezes and the notices sent. Starts and blast-radius targets are in {@link StartLedger}. Every
 * value is a bound parameter; methods taking a {@link Handle} run in the caller's transaction.
 */
public final class GuardRailStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FREEZE_COLUMNS =
      "id, reason, starts_at, ends_at, runbooks::text AS runbooks, created_by, origin,"
          + " deleted_at, deleted_by";

  private final Jdbi jdbi;

  /** Creates the store over a migrated database. */
  public GuardRailStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The database handle factory. */
  public Jdbi jdbi() {
    return jdbi;
  }

  // --- kill switch

  /** The switches in force at {@code now}, by scope (expired ones are left out). */
  public Map<String, Switch> switches(Handle h, Instant now) {
    Map<String, Switch> found = new LinkedHashMap<>();
    h.createQuery(
            "SELECT scope, reason, disabled_by, disabled_at, until FROM guard_rail_switches"
                + " WHERE until IS NULL OR until > :now ORDER BY scope")
        .bind("now", time(now))
        .map(
            (rs, ctx) ->
                new Switch(
                    rs.getString("scope"),
                    rs.getString("reason"),
                    rs.getString("disabled_by"),
                    instant(rs, "disabled_at"),
                    instant(rs, "until")))
        .forEach(s -> found.put(s.scope(), s));
    return found;
  }

  /** The switches in force at {@code now}, by scope. */
  public Map<String, Switch> switches(Instant now) {
    return jdbi.withHandle(h -> switches(h, now));
  }

  /** Turns a switch on (replacing an earlier one of the scope). */
  public void disable(Switch s) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO guard_rail_switches (scope, reason, disabled_by, disabled_at,"
                        + " until) VALUES (:scope, :reason, :by, :at, :until) ON CONFLICT (scope)"
                        + " DO UPDATE SET reason = EXCLUDED.reason, disabled_by ="
                        + " EXCLUDED.disabled_by, disabled_at = EXCLUDED.disabled_at, until ="
                        + " EXCLUDED.until")
                .bind("scope", s.scope())
                .bind("reason", s.reason())
                .bind("by", s.by())
                .bind("at", time(s.at()))
                .bind("until", time(s.until()))
                .execute());
  }

  /** Turns a switch off; true when one was on (in force or expired). */
  public boolean enable(String scope) {
    return jdbi.withHandle(
            h ->
                h.createUpdate("DELETE FROM guard_rail_switches WHERE scope = :scope")
                    .bind("scope", scope)
                    .execute())
        > 0;
  }

  // --- trips

  /** The open trips, by runbook. */
  public Map<String, Trip> trips(Handle h) {
    Map<String, Trip> found = new LinkedHashMap<>();
    h.createQuery(
            "SELECT runbook, tripped_at, limit_text, message FROM guard_rail_trips"
                + " WHERE reset_at IS NULL ORDER BY runbook")
        .map(
            (rs, ctx) ->
                Map.entry(
                    rs.getString("runbook"),
                    new Trip(
                        instant(rs, "tripped_at"),
                        rs.getString("limit_text"),
                        rs.getString("message"))))
        .forEach(e -> found.put(e.getKey(), e.getValue()));
    return found;
  }

  /** The open trips, by runbook. */
  public Map<String, Trip> trips() {
    return jdbi.withHandle(this::trips);
  }

  /** Trips a runbook unless it is tripped already; true when this call tripped it. */
  public boolean trip(Handle h, String runbook, Trip trip) {
    return h.createUpdate(
                "INSERT INTO guard_rail_trips (runbook, tripped_at, limit_text, message)"
                    + " VALUES (:runbook, :at, :limit, :message)"
                    + " ON CONFLICT (runbook) WHERE reset_at IS NULL DO NOTHING")
            .bind("runbook", runbook)
            .bind("at", time(trip.at()))
            .bind("limit", trip.limit())
            .bind("message", trip.message())
            .execute()
        > 0;
  }

  /** Resets a runbook's open trip; true when there was one. */
  public boolean resetTrip(String runbook, String by, String reason, Instant at) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE guard_rail_trips SET reset_at = :at, reset_by = :by,"
                            + " reset_reason = :reason WHERE runbook = :runbook"
                            + " AND reset_at IS NULL")
                    .bind("runbook", runbook)
                    .bind("by", by)
                    .bind("reason", reason)
                    .bind("at", time(at))
                    .execute())
        > 0;
  }

  // --- autonomy

  /** The autonomy overrides, by runbook. */
  public Map<String, AutonomyOverride> autonomies() {
    Map<String, AutonomyOverride> found = new LinkedHashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT runbook, mode, set_by, reason, set_at FROM guard_rail_autonomy"
                        + " ORDER BY runbook")
                .map((rs, ctx) -> Map.entry(rs.getString("runbook"), override(rs)))
                .forEach(e -> found.put(e.getKey(), e.getValue())));
    return found;
  }

  /** A runbook's autonomy override, if any. */
  public Optional<AutonomyOverride> autonomy(String runbook) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT mode, set_by, reason, set_at FROM guard_rail_autonomy"
                        + " WHERE runbook = :runbook")
                .bind("runbook", runbook)
                .map((rs, ctx) -> override(rs))
                .findOne());
  }

  /** Sets a runbook's autonomy override; a null mode removes it (back to the written one). */
  public void setAutonomy(String runbook, AutonomyOverride o) {
    jdbi.useHandle(
        h -> {
          if (o == null || o.mode() == null) {
            h.createUpdate("DELETE FROM guard_rail_autonomy WHERE runbook = :runbook")
                .bind("runbook", runbook)
                .execute();
            return;
          }
          h.createUpdate(
                  "INSERT INTO guard_rail_autonomy (runbook, mode, set_by, reason, set_at)"
                      + " VALUES (:runbook, :mode, :by, :reason, :at) ON CONFLICT (runbook) DO"
                      + " UPDATE SET mode = EXCLUDED.mode, set_by = EXCLUDED.set_by,"
                      + " reason = EXCLUDED.reason, set_at = EXCLUDED.set_at")
              .bind("runbook", runbook)
              .bind("mode", o.mode().toString())
              .bind("by", o.by())
              .bind("reason", o.reason())
              .bind("at", time(o.at()))
              .execute();
        });
  }

  private static AutonomyOverride override(ResultSet rs) throws SQLException {
    return new AutonomyOverride(
        Autonomy.fromYaml(rs.getString("mode")).orElse(Autonomy.APPROVE),
        rs.getString("set_by"),
        rs.getString("reason"),
        instant(rs, "set_at"));
  }

  // --- change freezes

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

  // --- notices

  /** When the last notice of a runbook's rail was recorded, if ever. */
  public Optional<Instant> lastNotice(Handle h, String runbook, String rail) {
    return h.createQuery(
            "SELECT max(at) AS at FROM guard_rail_notices WHERE runbook = :runbook AND rail = :rail")
        .bind("runbook", runbook)
        .bind("rail", rail)
        .map((rs, ctx) -> instant(rs, "at"))
        .findOne()
        .filter(at -> at != null);
  }

  /**
   * When the last notice of each rail of these runbooks was recorded, keyed runbook + " " + rail.
   */
  public Map<String, Instant> lastNotices(Handle h, java.util.Collection<String> runbooks) {
    Map<String, Instant> found = new LinkedHashMap<>();
    h.createQuery(
            "SELECT runbook, rail, max(at) AS at FROM guard_rail_notices"
                + " WHERE runbook = ANY(:runbooks) GROUP BY runbook, rail")
        .bindArray("runbooks", String.class, runbooks)
        .map(
            (rs, ctx) ->
                Map.entry(rs.getString("runbook") + " " + rs.getString("rail"), instant(rs, "at")))
        .forEach(e -> found.put(e.getKey(), e.getValue()));
    return found;
  }

  /**
   * The firing rows among {@code ids} whose resolve (a later pending row of the same source and
   * fingerprint) is already in the inbox, each with the id of that resolve.
   */
  public Map<Long, Long> resolvedBehind(Handle h, java.util.Collection<Long> ids) {
    Map<Long, Long> found = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    h.createQuery(
            "SELECT f.id, (SELECT min(r.id) FROM alert_inbox r WHERE r.source = f.source"
                + " AND r.fingerprint = f.fingerprint AND r.status = 'resolved'"
                + " AND r.state = 'pending' AND r.id > f.id) AS resolve"
                + " FROM alert_inbox f WHERE f.id = ANY(:ids) AND f.status = 'firing'")
        .bindArray("ids", Long.class, ids)
        .map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getLong("resolve")))
        .forEach(
            e -> {
              if (e.getValue() != 0) {
                found.put(e.getKey(), e.getValue());
              }
            });
    return found;
  }

  /** Records a notice and returns its id. */
  public long recordNotice(
      Handle h, String runbook, String rail, Instant at, String message, String route) {
    return h.createUpdate(
            "INSERT INTO guard_rail_notices (runbook, rail, at, message, route)"
                + " VALUES (:runbook, :rail, :at, :message, :route)")
        .bind("runbook", runbook)
        .bind("rail", rail)
        .bind("at", time(at))
        .bind("message", message)
        .bind("route", route)
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  /** Marks a notice delivered to its route. */
  public void delivered(long id) {
    jdbi.useHandle(
        h ->
            h.createUpdate("UPDATE guard_rail_notices SET delivered = TRUE WHERE id = :id")
                .bind("id", id)
                .execute());
  }

  /** The notices recorded for a runbook (newest first), as maps for tests and explain. */
  public List<Map<String, Object>> notices(String runbook) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT rail, at, message, route, delivered FROM guard_rail_notices"
                        + " WHERE runbook = :runbook ORDER BY id DESC")
                .bind("runbook", runbook)
                .map(
                    (rs, ctx) -> {
                      Map<String, Object> m = new LinkedHashMap<>();
                      m.put("rail", rs.getString("rail"));
                      m.put("at", instant(rs, "at"));
                      m.put("message", rs.getString("message"));
                      m.put("route", rs.getString("route"));
                      m.put("delivered", rs.getBoolean("delivered"));
                      return m;
                    })
                .list());
  }

  /** Takes a transaction-scoped advisory lock on a key (released at commit or rollback). */
  public static void lock(Handle h, String key) {
    h.execute("SELECT pg_advisory_xact_lock(hashtext(?))", key);
  }

  static OffsetDateTime time(Instant instant) {
    return instant == null
        ? null
        : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
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
