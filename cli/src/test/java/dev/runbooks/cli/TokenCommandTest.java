package dev.runbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.cli.ValidateCommandTest.Result;
import dev.runbooks.cli.internal.Expiry;
import dev.runbooks.language.expr.Json;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code runbook token create|list|revoke} against a stand-in {@code /api/tokens}. */
class TokenCommandTest {
  private static final String ADMIN = "rbk_" + "T".repeat(43);
  private static final String NEW = "rbk_" + "N".repeat(43);

  private FakeApi api;

  @BeforeEach
  void start() throws Exception {
    api = new FakeApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  @SuppressWarnings("unchecked")
  void createsATokenAndShowsItOnce() throws Exception {
    api.answer(
        "POST /api/tokens",
        201,
        "{\"id\":\"7\",\"name\":\"ci\",\"owner\":\"admin\",\"role\":\"operator\","
            + "\"createdAt\":\"2026-12-06T16:00:00Z\",\"expiresAt\":\"2027-01-05T16:00:00Z\","
            + "\"token\":\""
            + NEW
            + "\"}");
    Instant before = Instant.now();
    Result created =
        api.cli(
            "token", "create", "ci", "--role", "operator", "--expires", "30d", "--token", ADMIN);
    assertThat(created.code()).as(created.err()).isZero();
    assertThat(created.out())
        .contains("created token 7 'ci': role operator, owner admin, expires 2027-01-05T16:00:00Z")
        .contains("  " + NEW + "\n")
        .contains("shown only this once");

    FakeApi.Request request = api.only();
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + ADMIN);
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    Map<String, Object> body = Json.mapper().readValue(request.body(), Map.class);
    assertThat(body).containsEntry("name", "ci").containsEntry("role", "operator");
    Instant expires = Instant.parse((String) body.get("expiresAt"));
    assertThat(expires)
        .isBetween(before.plusSeconds(30 * 86400 - 5), Instant.now().plusSeconds(30 * 86400));
  }

  @Test
  void refusesABadRoleOrExpiryBeforeAsking() {
    Result role = api.cli("token", "create", "ci", "--role", "root", "--token", ADMIN);
    assertThat(role.code()).isEqualTo(64);
    assertThat(role.err()).contains("--role").contains("root");
    Result expiry =
        api.cli("token", "create", "ci", "--role", "viewer", "--expires", "soon", "--token", ADMIN);
    assertThat(expiry.code()).isEqualTo(64);
    assertThat(expiry.err()).contains("invalid --expires 'soon'");
    assertThat(api.requests).isEmpty();
  }

  @Test
  void listsTokensWithoutTheirValues() {
    api.answer(
        "GET /api/tokens",
        200,
        "{\"tokens\":[{\"id\":\"1\",\"name\":\"bootstrap\",\"owner\":\"admin\",\"role\":\"admin\","
            + "\"createdAt\":\"2026-12-06T15:00:00Z\",\"expiresAt\":null,"
            + "\"lastUsedAt\":\"2026-12-06T16:00:00Z\",\"revokedAt\":null}]}");
    Result list = api.cli("token", "list", "--token", ADMIN);
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out())
        .containsPattern(
            "(?m)^ID\\s+NAME\\s+OWNER\\s+ROLE\\s+CREATED\\s+EXPIRES\\s+LAST USED\\s+REVOKED$")
        .containsPattern(
            "(?m)^1\\s+bootstrap\\s+admin\\s+admin\\s+2026-12-06T15:00:00Z\\s+-\\s+2026-12-06T16:00:00Z\\s+-$");
  }

  @Test
  void revokesATokenWithAJsonDelete() {
    api.answer("DELETE /api/tokens/7", 200, "{\"id\":\"7\",\"revoked\":true}");
    Result revoked = api.cli("token", "revoke", "7", "--token", ADMIN);
    assertThat(revoked.code()).as(revoked.err()).isZero();
    assertThat(revoked.out()).startsWith("revoked token 7");
    FakeApi.Request request = api.only();
    assertThat(request.method()).isEqualTo("DELETE");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.body()).isEqualTo("{}");

    api.answer("DELETE /api/tokens/8", 403, "{\"error\":\"admins only\"}");
    Result forbidden = api.cli("token", "revoke", "8", "--token", ADMIN);
    assertThat(forbidden.code()).isEqualTo(77);
    assertThat(forbidden.err()).contains("not allowed: admins only (403)");
  }

  @Test
  void expiryForms() {
    Instant now = Instant.parse("2026-12-06T16:00:00Z");
    assertThat(Expiry.parse("2027-01-31T00:00:00Z", now)).isEqualTo("2027-01-31T00:00:00Z");
    assertThat(Expiry.parse("2027-01-31T02:00:00+02:00", now)).isEqualTo("2027-01-31T00:00:00Z");
    assertThat(Expiry.parse("2027-01-31", now)).isEqualTo("2027-01-31T00:00:00Z");
    assertThat(Expiry.parse("30d", now)).isEqualTo("2027-01-05T16:00:00Z");
    assertThat(Expiry.parse("PT12H", now)).isEqualTo("2026-12-07T04:00:00Z");
    assertThatThrownBy(() -> Expiry.parse("2020-01-01", now))
        .hasMessage("invalid --expires '2020-01-01': 2020-01-01T00:00:00Z is not in the future");
  }
}
