package dev.runbooks.starter.security.internal;

import dev.runbooks.starter.security.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** API tokens in PostgreSQL (table {@code api_tokens}, migration V4). */
public final class JdbiTokenStore implements TokenStore {
  private static final String COLUMNS =
      "id, name, owner, role, token_hash, created_at, expires_at, last_used_at, revoked_at";

  private final Jdbi jdbi;

  /** A store over the database {@code jdbi} reaches (migrated). */
  public JdbiTokenStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public boolean add(ApiToken t) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO api_tokens ("
                            + COLUMNS
                            + ") VALUES (:id, :name, :owner, :role, :hash, :createdAt,"
                            + " :expiresAt, NULL, NULL) ON CONFLICT (token_hash) DO NOTHING")
                    .bind("id", t.id())
                    .bind("name", t.name())
                    .bind("owner", t.owner())
                    .bind("role", t.role().wire())
                    .bind("hash", t.hash())
                    .bind("createdAt", ts(t.createdAt()))
                    .bind("expiresAt", ts(t.expiresAt()))
                    .execute())
        > 0;
  }

  @Override
  public Optional<ApiToken> byHash(String hash) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM api_tokens WHERE token_hash = :hash")
                .bind("hash", hash)
                .map((rs, ctx) -> row(rs))
                .findOne());
  }

  @Override
  public List<ApiToken> all() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM api_tokens ORDER BY created_at DESC")
                .map((rs, ctx) -> row(rs))
                .list());
  }

  @Override
  public boolean revoke(UUID id, Instant at) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, :at) WHERE id ="
                            + " :id")
                    .bind("id", id)
                    .bind("at", ts(at))
                    .execute())
        > 0;
  }

  @Override
  public void used(UUID id, Instant at) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE api_tokens SET last_used_at = :at WHERE id = :id AND (last_used_at IS"
                        + " NULL OR last_used_at < :before)")
                .bind("id", id)
                .bind("at", ts(at))
                .bind("before", ts(at.minus(Duration.ofMinutes(1))))
                .execute());
  }

  private static ApiToken row(ResultSet rs) throws SQLException {
    return new ApiToken(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        rs.getString("owner"),
        Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT)),
        rs.getString("token_hash"),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("expires_at")),
        instant(rs.getTimestamp("last_used_at")),
        instant(rs.getTimestamp("revoked_at")));
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
