package dev.runbooks.starter.ui.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The audit trail rows of one run, oldest first, from the intake's PostgreSQL (the table {@code GET
 * /api/audit} reads). Without a database there are none.
 */
final class AuditRows {
  /** How many rows a run page shows at most. */
  static final int LIMIT = 200;

  private final ObjectProvider<Jdbi> jdbi;

  AuditRows(ObjectProvider<Jdbi> jdbi) {
    this.jdbi = jdbi;
  }

  /** Whether there is an audit trail at all. */
  boolean available() {
    return jdbi.getIfAvailable() != null;
  }

  /** The run's rows: at, step, action, target, outcome, details (JSON text). */
  List<Map<String, Object>> of(String workflowId) {
    Jdbi db = jdbi.getIfAvailable();
    if (db == null) {
      return List.of();
    }
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM (SELECT id, at, step_id, action, target, outcome, details FROM"
                        + " audit_log WHERE workflow_id = :id ORDER BY id DESC LIMIT :limit) newest"
                        + " ORDER BY id")
                .bind("id", workflowId)
                .bind("limit", LIMIT)
                .map(
                    (rs, c) -> {
                      Map<String, Object> row = new LinkedHashMap<>();
                      row.put("at", rs.getTimestamp("at").toInstant().toString());
                      row.put("step", rs.getString("step_id"));
                      row.put("action", rs.getString("action"));
                      row.put("target", rs.getString("target"));
                      row.put("outcome", rs.getString("outcome"));
                      row.put("details", rs.getString("details"));
                      return row;
                    })
                .list());
  }
}
