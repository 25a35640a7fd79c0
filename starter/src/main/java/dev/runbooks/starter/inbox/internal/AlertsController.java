package dev.runbooks.starter.inbox.internal;

import dev.runbooks.starter.intake.IntakeProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What came in: {@code GET /api/alerts} and {@code GET /api/alerts/{id}}. */
@Tag(name = "alerts")
@RestController
public class AlertsController {
  private final InboxStore store;
  private final IntakeProperties properties;

  /** Creates the endpoints over the inbox. */
  public AlertsController(InboxStore store, IntakeProperties properties) {
    this.store = store;
    this.properties = properties;
  }

  @Operation(
      operationId = "listAlerts",
      summary = "The alerts in the inbox, newest first, with filters.")
  @GetMapping("/api/alerts")
  ResponseEntity<Map<String, Object>> list(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String runbook,
      @RequestParam(required = false) String source,
      @RequestParam(required = false) Integer limit) {
    if (status != null && !status.isBlank() && !List.of("firing", "resolved").contains(status)) {
      return error(HttpStatus.BAD_REQUEST, "status must be firing or resolved");
    }
    if (state != null && !state.isBlank() && !InboxRow.STATES.contains(state)) {
      return error(HttpStatus.BAD_REQUEST, "state must be one of " + InboxRow.STATES);
    }
    int max = properties.listLimit();
    int n = limit == null ? max : Math.max(1, Math.min(limit, max));
    List<Map<String, Object>> alerts =
        store
            .list(
                new InboxStore.Filter(
                    blank(status), blank(state), blank(runbook), blank(source), n))
            .stream()
            .map(InboxRow::summary)
            .toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("alerts", alerts);
    body.put("count", alerts.size());
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  @Operation(operationId = "getAlert", summary = "One alert of the inbox and what became of it.")
  @GetMapping("/api/alerts/{id}")
  ResponseEntity<Map<String, Object>> get(@PathVariable String id) {
    long number;
    try {
      number = Long.parseLong(id);
    } catch (NumberFormatException e) {
      return error(HttpStatus.NOT_FOUND, "no such alert: '" + id + "'");
    }
    return store
        .find(number)
        .map(row -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(row.detail()))
        .orElseGet(() -> error(HttpStatus.NOT_FOUND, "no such alert: '" + id + "'"));
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
