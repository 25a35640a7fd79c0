package dev.runbooks.starter.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The audit trail of human and system actions: every start, decision, abort, acknowledgement,
 * maintenance-window change, quarantine clear, token change and alert-started run is {@linkplain
 * #record recorded} in the append-only table {@code action_audit} (migration V5) and logged on the
 * {@code dev.runbooks.audit} logger. Without a database (an application with the API only) the log
 * line is the trail.
 *
 * <p>Recording never fails the action it records: the action already happened (or was already
 * refused), so a write that fails is logged as an error.
 */
public class ActionAudit {
  /** The most rows {@link #find} returns. */
  public static final int MAX_LIMIT = 1000;

  private static final Logger log = LoggerFactory.getLogger("dev.runbooks.audit");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectProvider<Jdbi> jdbi;

  /** Creates the trail over the intake's migrated database, when the application has one. */
  public ActionAudit(ObjectProvider<Jdbi> jdbi) {
    this.jdbi = jdbi;
  }

  /** Records one action. */
  public void record(AuditedAction a) {
    log.info(
        "{} {} by {} via {} from {}: runbook={} run={} target={} result={}{}",
        a.action().wire(),
        a.result().wire(),
        a.actor().name(),
        a.actor().channel().wire(),
        a.address(),
        a.runbook(),
        a.workflowId(),
        a.target(),
        a.result().status(),
        a.result().reason() == null ? "" : " (" + a.result().reason() + ")");
    Jdbi db = jdbi.getIfAvailable();
    if (db == null) {
      return;
    }
    try {
      db.useHandle(
          h ->
              h.createUpdate(
                      "INSERT INTO action_audit (at, principal, channel, address, action, runbook,"
                          + " workflow_id, target, result, reason, status, details) VALUES (:at,"
                          + " :principal, :channel, :address, :action, :runbook, :workflowId,"
                          + " :target, :result, :reason, :status, CAST(:details AS jsonb))")
                  .bind("at", Timestamp.from(Instant.now()))
                  .bind("principal", a.actor().name())
                  .bind("channel", a.actor().channel().wire())
                  .bind("address", a.address())
                  .bind("action", a.action().wire())
                  .bind("runbook", a.runbook())
                  .bind("workflowId", a.workflowId())
                  .bind("target", a.target())
                  .bind("result", a.result().wire())
                  .bind("reason", a.result().reason())
                  .bind("status", a.result().status() == 0 ? null : a.result().status())
                  .bind("details", json(a))
                  .execute());
    } catch (RuntimeException e) {
      log.error("cannot write the audit row of {} by {}", a.action().wire(), a.actor().name(), e);
    }
  }

  /** Whether the trail is kept in a database (and {@link #find} can answer). */
  public boolean available() {
    return jdbi.getIfAvailable() != null;
  }

  /**
   * The recorded actions that match every given filter (a null filter matches all), newest first,
   * at most {@code limit} (between 1 and {@value #MAX_LIMIT}); empty without a database.
   *
   * @param runbook the runbook's name
   * @param actor the principal's name
   * @param action the action
   * @param workflowId the run
   * @param limit how many rows at most
   */
  public List<Map<String, Object>> find(
      String runbook, String actor, AuditAction action, String workflowId, int limit) {
    Jdbi db = jdbi.getIfAvailable();
    if (db == null) {
      return List.of();
    }
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM action_audit WHERE (CAST(:runbook AS text) IS NULL OR runbook ="
                        + " :runbook) AND (CAST(:actor AS text) IS NULL OR principal = :actor) AND"
                        + " (CAST(:action AS text) IS NULL OR action = :action) AND (CAST(:wf AS"
                        + " text) IS NULL OR workflow_id = :wf) ORDER BY id DESC LIMIT :limit")
                .bind("runbook", runbook)
                .bind("actor", actor)
                .bind("action", action == null ? null : action.wire())
                .bind("wf", workflowId)
                .bind("limit", Math.max(1, Math.min(limit, MAX_LIMIT)))
                .map((rs, c) -> row(rs))
                .list());
  }

  private static Map<String, Object> row(ResultSet rs) throws SQLException {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", rs.getLong("id"));
    e.put("at", rs.getTimestamp("at").toInstant().toString());
    e.put("principal", rs.getString("principal"));
    e.put("channel", rs.getString("channel"));
    e.put("address", rs.getString("address"));
    e.put("action", rs.getString("action"));
    e.put("runbook", rs.getString("runbook"));
    e.put("workflowId", rs.getString("workflow_id"));
    e.put("target", rs.getString("target"));
    e.put("result", rs.getString("result"));
    e.put("reason", rs.getString("reason"));
    int status = rs.getInt("status");
    e.put("status", rs.wasNull() ? null : status);
    try {
      e.put("details", JSON.readValue(rs.getString("details"), Object.class));
    } catch (JsonProcessingException ex) {
      e.put("details", null);
    }
    return e;
  }

  private static String json(AuditedAction a) {
    Map<String, Object> details = new LinkedHashMap<>(a.details());
    if (!a.actor().groups().isEmpty()) {
      details.put("groups", a.actor().groups());
    }
    try {
      return JSON.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      return "{}";
    }
  }
}
