package dev.runbooks.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.starter.testing.ApiTestApplication;
import dev.runbooks.starter.testing.TestCredentials;
import dev.runbooks.starter.testing.UiSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web hardening over real HTTP: a foreign {@code Host} (DNS rebinding), cross-site posts
 * without credentials or without JSON, CORS, CSRF on the page's forms, the login with a bcrypt
 * local user, the session cookie and signing out.
 */
@SpringBootTest(
    classes = ApiTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "runbook.test.catalog-dir=src/test/resources/runbooks",
      TestUsers.VIEWER,
      TestUsers.VIEWER_HASH,
      TestUsers.OPERATOR,
      TestUsers.OPERATOR_HASH,
      TestUsers.OPERATOR_GROUPS,
      TestUsers.APPROVER,
      TestUsers.APPROVER_HASH,
      TestUsers.APPROVER_GROUPS
    })
class WebHardeningTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @LocalServerPort int port;

  @Test
  void aForeignHostIsMisdirectedEverywhere() throws Exception {
    assertThat(raw("GET /api/runbooks", "evil.example")).startsWith("HTTP/1.1 421");
    assertThat(raw("GET /ui", "rebound.attacker.test:" + port)).startsWith("HTTP/1.1 421");
    assertThat(raw("POST /webhooks/alertmanager", "evil.example")).startsWith("HTTP/1.1 421");
    assertThat(raw("GET /api/runbooks", "localhost:" + port)).startsWith("HTTP/1.1 401");
    assertThat(raw("GET /api/runbooks", "127.0.0.1:" + port)).startsWith("HTTP/1.1 401");
  }

  @Test
  void aCrossSitePostCannotStartARun() throws Exception {
    HttpResponse<String> anonymous = start(null, "text/plain", "");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).contains("\"error\":\"unauthorized\"", "correlationId");
    assertThat(start(TestCredentials.TOKEN, "text/plain", "").statusCode()).isEqualTo(415);
    assertThat(start(TestCredentials.TOKEN, null, "").statusCode()).isEqualTo(415);
    assertThat(
            start(TestCredentials.TOKEN, "application/x-www-form-urlencoded", "a=b").statusCode())
        .isEqualTo(415);
    assertThat(start(TestCredentials.TOKEN, "application/json", "{}").statusCode()).isEqualTo(201);
    assertThat(start("rbk_" + "A".repeat(43), "application/json", "{}").statusCode())
        .isEqualTo(401);
    assertThat(start("not-a-jwt", "application/json", "{}").statusCode()).isEqualTo(401);
  }

  @Test
  void corsIsClosed() throws Exception {
    HttpResponse<String> preflight =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/runbooks/gated/runs"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void thePageNeedsALoginAndItsFormsACsrfToken() throws Exception {
    HttpResponse<String> anonymous = UiSession.anonymous(base()).get("/ui");
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/ui/login");

    String id = startGated();
    UiSession approver = UiSession.login(base(), "approver", "pw-approver");
    assertThat(approver.get("/ui/runs/" + id).body()).contains("name=\"_csrf\"");
    HttpResponse<String> forged =
        approver.postRaw("/ui/runs/" + id + "/approve", Map.of("name", "x", "step", "gate"));
    assertThat(forged.statusCode()).isEqualTo(403);
    HttpResponse<String> wrongToken =
        approver.postRaw(
            "/ui/runs/" + id + "/approve", Map.of("name", "x", "step", "gate", "_csrf", "forged"));
    assertThat(wrongToken.statusCode()).isEqualTo(403);
    HttpResponse<String> sent =
        approver.post("/ui/runs/" + id + "/approve", Map.of("name", "approver", "step", "gate"));
    assertThat(sent.statusCode()).isEqualTo(303);
    assertThat(approver.get("/ui/runs/" + id + "?sent=approve&by=approver").statusCode())
        .isEqualTo(200);
    HttpResponse<String> again =
        approver.post("/ui/runs/" + id + "/reject", Map.of("name", "approver", "step", "gate"));
    assertThat(again.statusCode()).as(again.body()).isNotEqualTo(403);
  }

  @Test
  void theTokenOfTheHomePageWorksToo() throws Exception {
    String id = startGated();
    UiSession approver = UiSession.login(base(), "approver", "pw-approver");
    HttpResponse<String> home = approver.get("/ui");
    HttpResponse<String> sent =
        approver.post("/ui/runs/" + id + "/approve", Map.of("name", "approver", "step", "gate"));
    assertThat(sent.statusCode()).as(home.body()).isEqualTo(303);
  }

  @Test
  void aViewerCannotDecideFromThePage() throws Exception {
    String id = startGated();
    UiSession viewer = UiSession.login(base(), "viewer", "pw-viewer");
    assertThat(viewer.get("/ui/runs/" + id).statusCode()).isEqualTo(200);
    assertThat(viewer.post("/ui/runs/" + id + "/approve", Map.of("name", "viewer")).statusCode())
        .isEqualTo(403);
  }

  @Test
  void localUsersSignInWithTheirBcryptPasswordAndSignOut() throws Exception {
    UiSession wrong = UiSession.anonymous(base());
    wrong.get("/ui/login");
    HttpResponse<String> refused =
        wrong.post("/ui/login", Map.of("username", "operator", "password", "pw-viewer"));
    assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/ui/login?error");

    UiSession operator = UiSession.anonymous(base());
    assertThat(operator.get("/ui/login").body())
        .contains("<form method=\"post\" action=\"/ui/login\"");
    HttpResponse<String> login =
        operator.post("/ui/login", Map.of("username", "operator", "password", "pw-operator"));
    assertThat(login.statusCode()).isEqualTo(302);
    List<String> cookies = login.headers().allValues("Set-Cookie");
    assertThat(cookies)
        .anySatisfy(
            c -> assertThat(c).startsWith("JSESSIONID=").contains("HttpOnly", "SameSite=Lax"));
    HttpResponse<String> home = operator.get("/ui");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("class=\"who\">operator<", "Sign out");
    assertThat(home.body()).doesNotContain("security is disabled");

    HttpResponse<String> out = operator.post("/ui/logout", Map.of());
    assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/ui/login?logout");
    assertThat(operator.get("/ui").statusCode()).isEqualTo(302);
  }

  private String startGated() throws Exception {
    HttpResponse<String> started = start(TestCredentials.TOKEN, "application/json", "{}");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    return started.body().replaceAll("(?s).*\"workflowId\":\"([^\"]+)\".*", "$1");
  }

  private HttpResponse<String> start(String token, String type, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base() + "/api/runbooks/gated/runs"))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (type != null) {
      request.header("Content-Type", type);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A request with the {@code Host} header of our choice (Java's client will not send one). */
  private String raw(String requestLine, String host) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          (requestLine
                  + " HTTP/1.1\r\nHost: "
                  + host
                  + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection:"
                  + " close\r\n\r\n{}")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
