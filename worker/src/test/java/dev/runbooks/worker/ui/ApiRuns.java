package dev.runbooks.worker.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.testing.TestCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Starts a run through the API of an application on {@code 127.0.0.1:port} and waits for its state,
 * as an admin: for the tests that start their own application beside a dev server with its Web UI
 * (the harness's own application has {@link UiHarness#awaitRun}).
 */
final class ApiRuns {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ApiRuns() {}

  /** Starts a run of {@code runbook} with the JSON {@code inputs}; its workflow id. */
  static String start(int port, String runbook, String inputs) throws Exception {
    HttpResponse<String> started =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/runbooks/" + runbook + "/runs"))
                .header("Authorization", TestCredentials.BEARER)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(inputs))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    return JSON.readTree(started.body()).path("workflowId").asText();
  }

  /** Reads the run every 200 ms until {@code done} holds (60 s at most); the last reading. */
  static JsonNode await(int port, String id, Predicate<JsonNode> done, String what)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      JsonNode run =
          JSON.readTree(
              HTTP.send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + port + "/api/runs/" + id))
                          .header("Authorization", TestCredentials.BEARER)
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      if (done.test(run)) {
        return run;
      }
      assertThat(Instant.now()).as("run %s %s: %s", id, what, run).isBefore(deadline);
      Thread.sleep(200);
    }
  }
}
