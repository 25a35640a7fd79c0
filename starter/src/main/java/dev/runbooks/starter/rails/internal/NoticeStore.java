package dev.runbooks.starter.rails.internal;

import static dev.runbooks.starter.rails.internal.GuardRailStore.instant;
import static dev.runbooks.starter.rails.internal.GuardRailStore.time;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The guard-rail notifications in PostgreSQL ({@code guard_rail_notices}): each one recorded in the
 * dispatcher's transaction (one per window per runbook and rail), then marked delivered once its
 * route took it. Bound parameters only.
 */
public final class NoticeStore {
  private final Jdbi jdbi;

  /** Creates the store over a migrated database. */
  public NoticeStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

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
  public Map<String, Instant> lastNotices(Handle h, Collection<String> runbooks) {
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
}
