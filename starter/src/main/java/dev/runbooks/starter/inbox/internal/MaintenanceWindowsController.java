package dev.runbooks.starter.inbox.internal;

import dev.runbooks.starter.intake.IntakeProperties.Matcher;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * shows one, {@code DELETE} ends one in force now (its still-firing alerts are then released) or
 * removes one that has not started or was released.
 */
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
   * @param createdBy who asks
   */
  record NewWindow(
      String id,
      List<Matcher> matchers,
      Instant startsAt,
      Instant endsAt,
      String comment,
      String createdBy) {}

  private final WindowStore windows;

  /** Creates the endpoints over the window store. */
  public MaintenanceWindowsController(WindowStore windows) {
    this.windows = windows;
  }

  @PostMapping("/api/maintenance-windows")
  ResponseEntity<Map<String, Object>> create(@RequestBody NewWindow body) {
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
                body.createdBy(),
                "api",
                now,
                null));
    return ResponseEntity.status(HttpStatus.CREATED)
        .contentType(MediaType.APPLICATION_JSON)
        .body(saved.view(now));
  }

  @GetMapping("/api/maintenance-windows")
  ResponseEntity<Map<String, Object>> list() {
    Instant now = Instant.now();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("windows", windows.all().stream().map(w -> w.view(now)).toList());
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

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

  @DeleteMapping("/api/maintenance-windows/{id}")
  ResponseEntity<Map<String, Object>> delete(@PathVariable String id) {
    if (windows.find(id).isEmpty()) {
      return AlertsController.error(
          HttpStatus.NOT_FOUND, "no such maintenance window: '" + id + "'");
    }
    windows.endOrDelete(id, Instant.now());
    return windows
        .find(id)
        .map(
            w ->
                ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(w.view(Instant.now())))
        .orElseGet(() -> ResponseEntity.noContent().build());
  }
}
