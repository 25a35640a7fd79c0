package dev.runbooks.starter.rails.internal;

import dev.runbooks.language.Durations;
import dev.runbooks.language.model.Autonomy;
import dev.runbooks.starter.rails.GuardRailException;
import dev.runbooks.starter.rails.GuardRailService;
import dev.runbooks.starter.rails.GuardRailViews.Switch;
import dev.runbooks.starter.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The guard-rail endpoints (docs/guard-rails.md): {@code GET /api/guard-rails}; the kill switch
 * ({@code POST /api/runbooks/{name}/disable|enable}, {@code POST /api/automation/disable|enable});
 * {@code POST /api/runbooks/{name}/limits/reset}; {@code PUT /api/runbooks/{name}/autonomy}; and
 * change freezes under {@code /api/freezes}. Each change is audited by {@link GuardRailService}.
 */
@Tag(name = "guard-rails")
@RestController
public class GuardRailsController {
  private final GuardRailService rails;

  /** Creates the endpoints over the service. */
  public GuardRailsController(GuardRailService rails) {
    this.rails = rails;
  }

  @Operation(
      operationId = "getGuardRails",
      summary = "The state of every guard rail: switches, rate limits, autonomy, freezes.")
  @GetMapping("/api/guard-rails")
  ResponseEntity<Map<String, Object>> snapshot() {
    return json(HttpStatus.OK, RailJson.snapshot(rails.snapshot()));
  }

  @Operation(
      operationId = "disableRunbook",
      summary = "Disables a runbook's automation with the kill switch (operator).")
  @PostMapping("/api/runbooks/{name}/disable")
  ResponseEntity<Map<String, Object>> disable(
      @PathVariable String name,
      @RequestBody(required = false) Map<String, Object> body,
      Caller caller) {
    return disabled(name, rails.disable(name, text(body, "reason"), until(body), caller));
  }

  @Operation(
      operationId = "enableRunbook",
      summary = "Enables a runbook's automation again (operator).")
  @PostMapping("/api/runbooks/{name}/enable")
  ResponseEntity<Map<String, Object>> enable(
      @PathVariable String name,
      @RequestBody(required = false) Map<String, Object> body,
      Caller caller) {
    return enabled(name, rails.enable(name, text(body, "reason"), caller));
  }

  @Operation(
      operationId = "disableAutomation",
      summary = "Disables all automation with the global kill switch (operator).")
  @PostMapping("/api/automation/disable")
  ResponseEntity<Map<String, Object>> disableAll(
      @RequestBody(required = false) Map<String, Object> body, Caller caller) {
    return disabled(
        null, rails.disable(GuardRailService.ALL, text(body, "reason"), until(body), caller));
  }

  @Operation(operationId = "enableAutomation", summary = "Enables all automation again (operator).")
  @PostMapping("/api/automation/enable")
  ResponseEntity<Map<String, Object>> enableAll(
      @RequestBody(required = false) Map<String, Object> body, Caller caller) {
    return enabled(null, rails.enable(GuardRailService.ALL, text(body, "reason"), caller));
  }

