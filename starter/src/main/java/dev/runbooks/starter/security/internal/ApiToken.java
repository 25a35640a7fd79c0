package dev.runbooks.starter.security.internal;

import dev.runbooks.starter.security.Role;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An API token as stored: never the token itself, only its hash.
 *
 * @param id the token's id
 * @param name what the token is for
 * @param owner who created it (the principal requests made with it act as)
 * @param role the role it gives
 * @param hash the SHA-256 hash of the token, hex
 * @param createdAt when it was created
 * @param expiresAt when it stops working (null: never)
 * @param lastUsedAt when it was last used (to the minute)
 * @param revokedAt when it was revoked (null: it is not)
 */
public record ApiToken(
    UUID id,
    String name,
    String owner,
    Role role,
    String hash,
    Instant createdAt,
    Instant expiresAt,
    Instant lastUsedAt,
    Instant revokedAt) {

  /** Whether the token works at {@code now}. */
  public boolean usable(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }

  /** The token as the API lists it (without its hash). */
  public Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id.toString());
    json.put("name", name);
    json.put("owner", owner);
    json.put("role", role.wire());
    json.put("createdAt", text(createdAt));
    json.put("expiresAt", text(expiresAt));
    json.put("lastUsedAt", text(lastUsedAt));
    json.put("revokedAt", text(revokedAt));
    return json;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
