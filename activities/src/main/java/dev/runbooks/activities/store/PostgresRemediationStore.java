package dev.runbooks.activities.store;

import dev.runbooks.activities.AuditEntry;
import dev.runbooks.activities.AuditLog;
import dev.runbooks.activities.RestartLedger;
import dev.runbooks.language.expr.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The restart ledger, the quarantine and the audit trail in PostgreSQL (tables {@code
 * restart_ledger}, {@code quarantine} and {@code audit_log}, created by the starter's Flyway
 * migration {@code V2__remediation.sql}), so that they survive worker restarts and Temporal's
 * history retention. Every statement binds its values.
 */
public final class PostgresRemediationStore implements RestartLedger, AuditLog {
  private final Jdbi jdbi;

  /** A store over a data source whose schema is migrated. */
  public PostgresRemediationStore(DataSource dataSource) {
    this(Jdbi.create(dataSource));
  }

  /** A store over a JDBI instance whose database is migrated. */
  public PostgresRemediationStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public boolean recordRestart(String target, String workflowId, String stepId, Instant at) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO restart_ledger (target, workflow_id, step_id, restarted_at)"
                            + " VALUES (:target, :wf, :step, :at) ON CONFLICT DO NOTHING")
                    .bind("target", target)
                    .bind("wf", workflowId)
                    .bind("step", stepId)
                    .bind("at", utc(at))
                    .execute())
        == 1;
  }

  @Override
  public Optional<Instant> restartedBy(String target, String workflowId, String stepId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT restarted_at FROM restart_ledger WHERE target = :target"
                        + " AND workflow_id = :wf AND step_id = :step")
                .bind("target", target)
                .bind("wf", workflowId)
                .bind("step", stepId)
                .map((rs, c) -> instant(rs, "restarted_at"))
                .findOne());
  }

  @Override
  public int restartsSince(String target, Instant since) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT count(*) FROM restart_ledger WHERE target = :target"
                        + " AND restarted_at >= :since")
                .bind("target", target)
                .bind("since", utc(since))
                .mapTo(Integer.class)
                .one());
  }

  @Override
  public void quarantine(Quarantine q) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO quarantine (target, since, reason, workflow_id, runbook)"
                        + " VALUES (:target, :since, :reason, :wf, :runbook) ON CONFLICT DO NOTHING")
                .bind("target", q.target())
                .bind("since", utc(q.since()))
                .bind("reason", q.reason())
                .bind("wf", q.workflowId())
                .bind("runbook", q.runbook())
                .execute());
  }

  @Override
  public Optional<Quarantine> quarantined(String target) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT * FROM quarantine WHERE target = :target")
                .bind("target", target)
                .map((rs, c) -> quarantine(rs))
                .findOne());
  }

  @Override
  public List<Quarantine> quarantines() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT * FROM quarantine ORDER BY since DESC")
                .map((rs, c) -> quarantine(rs))
                .list());
  }

  @Override
  public boolean clear(String target) {
    return jdbi.withHandle(
            h ->
                h.createUpdate("DELETE FROM quarantine WHERE target = :target")
                    .bind("target", target)
                    .execute())
        > 0;
  }

  @Override
  public void append(AuditEntry e) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO audit_log (at, workflow_id, runbook, step_id, action, target,"
                        + " outcome, entry_key, details) VALUES (:at, :wf, :runbook, :step,"
                        + " :action, :target, :outcome, :key, CAST(:details AS jsonb))"
                        + " ON CONFLICT (workflow_id, step_id, entry_key) DO NOTHING")
                .bind("at", utc(e.at() == null ? Instant.now() : e.at()))
                .bind("wf", e.workflowId())
                .bind("runbook", e.runbook())
                .bind("step", e.stepId())
                .bind("action", e.action())
                .bind("target", e.target())
                .bind("outcome", e.outcome())
                .bind("key", e.key())
                .bind("details", Json.write(e.details()))
                .execute());
  }

  @Override
  public List<AuditEntry> find(String runbook, String target, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM audit_log WHERE (CAST(:runbook AS text) IS NULL OR runbook ="
                        + " :runbook) AND (CAST(:target AS text) IS NULL OR target = :target)"
                        + " ORDER BY id DESC LIMIT :limit")
                .bind("runbook", runbook)
                .bind("target", target)
                .bind("limit", Math.max(1, Math.min(limit, 1000)))
                .map((rs, c) -> entry(rs))
                .list());
  }

  private static AuditEntry entry(ResultSet rs) throws SQLException {
    Map<String, Object> map = new LinkedHashMap<>();
    try {
      Object details = Json.mapper().readValue(rs.getString("details"), Object.class);
      if (details instanceof Map<?, ?> m) {
        m.forEach((k, v) -> map.put(String.valueOf(k), v));
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      map.put("unreadable", e.getOriginalMessage());
    }
    return new AuditEntry(
        instant(rs, "at"),
        rs.getString("workflow_id"),
        rs.getString("runbook"),
        rs.getString("step_id"),
        rs.getString("action"),
        rs.getString("target"),
        rs.getString("outcome"),
        rs.getString("entry_key"),
        map);
  }

  private static Quarantine quarantine(ResultSet rs) throws SQLException {
    return new Quarantine(
        rs.getString("target"),
        instant(rs, "since"),
        rs.getString("reason"),
        rs.getString("workflow_id"),
        rs.getString("runbook"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp ts = rs.getTimestamp(column);
    return ts == null ? null : ts.toInstant();
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