  @Operation(
      operationId = "resetRunbookLimits",
      summary = "Resets a runbook's tripped rate limit (operator).",
      responses = {
        @ApiResponse(responseCode = "200", description = "OK."),
        @ApiResponse(responseCode = "409", description = "The runbook is not tripped.")
      })
  @PostMapping("/api/runbooks/{name}/limits/reset")
  ResponseEntity<Map<String, Object>> reset(
      @PathVariable String name,
      @RequestBody(required = false) Map<String, Object> body,
      Caller caller) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("runbook", name);
    answer.put("reset", RailJson.trip(rails.resetTrip(name, text(body, "reason"), caller)));
    return json(HttpStatus.OK, answer);
  }

  @Operation(operationId = "setRunbookAutonomy", summary = "Sets a runbook's autonomy (admin).")
  @PutMapping("/api/runbooks/{name}/autonomy")
  ResponseEntity<Map<String, Object>> autonomy(
      @PathVariable String name,
      @RequestBody(required = false) Map<String, Object> body,
      Caller caller) {
    String mode = text(body, "mode");
    Autonomy autonomy = null;
    if (mode != null) {
      autonomy =
          Autonomy.fromYaml(mode)
              .orElseThrow(
                  () ->
                      new GuardRailException(
                          400,
                          "mode: '"
                              + mode
                              + "' is not auto, approve, dry-run or null (as written)"));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("runbook", name);
    answer.put(
        "autonomy",
        RailJson.autonomy(rails.setAutonomy(name, autonomy, text(body, "reason"), caller)));
    return json(HttpStatus.OK, answer);
  }

  @Operation(operationId = "listFreezes", summary = "The change freezes.")
  @GetMapping("/api/freezes")
  ResponseEntity<Map<String, Object>> freezes() {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("freezes", rails.freezes().stream().map(RailJson::freeze).toList());
    return json(HttpStatus.OK, answer);
  }

  @Operation(
      operationId = "createFreeze",
      summary = "Declares a change freeze (admin).",
      responses = {@ApiResponse(responseCode = "201", description = "The freeze is declared.")})
  @PostMapping("/api/freezes")
  ResponseEntity<Map<String, Object>> createFreeze(
      @RequestBody(required = false) Map<String, Object> body, Caller caller) {
    List<String> runbooks = new ArrayList<>();
    Object given = body == null ? null : body.get("runbooks");
    if (given instanceof List<?> list) {
      list.forEach(r -> runbooks.add(String.valueOf(r)));
    } else if (given != null) {
      throw new GuardRailException(400, "runbooks: a list of runbook names");
    }
    return json(
        HttpStatus.CREATED,
        RailJson.freeze(
            rails.createFreeze(
                text(body, "reason"),
                instant(body, "startsAt"),
                instant(body, "endsAt"),
                runbooks,
                caller)));
  }

  @Operation(
      operationId = "deleteFreeze",
      summary = "Ends a change freeze (admin).",
      responses = {
        @ApiResponse(responseCode = "200", description = "OK."),
        @ApiResponse(
            responseCode = "409",
            description = "The freeze cannot be deleted in its state.")
      })
  @DeleteMapping("/api/freezes/{id}")
  ResponseEntity<Map<String, Object>> deleteFreeze(@PathVariable String id, Caller caller) {
    return json(HttpStatus.OK, RailJson.freeze(rails.deleteFreeze(id, caller)));
  }

  /** A refused change as JSON: {@code {"error": "..."}} with its status. */
  @ExceptionHandler(GuardRailException.class)
  ResponseEntity<Map<String, Object>> refused(GuardRailException e) {
    return json(HttpStatus.valueOf(e.status()), Map.of("error", e.getMessage()));
  }

  private static ResponseEntity<Map<String, Object>> disabled(String runbook, Switch s) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("runbook", runbook);
    answer.put("disabled", RailJson.switched(s));
    return json(HttpStatus.OK, answer);
  }

  private static ResponseEntity<Map<String, Object>> enabled(String runbook, boolean was) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("runbook", runbook);
    answer.put("enabled", true);
    answer.put("wasDisabled", was);
    return json(HttpStatus.OK, answer);
  }

  private static ResponseEntity<Map<String, Object>> json(
      HttpStatus status, Map<String, Object> body) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }

  private static String text(Map<String, Object> body, String key) {
    Object value = body == null ? null : body.get(key);
    return value == null ? null : value.toString();
  }

  /** {@code until}: a time, or a duration from now such as {@code 2h}. */
  private static Instant until(Map<String, Object> body) {
    String text = text(body, "until");
    if (text != null && !text.isBlank() && !text.contains("T")) {
      try {
        Duration d = Durations.parse(text.strip());
        if (d != null && !d.isNegative() && !d.isZero()) {
          return Instant.now().plus(d);
        }
      } catch (RuntimeException e) {
        // not a duration: read as a time below, which names the expected form
      }
    }
    return instant(body, "until");
  }

  private static Instant instant(Map<String, Object> body, String key) {
    String text = text(body, key);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new GuardRailException(
          400, key + ": '" + text + "' is not a time such as 2026-01-02T03:04:05Z");
    }
  }
}
