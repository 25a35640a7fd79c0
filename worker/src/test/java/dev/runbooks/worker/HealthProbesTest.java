package dev.runbooks.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.testing.TestCredentials;
import dev.runbooks.worker.internal.EmbeddedTemporal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The probes of a deployment, on the real application with a real (embedded) PostgreSQL: liveness
 * depends on nothing; readiness checks the inbox database in both roles and Temporal only in the
 * worker role, so a starter keeps taking alerts into the inbox while Temporal is away. Anyone may
 * probe; only an admin sees the components and their details.
 */
class HealthProbesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aStarterStaysReadyWhileTemporalIsDown() throws Exception {
    try (ConfigurableApplicationContext app =
        start(
            "starter",
            "--runbook.worker.enabled=false",
            "--runbook.temporal.target=127.0.0.1:" + closedPort())) {
      String base = base(app);
      HttpResponse<String> readiness = get(base + "/actuator/health/readiness", false);
      assertThat(readiness.statusCode()).isEqualTo(200);
      assertThat(readiness.body()).isEqualTo("{\"status\":\"UP\"}");
      assertThat(get(base + "/actuator/health/liveness", false).statusCode()).isEqualTo(200);

      JsonNode detailed = JSON.readTree(get(base + "/actuator/health/readiness", true).body());
      assertThat(names(detailed.path("components")))
          .containsExactlyInAnyOrder("readinessState", "inbox");
      assertThat(detailed.at("/components/inbox/status").asText()).isEqualTo("UP");
      assertThat(detailed.at("/components/inbox/details/pending").isIntegralNumber()).isTrue();

      // A viewer is authenticated but not an admin: the status only.
      HttpResponse<String> viewer =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                  .header("Authorization", "Bearer " + viewerToken(base))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(viewer.statusCode()).isEqualTo(200);
      assertThat(viewer.body()).isEqualTo("{\"status\":\"UP\"}");

      // The aggregate still reports Temporal, to an admin, as down.
      JsonNode all = JSON.readTree(get(base + "/actuator/health", true).body());
      assertThat(all.at("/components/temporal/status").asText()).isEqualTo("DOWN");
      HttpResponse<String> anonymous = get(base + "/actuator/health", false);
      assertThat(anonymous.statusCode()).isEqualTo(503);
      JsonNode summary = JSON.readTree(anonymous.body());
      assertThat(summary.path("status").asText()).isEqualTo("DOWN");
      assertThat(summary.has("components")).isFalse();
    }
  }

  @Test
  void aWorkerIsNotReadyWithoutTemporalButStaysLive() throws Exception {
    int temporal = closedPort();
    try (ConfigurableApplicationContext app =
        start(
            "worker",
            "--runbook.temporal.embedded=true",
            "--runbook.temporal.embedded-port=" + temporal)) {
      String base = base(app);
      assertThat(get(base + "/actuator/health/readiness", false).statusCode()).isEqualTo(200);
      JsonNode detailed = JSON.readTree(get(base + "/actuator/health/readiness", true).body());
      assertThat(names(detailed.path("components")))
          .containsExactlyInAnyOrder("readinessState", "inbox", "temporal");

      app.getBean(EmbeddedTemporal.class).close();
      HttpResponse<String> readiness = awaitStatus(base + "/actuator/health/readiness", 503);
      assertThat(readiness.body()).isEqualTo("{\"status\":\"DOWN\"}");
      JsonNode down = JSON.readTree(get(base + "/actuator/health/readiness", true).body());
      assertThat(down.at("/components/temporal/status").asText()).isEqualTo("DOWN");
      assertThat(down.at("/components/inbox/status").asText()).isEqualTo("UP");

      HttpResponse<String> liveness = get(base + "/actuator/health/liveness", false);
      assertThat(liveness.statusCode()).isEqualTo(200);
      assertThat(liveness.body()).isEqualTo("{\"status\":\"UP\"}");
    }
  }

  private static ConfigurableApplicationContext start(String name, String... role)
      throws Exception {
    Path data =
        Files.createDirectories(Path.of("target/test-data/health-" + name + System.nanoTime()));
    String[] args = new String[role.length + 3];
    args[0] = "--server.port=0";
    args[1] = "--runbook.catalog.dir=src/test/resources/runbooks";
    args[2] = "--runbook.data-dir=" + data;
    System.arraycopy(role, 0, args, 3, role.length);
    return new SpringApplicationBuilder(RunbookApplication.class).run(args);
  }

  private static java.util.List<String> names(JsonNode object) {
    return object.properties().stream().map(java.util.Map.Entry::getKey).toList();
  }

  private static String base(ConfigurableApplicationContext app) {
    return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private HttpResponse<String> get(String url, boolean admin) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (admin) {
      TestCredentials.admin(request);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String viewerToken(String base) throws Exception {
    HttpResponse<String> created =
        http.send(
            TestCredentials.admin(HttpRequest.newBuilder(URI.create(base + "/api/tokens")))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \"health viewer\", \"role\": \"viewer\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).path("token").asText();
  }

  private HttpResponse<String> awaitStatus(String url, int status) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    HttpResponse<String> response = get(url, false);
    while (response.statusCode() != status && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      response = get(url, false);
    }
    assertThat(response.statusCode()).as("%s within 60 s", url).isEqualTo(status);
    return response;
  }
}
