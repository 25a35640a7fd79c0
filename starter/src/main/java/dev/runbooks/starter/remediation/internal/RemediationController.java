package dev.runbooks.starter.remediation.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.audit.AuditAction;
import dev.runbooks.starter.audit.AuditResult;
import dev.runbooks.starter.audit.AuditedAction;
import dev.runbooks.starter.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The remediation state the worker's steps keep in PostgreSQL: {@code GET /api/quarantine} (targets
 * the restart-loop guard stopped), {@code DELETE /api/quarantine/{target}} (lets restarts of it run
 * again), and {@code GET /api/audit?runbook=&target=&limit=} (the audit trail, newest first).
 */
@Tag(name = "quarantine")
@RestController
public class RemediationController {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Jdbi jdbi;
  private final ActionAudit actions;

  /** Creates the endpoints over the migrated database and the trail of human actions. */
  public RemediationController(Jdbi jdbi, ActionAudit actions) {
    this.jdbi = jdbi;
    this.actions = actions;
  }

  @Operation(
      operationId = "listQuarantine",
      summary = "The targets that remediation has quarantined.")
  @GetMapping("/api/quarantine")
  ResponseEntity<Map<String, Object>> quarantine() {
    List<Map<String, Object>> targets =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT * FROM quarantine ORDER BY since DESC")
                    .map(
                        (rs, c) -> {
                          Map<String, Object> t = new LinkedHashMap<>();
                          t.put("target", rs.getString("target"));
                          t.put("since", rs.getTimestamp("since").toInstant().toString());
                          t.put("reason", rs.getString("reason"));
                          t.put("workflowId", rs.getString("workflow_id"));
                          t.put("runbook", rs.getString("runbook"));
                          return t;
                        })
                    .list());
    return ok(Map.of("quarantined", targets, "count", targets.size()));
  }

  @Operation(
      operationId = "clearQuarantine",
      summary = "Clears the quarantine of a target (admin).")
  @DeleteMapping("/api/quarantine/{target}")
  ResponseEntity<Map<String, Object>> clear(@PathVariable String target, Caller caller) {
    AuditedAction cleared = AuditedAction.of(AuditAction.QUARANTINE_CLEAR, caller).target(target);
    int deleted =
        jdbi.withHandle(
            h ->
                h.createUpdate("DELETE FROM quarantine WHERE target = :target")
                    .bind("target", target)
                    .execute());
    if (deleted == 0) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("error", "target '" + target + "' is not quarantined");
      actions.record(cleared.answered(AuditResult.refused(404, (String) body.get("error"))));
      return ResponseEntity.status(HttpStatus.NOT_FOUND)
          .contentType(MediaType.APPLICATION_JSON)
          .body(body);
    }
    actions.record(cleared);
    return ok(Map.of("target", target, "cleared", true));
  }

  @Operation(
      operationId = "listRemediationAudit",
      summary = "The remediation audit trail, newest first.",
      tags = "audit")
  @GetMapping("/api/audit")
  ResponseEntity<Map<String, Object>> audit(
      @RequestParam(required = false) String runbook,
      @RequestParam(required = false) String target,
      @RequestParam(required = false) String workflowId,
      @RequestParam(required = false) Integer limit) {
    int n = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
    List<Map<String, Object>> entries =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT * FROM audit_log WHERE (CAST(:runbook AS text) IS NULL OR runbook"
                            + " = :runbook) AND (CAST(:target AS text) IS NULL OR target = :target)"
                            + " AND (CAST(:workflowId AS text) IS NULL OR workflow_id = :workflowId)"
                            + " ORDER BY id DESC LIMIT :limit")
                    .bind("runbook", blank(runbook))
                    .bind("target", blank(target))
                    .bind("workflowId", blank(workflowId))
                    .bind("limit", n)
                    .map((rs, c) -> entry(rs))
                    .list());
    return ok(Map.of("entries", entries, "count", entries.size()));
  }

  private static Map<String, Object> entry(ResultSet rs) throws SQLException {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", rs.getLong("id"));
    e.put("at", rs.getTimestamp("at").toInstant().toString());
    e.put("workflowId", rs.getString("workflow_id"));
    e.put("runbook", rs.getString("runbook"));
    e.put("step", rs.getString("step_id"));
    e.put("action", rs.getString("action"));
    e.put("target", rs.getString("target"));
    e.put("outcome", rs.getString("outcome"));
    try {
      e.put("details", JSON.readValue(rs.getString("details"), Object.class));
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      e.put("details", null);
    }
    return e;
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static ResponseEntity<Map<String, Object>> ok(Map<String, Object> body) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
