package dev.runbooks.worker.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.testing.TestCredentials;
import dev.runbooks.tester.RunbookTests;
import dev.runbooks.tester.TestOptions;
import dev.runbooks.tester.TestReport;
import dev.runbooks.tester.TestSuiteResult;
import dev.runbooks.tester.record.Recording;
import dev.runbooks.worker.RunbookApplication;
import dev.runbooks.worker.ui.DevServerAccess;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The round trip of {@code bin/runbook test --record}: a real run on the Temporal dev server (the
 * worker application with payload encryption on; a probe that fails once and succeeds on its retry,
 * an approval decided through the API, a skipped step) is recorded from the API's history endpoint
 * into a test file, and the tester runs the recorded case: it passes.
 */
class RecordRoundTripTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Path RUNBOOKS = Path.of("src/test/resources/record/runbooks");

  @TempDir Path dir;
  private String base;

  @Test
  void aRecordedRunPassesAsATestCase() throws Exception {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    try (var temporal = DevServerAccess.start(dir.resolve("temporal"));
        ConfigurableApplicationContext app =
            new SpringApplicationBuilder(RunbookApplication.class)
                .run(
                    "--server.port=" + freePort(),
                    "--runbook.temporal.target=" + temporal.target(),
                    "--runbook.catalog.dir=" + RUNBOOKS.toAbsolutePath(),
                    "--runbook.data-dir=" + dir.resolve("worker"),
                    "--runbook.schedules.enabled=false",
                    "--runbook.codec.active-key=k1",
                    "--runbook.codec.keys.k1=" + Base64.getEncoder().encodeToString(key))) {
      base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      java.util.concurrent.atomic.AtomicInteger calls =
          new java.util.concurrent.atomic.AtomicInteger();
      com.sun.net.httpserver.HttpServer load =
          com.sun.net.httpserver.HttpServer.create(
              new java.net.InetSocketAddress("127.0.0.1", 0), 0);
      load.createContext(
          "/load",
          exchange -> {
            byte[] body =
                (calls.incrementAndGet() == 1 ? "{\"busy\":true}" : "{\"load\":7}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(calls.get() == 1 ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      load.start();
      String url = "http://127.0.0.1:" + load.getAddress().getPort() + "/load";
      JsonNode started =
          send("POST", "/api/runbooks/record-roundtrip/runs", Map.of("url", url), 201);
      String id = started.path("workflowId").asText();
      await(id, RecordRoundTripTest::asking);
      send("POST", "/api/runs/" + id + "/approve", Map.of("comment", "looks right"), 200);
      JsonNode run = await(id, r -> "completed".equals(r.path("executionStatus").asText()));
      assertThat(run.path("report").path("outcome").asText()).isEqualTo("resolved");

      assertThat(encodings(temporal.target(), id))
          .contains("binary/encrypted")
          .doesNotContain("json/plain");

      String history = text("/api/history/" + id);
      Path file = dir.resolve("cases/record-roundtrip.test.yaml");
      Files.createDirectories(file.getParent());
      Files.copy(
          RUNBOOKS.resolve("record-roundtrip.yaml"), file.resolveSibling("record-roundtrip.yaml"));
      Files.copy(RUNBOOKS.resolve("record-verify.yaml"), file.resolveSibling("record-verify.yaml"));
      Recording.Written written =
          Recording.record(
              history,
              "approved after a flaky probe",
              file,
              List.of(),
              child -> {
                try {
                  return text("/api/history/" + child);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThat(written.recorded().missing()).isEmpty();

      String yaml = Files.readString(written.file());
      assertThat(yaml)
          .contains("runbook: record-roundtrip")
          .contains("name: approved after a flaky probe")
          // The flaky probe is a GET, so it ran as a local activity: its marker keeps only the
          // attempt that succeeded, and the failed first attempt is recorded without its reason.
          .contains("type: RecordedAttemptFailed")
          .contains("load: 7")
          .contains("action: approve")
          .contains("outcome: resolved")
          .contains("- too_high")
          .contains("verified acting after 200");
      TestSuiteResult result = RunbookTests.run(List.of(file), TestOptions.defaults());
      assertThat(result.exitCode()).as(TestReport.text(result, false)).isZero();
      assertThat(result.passed()).isEqualTo(1);
      load.stop(0);
    }
  }

  /** Whether the run waits on its approval {@code ask}. */
  private static boolean asking(JsonNode run) {
    for (JsonNode step : run.path("status").path("steps")) {
      if ("ask".equals(step.path("id").asText())
          && "waiting".equals(step.path("status").asText())) {
        return true;
      }
    }
    return false;
  }

  /** The encodings of the payloads Temporal stores for the run. */
  private static String encodings(String target, String workflowId) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      StringBuilder found = new StringBuilder();
      for (HistoryEvent event :
          WorkflowClient.newInstance(stubs).fetchHistory(workflowId).getEvents()) {
        if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) {
          event
              .getWorkflowExecutionStartedEventAttributes()
              .getInput()
              .getPayloadsList()
              .forEach(
                  p -> found.append(p.getMetadataOrThrow("encoding").toStringUtf8()).append(' '));
        }
      }
      return found.toString();
    } finally {
      stubs.shutdownNow();
    }
  }

  private JsonNode await(String id, java.util.function.Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      JsonNode run = JSON.readTree(text("/api/runs/" + id));
      if (done.test(run)) {
        return run;
      }
      assertThat(System.nanoTime()).as("the run never got there: %s", run).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private String text(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            TestCredentials.request(URI.create(base + path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private JsonNode send(String method, String path, Object body, int status) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            TestCredentials.request(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
