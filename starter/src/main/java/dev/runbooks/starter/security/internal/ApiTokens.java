package dev.runbooks.starter.security.internal;

import dev.runbooks.starter.security.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's API tokens: {@code rbk_} and 43 base64url characters (32 random bytes), kept as
 * SHA-256 hashes. A hashed lookup needs no constant-time comparison.
 */
public final class ApiTokens {
  /** The prefix of every engine token. */
  public static final String PREFIX = "rbk_";

  private static final Pattern FORMAT = Pattern.compile("rbk_[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);

  private final TokenStore store;
  private final Clock clock;

  /** Tokens kept in {@code store}. */
  public ApiTokens(TokenStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** A created token: its record and the token itself, shown only once. */
  public record Created(ApiToken record, String token) {}

  /** Whether {@code text} has the form of an engine token. */
  public static boolean looksLikeToken(String text) {
    return text != null && FORMAT.matcher(text).matches();
  }

  /** Creates a token. */
  public Created create(String name, String owner, Role role, Instant expiresAt) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    ApiToken record =
        new ApiToken(
            UUID.randomUUID(),
            name,
            owner,
            role,
            hash(token),
            clock.instant(),
            expiresAt,
            null,
            null);
    store.add(record);
    return new Created(record, token);
  }

  /**
   * Registers a given token (the bootstrap token) unless it is registered already.
   *
   * @throws IllegalArgumentException when the token does not have the engine's form
   */
  public void register(String token, String name, String owner, Role role) {
    if (!looksLikeToken(token)) {
      throw new IllegalArgumentException(
          "runbook.security.bootstrap.token must be 'rbk_' followed by 43 base64url characters");
    }
    store.add(
        new ApiToken(
            UUID.randomUUID(), name, owner, role, hash(token), clock.instant(), null, null, null));
  }

  /** The usable token {@code token} is, recording its use; empty when it is unknown or unusable. */
  public Optional<ApiToken> authenticate(String token) {
    if (!looksLikeToken(token)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Optional<ApiToken> found = store.byHash(hash(token)).filter(t -> t.usable(now));
    found.ifPresent(
        t -> {
          try {
            store.used(t.id(), now);
          } catch (RuntimeException e) {
            log.warn("cannot record the use of API token {}", t.id(), e);
          }
        });
    return found;
  }

  /** Every token, newest first. */
  public List<ApiToken> all() {
    return store.all();
  }

  /** Revokes a token; false when there is none with this id. */
  public boolean revoke(UUID id) {
    return store.revoke(id, clock.instant());
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
