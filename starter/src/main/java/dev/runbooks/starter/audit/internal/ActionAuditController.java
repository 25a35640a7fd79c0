package dev.runbooks.starter.audit.internal;

import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.audit.AuditAction;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit/actions?runbook=&actor=&action=&workflowId=&limit=}: the audit trail of
 * human and system actions, newest first (100 rows by default, at most {@value
 * ActionAudit#MAX_LIMIT}).
 */
@Tag(name = "audit")
@RestController
public class ActionAuditController {
  private final ActionAudit audit;

  /** Creates the endpoint over the trail. */
  public ActionAuditController(ActionAudit audit) {
    this.audit = audit;
  }

  @Operation(
      operationId = "listActionAudit",
      summary = "The audit trail of human actions, newest first.",
      description =
          "Starts, decisions, switches, windows and tokens, accepted or refused,"
              + " with who and from where.")
  @GetMapping("/api/audit/actions")
  ResponseEntity<Map<String, Object>> actions(
      @RequestParam(required = false) String runbook,
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String workflowId,
      @RequestParam(required = false) Integer limit) {
    AuditAction what = null;
    if (blank(action) != null) {
      what = AuditAction.of(action).orElse(null);
      if (what == null) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", "unknown action: use one of " + wires());
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
            .contentType(MediaType.APPLICATION_JSON)
            .body(error);
      }
    }
    List<Map<String, Object>> entries =
        audit.find(
            blank(runbook), blank(actor), what, blank(workflowId), limit == null ? 100 : limit);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("entries", entries);
    body.put("count", entries.size());
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  private static String wires() {
    return String.join(", ", Arrays.stream(AuditAction.values()).map(AuditAction::wire).toList());
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
