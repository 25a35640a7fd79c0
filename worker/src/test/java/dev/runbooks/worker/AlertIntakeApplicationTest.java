package dev.runbooks.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.starter.testing.TestCredentials;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application with its embedded PostgreSQL and the embedded Temporal server: an
 * Alertmanager notification starts the matching runbook, the inbox and the Prometheus meters show
 * it, and the inbox survives a restart of the application.
 */
class AlertIntakeApplicationTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void alertsStartRunsShowInMetricsAndSurviveARestart() throws Exception {
    Path data = Files.createDirectories(Path.of("target/test-data/intake-" + System.nanoTime()));
    String body =
        "{\"receiver\":\"runbooks\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\","
            + "\"labels\":{\"alertname\":\"WorkerTest\",\"instance\":\"w-1\"},\"annotations\":{},"
            + "\"startsAt\":\"2026-11-24T02:10:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\","
            + "\"generatorURL\":\"http://prometheus:9090/graph\",\"fingerprint\":\"fp-worker\"}],"
            + "\"groupLabels\":{},\"commonLabels\":{},\"commonAnnotations\":{},"
            + "\"externalURL\":\"http://alertmanager:9093\",\"version\":\"4\","
            + "\"groupKey\":\"{}:{}\",\"truncatedAlerts\":0}";
    String id;
    try (ConfigurableApplicationContext app = start(data)) {
      String base = base(app);
      HttpResponse<String> accepted = post(base + "/webhooks/alertmanager", body);
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      id = accepted.body().replaceAll("(?s).*\"ids\":\\[(\\d+)].*", "$1");
      String alert = "";
      for (int i = 0; i < 150 && !alert.contains("\"dispatched\""); i++) {
        Thread.sleep(200);
        alert = get(base + "/api/alerts/" + id);
      }
      assertThat(alert).contains("\"dispatched\"").contains("runbook/on-alert/fp-worker");
      assertThat(get(base + "/api/runs/runbook/on-alert/fp-worker")).contains("\"running\"");
      String metrics = get(base + "/actuator/prometheus");
      assertThat(metrics)
          .contains("runbook_alerts_received_total{source=\"alertmanager\"} 1.0")
          .contains("runbook_alerts_dispatched_total{action=\"started\"")
          .contains("runbook_inbox_depth")
          .contains("runbook_inbox_oldest_age_seconds")
          .contains("runbook_alerts_dispatch_latency_seconds_count");
    }
    try (ConfigurableApplicationContext app = start(data)) {
      assertThat(get(base(app) + "/api/alerts/" + id)).contains("fp-worker").contains("dispatched");
    }
  }

  private static ConfigurableApplicationContext start(Path data) throws IOException {
    int temporal;
    try (ServerSocket socket = new ServerSocket(0)) {
      temporal = socket.getLocalPort();
    }
    return new SpringApplicationBuilder(RunbookApplication.class)
        .run(
            "--server.port=0",
            "--runbook.temporal.embedded=true",
            "--runbook.temporal.embedded-port=" + temporal,
            "--runbook.catalog.dir=src/test/resources/runbooks",
            "--runbook.data-dir=" + data,
            "--runbook.intake.dispatcher.interval=100ms",
            "--runbook.intake.allow-unauthenticated=true");
  }

  private static String base(ConfigurableApplicationContext app) {
    return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
  }

  private static HttpResponse<String> post(String url, String body) throws Exception {
    return HTTP.send(
        TestCredentials.request(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String get(String url) throws Exception {
    return HTTP.send(
            TestCredentials.request(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
