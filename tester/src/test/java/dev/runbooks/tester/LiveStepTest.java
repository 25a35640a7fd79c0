package dev.runbooks.tester;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A step a case lists in {@code live} runs for real: here an HTTP probe of a local server. */
class LiveStepTest {
  @Test
  void aLiveStepCallsTheRealEndpoint(@TempDir Path dir) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/health",
        exchange -> {
          byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      Files.copy(
          Path.of("../runbooks-yaml/examples/hello-http.yaml"), dir.resolve("hello-http.yaml"));
      Files.writeString(
          dir.resolve("hello-http.test.yaml"),
          """
          apiVersion: runbooks.dev/v1
          kind: RunbookTest
          runbook: hello-http
          cases:
            - name: probes for real
              inputs: {url: "http://127.0.0.1:%d/health"}
              live: [probe]
              expect:
                outcome: resolved
                path: [probe, report, done]
                outputs:
                  - steps.probe.outputs.status == 200
                  - steps.probe.result.body.status == "UP"
          """
              .formatted(server.getAddress().getPort()));
      TestSuiteResult result = RunbookTests.run(List.of(dir), TestOptions.defaults());
      assertThat(result.cases()).singleElement().satisfies(c -> assertThat(c.failures()).isEmpty());
    } finally {
      server.stop(0);
    }
  }
}
