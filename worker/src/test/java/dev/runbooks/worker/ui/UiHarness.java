package dev.runbooks.worker.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.security.oidc.TestIssuer;
import dev.runbooks.starter.testing.TestCredentials;
import dev.runbooks.starter.testing.UiSession;
import dev.runbooks.worker.RunbookApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The worker application against the real Temporal dev server, once per test JVM, serving the
 * runbooks of {@code src/test/resources/ui/runbooks}, with its embedded PostgreSQL for the inbox
 * and audit trail; plus HTTP helpers for the page tests.
 */
final class UiHarness {
  /** The Temporal Web UI address the run pages link to. */
  static final String TEMPORAL_UI = "http://localhost:18233";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static UiHarness instance;

  private final java.util.Set<String> started = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final DevServer temporal;
  private final ConfigurableApplicationContext app;
  private final String base;
  private final UiSession session;
  private final TestIssuer issuer;

  /** An HTTP answer. */
  record Answer(int status, String body, HttpResponse<String> response) {
    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }
  }

  private UiHarness() throws Exception {
    Path data = Path.of("target/ui-data/" + UUID.randomUUID()).toAbsolutePath();
    temporal = DevServer.start(data.resolve("temporal"));
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    // An OIDC issuer for the page's provider login (the tests' local admin signs in with a form).
    issuer = TestIssuer.start("http://localhost:" + port + "/login/oauth2/code/oidc");
    app =
        new SpringApplicationBuilder(RunbookApplication.class)
            .run(
                "--server.port=" + port,
                "--runbook.security.oidc.issuer-uri=" + issuer.issuer(),
                "--runbook.security.oidc.audience=runbooks",
                "--runbook.security.oidc.client-id=runbooks",
                "--runbook.security.oidc.client-secret=runbooks-secret",
                "--runbook.temporal.target=" + temporal.target(),
                "--runbook.catalog.dir="
                    + Path.of("src/test/resources/ui/runbooks").toAbsolutePath(),
                "--runbook.data-dir=" + data.resolve("worker"),
                "--runbook.schedules.enabled=false",
                "--runbook.intake.allow-unauthenticated=true",
                "--runbook.intake.dispatcher.interval=50ms",
                "--runbook.api.ui-url=" + TEMPORAL_UI,
                "--runbook.ui.refresh=60s");
    // localhost, not 127.0.0.1: the issuer is on 127.0.0.1, and cookies ignore ports.
    base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
    session = UiSession.admin(base);
    Runtime.getRuntime().addShutdownHook(new Thread(this::close, "ui-harness-stop"));
  }

  /** The harness of this JVM, started on first use. */
  static synchronized UiHarness get() {
    if (instance == null) {
      try {
        instance = new UiHarness();
      } catch (Exception e) {
        throw new IllegalStateException("cannot start the web page harness", e);
      }
    }
    return instance;
  }

  /** The application's base URL, such as {@code http://127.0.0.1:41234}. */
  String base() {
    return base;
  }

  /**
   * GET a path of the application: a page as the signed-in admin (the harness logs in through the
   * login form), the API with the admin token.
   */
  Answer get(String path) {
    if (path.startsWith("/ui")) {
      return answer(session.get(path));
    }
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  /**
   * POST a form to a path of the application as the signed-in admin, with the page's CSRF token and
   * extra headers (name, value pairs).
   */
  Answer postForm(String path, Map<String, String> fields, String... headers) {
    return answer(session.post(path, fields, headers));
  }

  /** POST a form as the signed-in admin without a CSRF token: what a cross-site page can send. */
  Answer postFormWithoutCsrf(String path, Map<String, String> fields, String... headers) {
    return answer(session.postRaw(path, fields, headers));
  }

  private static Answer answer(HttpResponse<String> response) {
    return new Answer(response.statusCode(), response.body(), response);
  }

  /** POST JSON to a path of the application; the answer as JSON. */
  JsonNode postJson(String path, Object body) {
    try {
      Answer answer =
          send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** POST JSON to a path of the application as the admin; the answer with its status. */
  Answer post(String path, Object body) {
    try {
      return send(
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** GET JSON from a path of the application. */
  JsonNode json(String path) {
    try {
      return JSON.readTree(get(path).body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a runbook through the API; returns the workflow id. */
  String start(String runbook, Map<String, Object> inputs) {
    JsonNode answer = postJson("/api/runbooks/" + runbook + "/runs", inputs);
    String id = answer.path("workflowId").asText();
    if (id.isEmpty()) {
      throw new AssertionError("not started: " + answer);
    }
    return track(id);
  }

  /** Remembers a run a test started, so that {@link #abortLeftovers()} can end it. */
  String track(String workflowId) {
    started.add(workflowId);
    return workflowId;
  }

  /** Aborts the runs the tests started that still run (waiting for a decision nobody sends). */
  void abortLeftovers() {
    for (String id : List.copyOf(started)) {
      if (json("/api/runs/" + id).path("executionStatus").asText().equals("running")) {
        postJson("/api/runs/" + id + "/abort", Map.of("by", "ui-tests", "reason", "test over"));
      }
      started.remove(id);
    }
  }

  /** Starts ui-restart against the application's own health endpoint. */
  String startRestart() {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("url", base + "/actuator/health");
    return start("ui-restart", inputs);
  }

  /** One run of each kind the run lists show: resolved, failed, and waiting for a person. */
  record ThreeRuns(String quick, String fails, String waiting) {}

  /**
   * Starts ui-quick, ui-fails and ui-restart and waits until the first two closed and the third
   * waits for a person.
   */
  ThreeRuns startThree() {
    String quick = start("ui-quick", Map.of("who", "ada"));
    String fails = start("ui-fails", Map.of());
    String waiting = startRestart();
    awaitClosed(quick);
    awaitClosed(fails);
    awaitWaiting(waiting);
    return new ThreeRuns(quick, fails, waiting);
  }

  /** Waits until {@code GET /api/runs/{id}} satisfies the condition; returns it. */
  JsonNode awaitRun(String id, Predicate<JsonNode> condition, String what) {
    return await(() -> json("/api/runs/" + id), condition, "run " + id + " " + what);
  }

  /** Waits until the run waits for a person. */
  JsonNode awaitWaiting(String id) {
    return awaitRun(id, run -> run.path("status").path("waiting").size() > 0, "waits for a person");
  }

  /** Waits until the run closed. */
  JsonNode awaitClosed(String id) {
    return awaitRun(
        id, run -> !run.path("executionStatus").asText("running").equals("running"), "closed");
  }

  /** Waits until a page's body satisfies the condition (visibility lags a moment behind). */
  Answer awaitPage(String path, Predicate<String> condition, String what) {
    return await(() -> get(path), answer -> condition.test(answer.body()), path + " " + what);
  }

  <T> T await(java.util.function.Supplier<T> poll, Predicate<T> condition, String what) {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      T value = poll.get();
      if (condition.test(value)) {
        return value;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("gave up waiting until " + what + ": " + value);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }

  /** A URL-encoded value. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              TestCredentials.admin(request).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The OIDC issuer the page's provider login uses. */
  TestIssuer issuer() {
    return issuer;
  }

  private void close() {
    try {
      app.close();
    } finally {
      issuer.stop();
      temporal.close();
    }
  }
}
