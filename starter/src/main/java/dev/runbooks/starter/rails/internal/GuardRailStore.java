package dev.runbooks.starter.rails.internal;

import dev.runbooks.language.model.Autonomy;
import dev.runbooks.starter.rails.GuardRailViews.AutonomyOverride;
import dev.runbooks.starter.rails.GuardRailViews.Switch;
import dev.runbooks.starter.rails.GuardRailViews.Trip;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The guard rails in PostgreSQL (migration V6): kill switches, trips and autonomy overrides, and
 * the firing rows whose resolve is queued. Freezes are in {@link FreezeStore}, notices in {@link
 * NoticeStore}, starts and blast-radius targets in {@link StartLedger}. Every value is a bound
 * parameter; methods taking a {@link Handle} run in the caller's transaction.
 */
public final class GuardRailStore {
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
}
