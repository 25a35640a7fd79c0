package dev.runbooks.starter.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.intake.IntakeTestApplication;
import dev.runbooks.starter.testing.TestCredentials;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * API tokens over PostgreSQL (migration V4): an admin creates one (shown once), it works with its
 * role and records its use, it is listed without the token, and it stops working when revoked or
 * expired. The properties are the matrix test's, so both share one application.
 */
@SpringBootTest(
    classes = IntakeTestApplication.class,
    properties = {
      "runbook.intake.dispatcher.enabled=false",
      TestUsers.VIEWER,
      TestUsers.VIEWER_HASH,
      TestUsers.OPERATOR,
      TestUsers.OPERATOR_HASH,
      TestUsers.OPERATOR_GROUPS,
      TestUsers.APPROVER,
      TestUsers.APPROVER_HASH,
      TestUsers.APPROVER_GROUPS
    })
@AutoConfigureMockMvc
class ApiTokensApiTest {
  @Autowired MockMvc mvc;
  @Autowired Jdbi jdbi;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void createUseListAndRevoke() throws Exception {
    Map<String, Object> created =
        call(
            post("/api/tokens").content("{\"name\": \"ci deploys\", \"role\": \"operator\"}"),
            TestCredentials.TOKEN,
            201);
    String token = created.get("token").toString();
    assertThat(token).matches("rbk_[A-Za-z0-9_-]{43}");
    assertThat(created)
        .containsEntry("name", "ci deploys")
        .containsEntry("owner", "admin")
        .containsEntry("role", "operator")
        .containsKeys("id", "createdAt", "expiresAt");
    String id = created.get("id").toString();
    String stored =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT token_hash FROM api_tokens WHERE id = CAST(:id AS uuid)")
                    .bind("id", id)
                    .mapTo(String.class)
                    .one());
    assertThat(stored).hasSize(64).doesNotContain(token.substring(4));

    call(get("/api/runbooks"), token, 200);
    call(get("/api/tokens"), token, 403);
    call(post("/api/runbooks/nope/runs").content("{}"), token, 404);

    Map<String, Object> listed = call(get("/api/tokens"), TestCredentials.TOKEN, 200);
    Map<?, ?> row = find(listed, id);
    assertThat(row.get("lastUsedAt")).isNotNull();
    assertThat(row.get("revokedAt")).isNull();
    assertThat(listed.toString()).doesNotContain(token);
    assertThat(find(listed, null).get("name")).isEqualTo("bootstrap");

    assertThat(call(delete("/api/tokens/" + id), TestCredentials.TOKEN, 200))
        .containsEntry("id", id)
        .containsEntry("revoked", true);
    call(get("/api/runbooks"), token, 401);
    assertThat(find(call(get("/api/tokens"), TestCredentials.TOKEN, 200), id).get("revokedAt"))
        .isNotNull();
    call(delete("/api/tokens/00000000-0000-0000-0000-000000000000"), TestCredentials.TOKEN, 404);

    List<Map<String, Object>> audited =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT action, principal, channel, result, details::text AS details"
                            + " FROM action_audit WHERE target = :id ORDER BY id")
                    .bind("id", id)
                    .mapToMap()
                    .list());
    assertThat(audited)
        .extracting(r -> r.get("action"))
        .containsExactly("token-create", "token-revoke");
    assertThat(audited)
        .allSatisfy(
            r ->
                assertThat(r)
                    .containsEntry("principal", "admin")
                    .containsEntry("channel", "api")
                    .containsEntry("result", "accepted"));
    assertThat(audited.get(0).get("details").toString())
        .contains("ci deploys", "operator")
        .doesNotContain(token);
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    String soon = Instant.now().plusSeconds(3600).toString();
    String past = Instant.now().minusSeconds(1).toString();
    String valid =
        call(
                post("/api/tokens")
                    .content(
                        "{\"name\": \"an hour\", \"role\": \"viewer\", \"expiresAt\": \""
                            + soon
                            + "\"}"),
                TestCredentials.TOKEN,
                201)
            .get("token")
            .toString();
    String expired =
        call(
                post("/api/tokens")
                    .content(
                        "{\"name\": \"gone\", \"role\": \"admin\", \"expiresAt\": \""
                            + past
                            + "\"}"),
                TestCredentials.TOKEN,
                201)
            .get("token")
            .toString();
    call(get("/api/runbooks"), valid, 200);
    call(get("/api/runbooks"), expired, 401);
  }

  @Test
  void refusesBadRequests() throws Exception {
    assertThat(
            call(post("/api/tokens").content("{\"role\": \"admin\"}"), TestCredentials.TOKEN, 400)
                .get("message")
                .toString())
        .contains("'name' is required");
    assertThat(
            call(
                    post("/api/tokens").content("{\"name\": \"x\", \"role\": \"root\"}"),
                    TestCredentials.TOKEN,
                    400)
                .get("message")
                .toString())
        .contains("viewer, operator, approver or admin");
    assertThat(
            call(
                    post("/api/tokens")
                        .content(
                            "{\"name\": \"x\", \"role\": \"viewer\", \"expiresAt\": \"soon\"}"),
                    TestCredentials.TOKEN,
                    400)
                .get("message")
                .toString())
        .contains("ISO-8601");
  }

  private static Map<?, ?> find(Map<String, Object> listed, String id) {
    List<?> tokens = (List<?>) listed.get("tokens");
    return tokens.stream()
        .map(t -> (Map<?, ?>) t)
        .filter(t -> id == null ? "bootstrap".equals(t.get("name")) : id.equals(t.get("id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("not listed: " + id + " in " + listed));
  }

  private Map<String, Object> call(MockHttpServletRequestBuilder request, String token, int status)
      throws Exception {
    MvcResult result =
        mvc.perform(
                request.header("Authorization", "Bearer " + token).contentType("application/json"))
            .andReturn();
    String text = result.getResponse().getContentAsString();
    assertThat(result.getResponse().getStatus()).as(text).isEqualTo(status);
    return text.isEmpty() ? Map.of() : json.readValue(text, new TypeReference<>() {});
  }
}
