package dev.runbooks.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.testing.TestCredentials;
import dev.runbooks.worker.loop.Poll;
import dev.runbooks.worker.loop.RealAlertmanager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real Prometheus Alertmanager end to end against the whole worker application (embedded
 * PostgreSQL, embedded Temporal test server, the interpreter): an alert posted to Alertmanager's
 * API reaches the webhook with bearer authentication, starts the matching runbook once, the run
 * waits in a {@code waitUntil} with {@code untilResolved}, and resolving the alert in Alertmanager
 * ends the wait and the run. Alertmanager's notifications are also captured byte for byte, kept
 * under {@code target/alertmanager-captured}, and compared in shape with the committed fixture
 * {@code starter/src/test/resources/intake/alertmanager-captured.json}; run with {@code
 * -Drunbook.update-fixtures=true} to rewrite that fixture from this run.
 */
class RealAlertmanagerTest {
  private static final String TOKEN = "real-alertmanager-test-token";
  private static final String ALERT = "RealAlertmanagerDiskPressure";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path FIXTURES =
      Path.of("").toAbsolutePath().getParent().resolve("starter/src/test/resources/intake");

  private static ConfigurableApplicationContext app;
  private static CaptureServer capture;
  private static RealAlertmanager alertmanager;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    Path data = Files.createDirectories(Path.of("target/test-data/real-am-" + System.nanoTime()));
    Path catalog = Files.createDirectories(data.resolve("runbooks"));
    Files.writeString(catalog.resolve("disk-pressure.yaml"), TestRunbook.YAML);
    int temporal;
    try (ServerSocket socket = new ServerSocket(0)) {
      temporal = socket.getLocalPort();
    }
    app =
        new SpringApplicationBuilder(RunbookApplication.class)
            .run(
                "--server.port=0",
                "--runbook.temporal.embedded=true",
                "--runbook.temporal.embedded-port=" + temporal,
                "--runbook.catalog.dir=" + catalog,
                "--runbook.data-dir=" + data,
                "--runbook.intake.dispatcher.interval=100ms",
                "--runbook.intake.sources.alertmanager.auth.type=bearer",
                "--runbook.intake.sources.alertmanager.auth.token=" + TOKEN);
    base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    capture = new CaptureServer();
    alertmanager =
        new RealAlertmanager(
            data.resolve("alertmanager"),
            TestRunbook.alertmanagerConfig(
                base + "/webhooks/alertmanager", capture.url("/capture"), TOKEN),
            WAIT);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (alertmanager != null) {
        alertmanager.close();
      }
    } finally {
      if (capture != null) {
        capture.close();
      }
      if (app != null) {
        app.close();
      }
    }
  }

  @Test
  void anAlertFromTheRealAlertmanagerStartsOneRunAndItsResolveEndsTheWait() throws Exception {
    HttpResponse<String> anonymous = post(base + "/webhooks/alertmanager", "{}");
    assertThat(anonymous.statusCode()).as("the webhook demands the bearer token").isEqualTo(401);

    Instant startsAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    long posted = System.nanoTime();
    alertmanager.post(TestRunbook.alerts(startsAt, null));
    CaptureServer.Captured firingBody = await("the firing notification", () -> captured("firing"));
    long notifiedMs = elapsedMs(posted);
    JsonNode firing = await("a dispatched firing alert in the inbox", () -> row("firing"));
    long dispatchedMs = elapsedMs(posted);
    JsonNode started = firing.path("routes").path(0);
    assertThat(started.path("action").asText()).as(firing.toString()).isEqualTo("started");
    assertThat(started.path("runbook").asText()).isEqualTo("disk-pressure");
    String workflowId = started.path("workflowId").asText();
    String runId = started.path("runId").asText();
    assertThat(workflowId)
        .isEqualTo("runbook/disk-pressure/" + firing.path("fingerprint").asText());
    JsonNode waiting =
        await("the run waiting in its waitUntil step", () -> waitingStep(workflowId));
    long runStartedMs = elapsedMs(posted);
    assertThat(waiting.path("kind").asText()).isEqualTo("waitUntil");
    assertThat(waiting.path("step").asText()).isEqualTo("wait_resolved");

    long resolving = System.nanoTime();
    alertmanager.post(TestRunbook.alerts(startsAt, Instant.now()));
    JsonNode resolved = await("a dispatched resolved alert in the inbox", () -> row("resolved"));
    assertThat(resolved.path("fingerprint").asText())
        .isEqualTo(firing.path("fingerprint").asText());
    assertThat(resolved.path("routes").path(0).path("action").asText()).isEqualTo("resolved");
    assertThat(resolved.path("routes").path(0).path("runId").asText()).isEqualTo(runId);
    JsonNode report = await("the run's report", () -> report(workflowId));
    long runEndedMs = elapsedMs(resolving);
    CaptureServer.Captured resolvedBody =
        await("the resolved notification", () -> captured("resolved"));

    assertThat(report.path("outcome").asText()).as(report.toString()).isEqualTo("resolved");
    assertThat(report.path("runId").asText()).isEqualTo(runId);
    JsonNode wait = step(report, "wait_resolved");
    assertThat(wait.path("status").asText()).as(wait.toString()).isEqualTo("succeeded");
    assertThat(wait.path("result").path("alertResolved").asBoolean()).as(wait.toString()).isTrue();
    assertThat(wait.path("result").path("met").asBoolean()).isFalse();
    assertThat(wait.path("result").path("timedOut").asBoolean()).isFalse();
    assertExactlyOneRun(firing.path("fingerprint").asText(), workflowId, runId);

    assertThat(firingBody.authorization()).isEqualTo("Bearer " + TOKEN);
    assertThat(firingBody.contentType()).startsWith("application/json");
    Path kept = keep(firingBody, resolvedBody);
    System.out.printf(
        "RealAlertmanagerTest: after the post to Alertmanager: notified %d ms, dispatched %d ms,"
            + " run waiting %d ms; after the resolve: run ended %d ms; notifications in %s%n",
        notifiedMs, dispatchedMs, runStartedMs, runEndedMs, kept);
  }

  /** Every route of every row for the fingerprint names the same run, started exactly once. */
  private static void assertExactlyOneRun(String fingerprint, String workflowId, String runId)
      throws Exception {
    List<JsonNode> routes = new ArrayList<>();
    for (JsonNode row : getJson(base + "/api/alerts?source=alertmanager").path("alerts")) {
      if (row.path("fingerprint").asText().equals(fingerprint)) {
        row.path("routes").forEach(routes::add);
      }
    }
    assertThat(routes.stream().filter(r -> r.path("action").asText().equals("started")))
        .as("routes of %s: %s", fingerprint, routes)
        .hasSize(1);
    assertThat(routes).allSatisfy(r -> assertThat(r.path("runId").asText()).isEqualTo(runId));
    JsonNode run = getJson(base + "/api/runs/" + workflowId);
    assertThat(run.path("runId").asText()).as("the latest run of " + workflowId).isEqualTo(runId);
  }

  /** The newest inbox row of the test alert with that status, once it is dispatched. */
  private static JsonNode row(String status) throws Exception {
    for (JsonNode row : getJson(base + "/api/alerts?status=" + status).path("alerts")) {
      if (row.path("name").asText().equals(ALERT)
          && row.path("state").asText().equals("dispatched")) {
        return row;
      }
    }
    return null;
  }

  private static JsonNode waitingStep(String workflowId) throws Exception {
    JsonNode waiting = getJson(base + "/api/runs/" + workflowId).path("status").path("waiting");
    return waiting.size() == 1 ? waiting.get(0) : null;
  }

  private static JsonNode report(String workflowId) throws Exception {
    JsonNode run = getJson(base + "/api/runs/" + workflowId);
    String status = run.path("executionStatus").asText();
    return status.isEmpty() || status.equals("running") ? null : run.path("report");
  }

  private static JsonNode step(JsonNode report, String id) {
    for (JsonNode step : report.path("steps")) {
      if (step.path("id").asText().equals(id)) {
        return step;
      }
    }
    throw new AssertionError("no step " + id + " in the report " + report);
  }

  private static CaptureServer.Captured captured(String status) throws Exception {
    for (CaptureServer.Captured request : capture.requests()) {
      if (JSON.readTree(request.body()).path("status").asText().equals(status)) {
        return request;
      }
    }
    return null;
  }

  /**
   * Keeps the captured notifications under {@code target}, checks the committed fixture has the
   * same shape, and rewrites the fixture when {@code runbook.update-fixtures} is true.
   */
  private static Path keep(CaptureServer.Captured firing, CaptureServer.Captured resolved)
      throws Exception {
    Path dir = Files.createDirectories(Path.of("target/alertmanager-captured"));
    Files.write(dir.resolve("alertmanager-captured.json"), firing.body());
    Files.write(dir.resolve("alertmanager-captured-resolved.json"), resolved.body());
    Path fixture = FIXTURES.resolve("alertmanager-captured.json");
    Path resolvedFixture = FIXTURES.resolve("alertmanager-captured-resolved.json");
    if (Boolean.getBoolean("runbook.update-fixtures")) {
      Files.write(fixture, firing.body());
      Files.write(resolvedFixture, resolved.body());
    }
    assertThat(fixture)
        .as("the committed fixture (rewrite it with -Drunbook.update-fixtures=true)")
        .exists();
    assertThat(JsonShape.of(JSON.readTree(firing.body())))
        .as("fields Alertmanager posts now vs the committed fixture " + fixture)
        .isEqualTo(JsonShape.of(JSON.readTree(fixture.toFile())));
    assertThat(JsonShape.of(JSON.readTree(resolved.body())))
        .isEqualTo(JsonShape.of(JSON.readTree(resolvedFixture.toFile())));
    return dir;
  }

  /** Polls until the probe gives a value, failing after {@link #WAIT} with what both sides show. */
  private static <T> T await(String what, Callable<T> probe) throws Exception {
    return Poll.until(
        what,
        WAIT,
        probe,
        () ->
            "--- app GET /api/alerts ---\n"
                + get(base + "/api/alerts").body()
                + "\n--- captured notifications: "
                + capture.requests().size()
                + " ---\n"
                + alertmanager.logTail());
  }

  private static long elapsedMs(long since) {
    return Duration.ofNanos(System.nanoTime() - since).toMillis();
  }

  private static JsonNode getJson(String url) throws Exception {
    return JSON.readTree(get(url).body());
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        TestCredentials.request(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String url, String body) throws Exception {
    return HTTP.send(
        TestCredentials.request(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
