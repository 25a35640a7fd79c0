package dev.runbooks.starter.security.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where API tokens are kept: PostgreSQL when the application has a database, else memory. */
public interface TokenStore {
  /** Adds a token; false when one with the same hash exists already. */
  boolean add(ApiToken token);

  /** The token with this hash. */
  Optional<ApiToken> byHash(String hash);

  /** Every token, newest first. */
  List<ApiToken> all();

  /** Revokes a token; false when there is no such token. */
  boolean revoke(UUID id, Instant at);

  /** Records a use, unless one was recorded less than a minute before {@code at}. */
  void used(UUID id, Instant at);
}
