package dev.runbooks.starter.security.internal;

import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.audit.AuditAction;
import dev.runbooks.starter.audit.AuditResult;
import dev.runbooks.starter.audit.AuditedAction;
import dev.runbooks.starter.security.Caller;
import dev.runbooks.starter.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * API tokens, for admins: {@code POST /api/tokens} {name, role, expiresAt?} creates one (the token
 * is in that answer only), {@code GET /api/tokens} lists them, {@code DELETE /api/tokens/{id}}
 * revokes one.
 */
@Tag(name = "tokens")
@RestController
public class TokensController {
  private final ApiTokens tokens;
  private final ObjectProvider<ActionAudit> audit;

  TokensController(ApiTokens tokens, ObjectProvider<ActionAudit> audit) {
    this.tokens = tokens;
    this.audit = audit;
  }

  /** Creates a token owned by the caller. */
  @Operation(
      operationId = "createToken",
      summary = "Creates an API token (admin); the answer shows the secret once.",
      responses = {@ApiResponse(responseCode = "201", description = "The token is created.")})
  @PostMapping("/api/tokens")
  ResponseEntity<Map<String, Object>> create(
      @RequestBody(required = false) Map<String, Object> body, Caller caller) {
    Map<String, Object> given = body == null ? Map.of() : body;
    Object name = given.get("name");
    if (!(name instanceof String n) || n.isBlank() || n.length() > 200) {
      throw bad("'name' is required: a text of at most 200 characters saying what it is for");
    }
    Role role = role(given.get("role"));
    Instant expiresAt = expiry(given.get("expiresAt"));
    ApiTokens.Created created = tokens.create(n.strip(), caller.name(), role, expiresAt);
    Map<String, Object> answer = new LinkedHashMap<>(created.record().json());
    answer.remove("lastUsedAt");
    answer.remove("revokedAt");
    answer.put("token", created.token());
    record(
        AuditedAction.of(AuditAction.TOKEN_CREATE, caller)
            .target(created.record().id().toString())
            .detail("name", n.strip())
            .detail("role", role.wire())
            .detail("expiresAt", expiresAt == null ? null : expiresAt.toString())
            .answered(AuditResult.accepted(201)));
    return ResponseEntity.created(URI.create("/api/tokens/" + created.record().id())).body(answer);
  }

  /** Every token, without the tokens themselves. */
  @Operation(operationId = "listTokens", summary = "The API tokens, without their secrets (admin).")
  @GetMapping("/api/tokens")
  Map<String, Object> list() {
    return Map.of("tokens", tokens.all().stream().map(ApiToken::json).toList());
  }

  /** Revokes a token. */
  @Operation(operationId = "revokeToken", summary = "Revokes an API token (admin).")
  @DeleteMapping("/api/tokens/{id}")
  Map<String, Object> revoke(@PathVariable String id, Caller caller) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such token");
    }
    if (!tokens.revoke(uuid)) {
      record(
          AuditedAction.of(AuditAction.TOKEN_REVOKE, caller)
              .target(uuid.toString())
              .answered(AuditResult.refused(404, "no such token")));
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such token");
    }
    record(
        AuditedAction.of(AuditAction.TOKEN_REVOKE, caller)
            .target(uuid.toString())
            .answered(AuditResult.accepted(200)));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", uuid.toString());
    answer.put("revoked", true);
    return answer;
  }

  private void record(AuditedAction action) {
    audit.ifAvailable(trail -> trail.record(action));
  }

  private static Role role(Object given) {
    if (!(given instanceof String text)) {
      throw bad("'role' is required: viewer, operator, approver or admin");
    }
    try {
      return Role.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad("'role' must be viewer, operator, approver or admin");
    }
  }

  private static Instant expiry(Object given) {
    if (given == null) {
      return null;
    }
    try {
      return Instant.parse(given.toString());
    } catch (DateTimeParseException e) {
      throw bad("'expiresAt' must be an ISO-8601 instant such as 2030-01-31T00:00:00Z");
    }
  }

  private static ResponseStatusException bad(String message) {
    return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
  }
}
