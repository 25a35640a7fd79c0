package dev.runbooks.starter.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.starter.testing.ApiTestApplication;
import dev.runbooks.starter.testing.TestCredentials;
import dev.runbooks.starter.testing.UiSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
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
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = "runbook.test.catalog-dir=src/test/resources/runbooks")
class OidcTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static TestIssuer issuer;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void oidc(DynamicPropertyRegistry registry) throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    int app = port;
    registry.add("server.port", () -> app);
    issuer = TestIssuer.start("http://localhost:" + app + "/login/oauth2/code/oidc");
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

  @Test
  void aPersonSignsInThroughTheProviderAndDecides() throws Exception {
    String started = call("POST", "/api/runbooks/gated/runs", TestCredentials.TOKEN).body();
    String id = started.replaceAll("(?s).*\"workflowId\":\"([^\"]+)\".*", "$1");

    UiSession browser = UiSession.anonymous("http://localhost:" + port);
    String next = location(browser.get("/ui"));
    assertThat(next).endsWith("/ui/login");
    next = location(browser.get("/oauth2/authorization/oidc"));
    // At the provider: its login form, then back to the authorization endpoint, then to us.
    next = location(browser.get(next));
    assertThat(next).startsWith(issuer.issuer() + "/login");
    HttpResponse<String> form = browser.get(next);
    assertThat(form.statusCode()).isEqualTo(200);
    next =
        location(
            browser.post(
                issuer.issuer() + "/login",
                Map.of("username", "alice", "password", "alice-password")));
    next = location(browser.get(next));
    assertThat(next).startsWith("http://localhost:" + port + "/login/oauth2/code/oidc?code=");
    next = location(browser.get(next));
    assertThat(next).startsWith("http://localhost:" + port + "/ui");
    HttpResponse<String> home = browser.get("/ui");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("class=\"who\">alice<");

    // Alice's groups claim makes her an approver: the page's form decides the approval.
    HttpResponse<String> run = browser.get("/ui/runs/" + id);
    assertThat(run.statusCode()).isEqualTo(200);
    HttpResponse<String> sent =
        browser.post("/ui/runs/" + id + "/approve", Map.of("name", "alice", "step", "gate"));
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(303);
  }

  private static String location(HttpResponse<String> answer) {
    assertThat(answer.statusCode()).as(answer.uri() + " " + answer.body()).isIn(302, 303);
    return answer.headers().firstValue("Location").orElseThrow();
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
