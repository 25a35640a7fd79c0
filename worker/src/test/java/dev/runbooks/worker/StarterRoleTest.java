package dev.runbooks.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.starter.testing.TestCredentials;
import dev.runbooks.worker.internal.RunbookWorker;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The "starter" role of the production compose file: {@code runbook.worker.enabled=false} serves
 * the API and the webhooks without polling the task queue, so API and workers scale apart.
 */
class StarterRoleTest {

  @Test
  void withTheWorkerDisabledTheApiServesAndNothingPollsTheTaskQueue() throws Exception {
    Path data = Files.createDirectories(Path.of("target/test-data/starter-" + System.nanoTime()));
    int temporal;
    try (ServerSocket socket = new ServerSocket(0)) {
      temporal = socket.getLocalPort();
    }
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(RunbookApplication.class)
            .run(
                "--server.port=0",
                "--runbook.worker.enabled=false",
                "--runbook.temporal.embedded=true",
                "--runbook.temporal.embedded-port=" + temporal,
                "--runbook.catalog.dir=src/test/resources/runbooks",
                "--runbook.data-dir=" + data)) {
      assertThat(app.getBeanNamesForType(RunbookWorker.class)).isEmpty();
      String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      HttpResponse<String> runbooks =
          HttpClient.newHttpClient()
              .send(
                  TestCredentials.request(URI.create(base + "/api/runbooks")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(runbooks.statusCode()).isEqualTo(200);
      assertThat(runbooks.body()).contains("greet");
    }
  }
}
