package dev.runbooks.starter.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.starter.testing.ApiTestApplication;
import dev.runbooks.starter.testing.UiSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bearer JWTs from a real issuer ({@link TestIssuer}, Spring Authorization Server in-process): a
 * valid token is accepted with the name and role its claims give; an expired one, one for another
 * audience and one naming another issuer are refused; after the issuer rotates its key, tokens
 * signed with the new key are accepted. The page's OIDC login starts an authorization-code flow
 * with PKCE.
 */
@SpringBootTest(
    classes = ApiTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "runbook.test.catalog-dir=src/test/resources/runbooks")
class OidcTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static TestIssuer issuer;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void oidc(DynamicPropertyRegistry registry) throws Exception {
    issuer = TestIssuer.start("http://localhost:0/login/oauth2/code/oidc");
    registry.add("runbook.security.oidc.issuer-uri", issuer::issuer);
    registry.add("runbook.security.oidc.audience", () -> "runbooks");
    registry.add("runbook.security.oidc.client-id", () -> "runbooks");
    registry.add("runbook.security.oidc.client-secret", () -> "runbooks-secret");
  }

  @AfterAll
  static void stop() {
    if (issuer != null) {
      issuer.stop();
    }
  }

  @Test
  void aValidTokenIsAcceptedWithTheRoleOfItsGroups() throws Exception {
    String token = issuer.token("runbooks");
    assertThat(call("GET", "/api/runbooks", token).statusCode()).isEqualTo(200);
    // runbook-approvers: an approver may start runs, but not manage tokens.
    assertThat(call("POST", "/api/runbooks/gated/runs", token).statusCode()).isEqualTo(201);
    assertThat(call("GET", "/api/tokens", token).statusCode()).isEqualTo(403);
  }

  @Test
  void expiredForeignAndForgedTokensAreRefused() throws Exception {
    assertThat(call("GET", "/api/runbooks", issuer.token("expired")).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/api/runbooks", issuer.token("stranger")).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/api/runbooks", issuer.token("forger")).statusCode()).isEqualTo(401);
    String valid = issuer.token("runbooks");
    String tampered = valid.substring(0, valid.length() - 4) + "AAAA";
    assertThat(call("GET", "/api/runbooks", tampered).statusCode()).isEqualTo(401);
  }

  @Test
  void tokensSignedWithARotatedKeyAreAccepted() throws Exception {
    assertThat(call("GET", "/api/runbooks", issuer.token("runbooks")).statusCode()).isEqualTo(200);
    issuer.rotateKeys();
    assertThat(call("GET", "/api/runbooks", issuer.token("runbooks")).statusCode()).isEqualTo(200);
  }

  @Test
  void thePageOffersTheProvidersLoginWithPkce() {
    UiSession browser = UiSession.anonymous("http://localhost:" + port);
    assertThat(browser.get("/ui/login").body()).contains("href=\"/oauth2/authorization/oidc\"");
    HttpResponse<String> redirect = browser.get("/oauth2/authorization/oidc");
    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(redirect.headers().firstValue("Location").orElseThrow())
        .startsWith(issuer.issuer() + "/oauth2/authorize?")
        .contains("response_type=code", "client_id=runbooks", "code_challenge=")
        .contains("code_challenge_method=S256", "scope=openid%20profile%20email");
  }

  private HttpResponse<String> call(String method, String path, String token) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString("POST".equals(method) ? "{}" : ""))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
