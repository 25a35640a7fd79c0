package dev.runbooks.starter.security.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** API tokens in memory, for an application without a database: they go when it stops. */
public final class MemoryTokenStore implements TokenStore {
  private final Map<UUID, ApiToken> tokens = new ConcurrentHashMap<>();

  @Override
  public synchronized boolean add(ApiToken token) {
    if (byHash(token.hash()).isPresent()) {
      return false;
    }
    tokens.put(token.id(), token);
    return true;
  }

  @Override
  public Optional<ApiToken> byHash(String hash) {
    return tokens.values().stream().filter(t -> t.hash().equals(hash)).findFirst();
  }

  @Override
  public List<ApiToken> all() {
    return tokens.values().stream()
        .sorted(Comparator.comparing(ApiToken::createdAt).reversed())
        .toList();
  }

  @Override
  public boolean revoke(UUID id, Instant at) {
    ApiToken token = tokens.get(id);
    if (token == null) {
      return false;
    }
    if (token.revokedAt() == null) {
      tokens.put(id, copy(token, token.lastUsedAt(), at));
    }
    return true;
  }

  @Override
  public void used(UUID id, Instant at) {
    tokens.computeIfPresent(
        id,
        (key, t) ->
            t.lastUsedAt() == null || t.lastUsedAt().isBefore(at.minus(Duration.ofMinutes(1)))
                ? copy(t, at, t.revokedAt())
                : t);
  }

  private static ApiToken copy(ApiToken t, Instant lastUsedAt, Instant revokedAt) {
    return new ApiToken(
        t.id(),
        t.name(),
        t.owner(),
        t.role(),
        t.hash(),
        t.createdAt(),
        t.expiresAt(),
        lastUsedAt,
        revokedAt);
  }
}
