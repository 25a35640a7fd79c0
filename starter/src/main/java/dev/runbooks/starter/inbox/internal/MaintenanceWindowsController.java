package dev.runbooks.starter.inbox.internal;

import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.audit.AuditAction;
import dev.runbooks.starter.audit.AuditResult;
import dev.runbooks.starter.audit.AuditedAction;
import dev.runbooks.starter.intake.IntakeProperties.Matcher;
import dev.runbooks.starter.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Maintenance windows: {@code POST /api/maintenance-windows} creates one, {@code GET} lists them or
 * shows one (deleted ones too, with {@code deletedAt}), {@code DELETE} marks one deleted (and ends
 * it now when it is in force: its still-firing alerts are then released); rows are never removed.
 * Creations and deletions are audited.
 */
@Tag(name = "maintenance-windows")
@RestController
public class MaintenanceWindowsController {
  /**
   * The body of a new window.
   *
   * @param id an id to use instead of a generated one
   * @param matchers label matchers as in Alertmanager silences, all must match
   * @param startsAt when it starts; now when absent
   * @param endsAt when it ends
   * @param comment why
   * @param createdBy who asks (ignored: the authenticated caller is recorded)
   */
  record NewWindow(
      String id,
      List<Matcher> matchers,
      Instant startsAt,
      Instant endsAt,
      String comment,
      String createdBy) {}

  private final WindowStore windows;
  private final ActionAudit audit;

  /** Creates the endpoints over the window store and the audit trail. */
  public MaintenanceWindowsController(WindowStore windows, ActionAudit audit) {
    this.windows = windows;
    this.audit = audit;
  }

  @Operation(
      operationId = "createMaintenanceWindow",
      summary = "Creates a maintenance window (admin).",
      responses = {
        @ApiResponse(responseCode = "201", description = "The window is created."),
        @ApiResponse(responseCode = "409", description = "A window with this id exists.")
      })
  @PostMapping("/api/maintenance-windows")
  ResponseEntity<Map<String, Object>> create(@RequestBody NewWindow body, Caller caller) {
    ResponseEntity<Map<String, Object>> answer = createWindow(body, caller);
    AuditedAction created =
        AuditedAction.of(AuditAction.MAINTENANCE_WINDOW_CREATE, caller)
            .target(String.valueOf(answer.getBody().get("id")))
            .detail("matchers", body.matchers())
            .detail("startsAt", body.startsAt() == null ? null : body.startsAt().toString())
            .detail("endsAt", body.endsAt() == null ? null : body.endsAt().toString())
            .detail("comment", body.comment());
    int status = answer.getStatusCode().value();
    audit.record(
        created.answered(
            status == 201
                ? AuditResult.accepted(status)
                : AuditResult.refused(status, String.valueOf(answer.getBody().get("error")))));
    return answer;
  }

  private ResponseEntity<Map<String, Object>> createWindow(NewWindow body, Caller caller) {
    Instant now = Instant.now();
    Instant starts = body.startsAt() == null ? now : body.startsAt();
    List<String> problems = MaintenanceWindow.problems(body.matchers(), starts, body.endsAt());
    String id = body.id() == null || body.id().isBlank() ? UUID.randomUUID().toString() : body.id();
    if (!id.matches("[A-Za-z0-9._:-]{1,100}")) {
      problems = new java.util.ArrayList<>(problems);
      problems.add("id: letters, digits and . _ : - only, at most 100");
    }
    if (!problems.isEmpty()) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("error", "invalid maintenance window");
      error.put("messages", problems);
      return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(error);
    }
    if (windows.find(id).isPresent()) {
      return AlertsController.error(HttpStatus.CONFLICT, "maintenance window '" + id + "' exists");
    }
    MaintenanceWindow saved =
        windows.save(
            new MaintenanceWindow(
                id,
                body.matchers(),
                starts,
                body.endsAt(),
                body.comment(),
                caller.name(),
                "api",
                now,
                null));
    return ResponseEntity.status(HttpStatus.CREATED)
        .contentType(MediaType.APPLICATION_JSON)
        .body(saved.view(now));
  }

  @Operation(
      operationId = "listMaintenanceWindows",
      summary = "The maintenance windows, current and future.")
  @GetMapping("/api/maintenance-windows")
  ResponseEntity<Map<String, Object>> list() {
    Instant now = Instant.now();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("windows", windows.all().stream().map(w -> w.view(now)).toList());
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  @Operation(operationId = "getMaintenanceWindow", summary = "One maintenance window.")
  @GetMapping("/api/maintenance-windows/{id}")
  ResponseEntity<Map<String, Object>> get(@PathVariable String id) {
    return windows
        .find(id)
        .map(
            w ->
                ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(w.view(Instant.now())))
        .orElseGet(
            () ->
                AlertsController.error(
                    HttpStatus.NOT_FOUND, "no such maintenance window: '" + id + "'"));
  }

  @Operation(
      operationId = "deleteMaintenanceWindow",
      summary = "Deletes a maintenance window (admin).",
      responses = {
        @ApiResponse(responseCode = "200", description = "OK."),
        @ApiResponse(responseCode = "409", description = "The window cannot be deleted.")
      })
  @DeleteMapping("/api/maintenance-windows/{id}")
  ResponseEntity<Map<String, Object>> delete(@PathVariable String id, Caller caller) {
    AuditedAction deleted =
        AuditedAction.of(AuditAction.MAINTENANCE_WINDOW_DELETE, caller).target(id);
    Optional<MaintenanceWindow> found = windows.find(id);
    if (found.isEmpty() || found.get().deletedAt() != null) {
      String error =
          found.isEmpty()
              ? "no such maintenance window: '" + id + "'"
              : "maintenance window '" + id + "' was deleted at " + found.get().deletedAt();
      HttpStatus status = found.isEmpty() ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
      audit.record(deleted.answered(AuditResult.refused(status.value(), error)));
      return AlertsController.error(status, error);
    }
    windows.delete(id, Instant.now(), caller.name());
    audit.record(deleted);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(windows.find(id).orElseThrow().view(Instant.now()));
  }
}
