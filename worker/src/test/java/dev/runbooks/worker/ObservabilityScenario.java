package dev.runbooks.worker;

import com.sun.net.httpserver.HttpServer;
import dev.runbooks.starter.testing.TestCredentials;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application (embedded Temporal and PostgreSQL, JSON logs, the catalog in {@code
 * src/test/resources/metrics-runbooks}) driven through what the dashboard shows: alerts through the
 * Alertmanager webhook (one that resolves after a retry, one that waits for an approval and its
 * repeat, one whose inputs do not fit, one no runbook matches, one in a maintenance window, and a
 * payload that is not JSON), runs through the API (one escalated, one failed) and a run with
 * invalid inputs through Temporal. A local HTTP server is the probed system and the chat route.
 */
final class ObservabilityScenario implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final ConfigurableApplicationContext app;
  final String base;
  private final HttpServer target;
  final AtomicInteger chatMessages = new AtomicInteger();
  private final AtomicInteger flaky = new AtomicInteger();

  ObservabilityScenario() throws IOException {
    target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    target.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          exchange.getRequestBody().readAllBytes();
          int status =
              switch (path) {
                case "/flaky" -> flaky.incrementAndGet() == 1 ? 500 : 200;
                case "/broken" -> 500;
                case "/chat" -> {
                  chatMessages.incrementAndGet();
                  yield 200;
                }
                default -> 404;
              };
          byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    target.start();
    int temporal;
    try (ServerSocket socket = new ServerSocket(0)) {
      temporal = socket.getLocalPort();
    }
    Path data =
        Files.createDirectories(Path.of("target/test-data/observability-" + System.nanoTime()));
    // Spring Boot configures Logback once while an application it configured is still running, and
    // other test classes of this JVM leave theirs running: without this reset this application's
    // JSON log format would not apply.
    LoggingSystem.get(ObservabilityScenario.class.getClassLoader()).cleanUp();
    app =
        new SpringApplicationBuilder(RunbookApplication.class)
            .run(
                "--server.port=0",
                "--runbook.log.format=json",
                "--runbook.temporal.embedded=true",
                "--runbook.temporal.embedded-port=" + temporal,
                "--runbook.catalog.dir=src/test/resources/metrics-runbooks",
                "--runbook.data-dir=" + data,
                "--runbook.metrics.report-interval=200ms",
                "--runbook.metrics.approvals-interval=300ms",
                "--runbook.intake.dispatcher.interval=100ms",
                "--runbook.intake.allow-unauthenticated=true",
                "--runbook.routes.chat.type=webhook",
                "--runbook.routes.chat.url=" + targetUrl() + "/chat");
    base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
  }

  /** The probed system's base URL. */
  String targetUrl() {
    return "http://127.0.0.1:" + target.getAddress().getPort();
  }

  /** Drives everything and waits until the runs ended (or wait) and the meters show it. */
  void run() throws Exception {
    check(
        post(
            "/api/maintenance-windows",
            "{\"id\":\"quiet\",\"matchers\":[{\"name\":\"alertname\",\"value\":\"MetricsQuiet\"}],"
                + "\"endsAt\":\"2099-01-01T00:00:00Z\",\"comment\":\"test\",\"createdBy\":\"t\"}"),
        201);
    String tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10)).toString();
    check(
        post(
            "/webhooks/alertmanager",
            notification(
                alert(
                    "MetricsRecover",
                    "fp-recover",
                    tenMinutesAgo,
                    "\"base\":\"" + targetUrl() + "\""),
                alert("MetricsApproval", "fp-approval", tenMinutesAgo, null),
                alert("MetricsBadInputs", "fp-bad", tenMinutesAgo, "\"count\":\"many\""),
                alert("NobodyCares", "fp-nobody", tenMinutesAgo, null),
                alert("MetricsQuiet", "fp-quiet", tenMinutesAgo, null))),
        202);
    check(post("/webhooks/alertmanager", "{not json"), 400);
    awaitJson("/api/runs/runbook/m-approval/the-one", s -> s.contains("\"approval\""));
    check(
        post(
            "/webhooks/alertmanager",
            notification(alert("MetricsApproval", "fp-approval", tenMinutesAgo, null))),
        202);
    check(post("/api/runbooks/m-escalate/runs", "{}"), 201);
    check(post("/api/runbooks/m-failing/runs", "{\"base\":\"" + targetUrl() + "\"}"), 201);
    WorkflowStub invalid =
        app.getBean(WorkflowClient.class)
            .newUntypedWorkflowStub(
                "m-failing",
                WorkflowOptions.newBuilder()
                    .setTaskQueue("runbooks")
                    .setWorkflowId("invalid-inputs")
                    .build());
    invalid.start(Map.of("nope", 1));
    try {
      invalid.getResult(Map.class);
      throw new AssertionError("a run with invalid inputs completed");
    } catch (WorkflowFailedException expected) {
      // the workflow failed: temporal_workflow_failed_total
    }
    awaitScrape(
        s ->
            s.sum("runbook_runs_completed_total") == 3
                && s.sum("runbook_approvals_waiting", "runbook", "m-approval") == 1
                && s.sum("runbook_alerts_deduped_total") == 1
                && s.sum("temporal_workflow_failed_total") == 1);
  }

  /** The current scrape of {@code /actuator/prometheus}. */
  PrometheusText scrape() throws Exception {
    return PrometheusText.parse(get("/actuator/prometheus"));
  }

  private void awaitScrape(Predicate<PrometheusText> done) throws Exception {
    PrometheusText last = scrape();
    for (int i = 0; i < 600 && !done.test(last); i++) {
      Thread.sleep(100);
      last = scrape();
    }
    if (!done.test(last)) {
      throw new AssertionError(
          "the meters never showed the scenario's end:\n"
              + String.join("\n", last.names())
              + "\nalerts: "
              + get("/api/alerts"));
    }
  }

  private void awaitJson(String path, Predicate<String> done) throws Exception {
    String last = get(path);
    for (int i = 0; i < 300 && !done.test(last); i++) {
      Thread.sleep(100);
      last = get(path);
    }
    if (!done.test(last)) {
      throw new AssertionError(path + " never got there: " + last);
    }
  }

  private static String alert(String name, String fingerprint, String startsAt, String labels) {
    return "{\"status\":\"firing\",\"labels\":{\"alertname\":\""
        + name
        + "\""
        + (labels == null ? "" : "," + labels)
        + "},\"annotations\":{},\"startsAt\":\""
        + startsAt
        + "\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://prometheus/graph\","
        + "\"fingerprint\":\""
        + fingerprint
        + "\"}";
  }

  private static String notification(String... alerts) {
    return "{\"receiver\":\"runbooks\",\"status\":\"firing\",\"alerts\":["
        + String.join(",", alerts)
        + "],\"groupLabels\":{},\"commonLabels\":{},\"commonAnnotations\":{},"
        + "\"externalURL\":\"http://alertmanager:9093\",\"version\":\"4\","
        + "\"groupKey\":\"{}:{}\",\"truncatedAlerts\":0}";
  }

  private static void check(HttpResponse<String> answer, int status) {
    if (answer.statusCode() != status) {
      throw new AssertionError(
          answer.request().uri() + " answered " + answer.statusCode() + ": " + answer.body());
    }
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(
        TestCredentials.request(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String get(String path) throws Exception {
    return HTTP.send(
            TestCredentials.request(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Override
  public void close() {
    app.close();
    target.stop(0);
  }
}
