package dev.runbooks.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port with the embedded Temporal server: health, catalog, and a
 * run through the real worker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RunbookApplicationTest {
  @Autowired TestRestTemplate http;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    registry.add("runbook.temporal.embedded", () -> "true");
    registry.add("runbook.temporal.embedded-port", () -> port);
    registry.add("runbook.catalog.dir", () -> "src/test/resources/runbooks");
    registry.add("runbook.data-dir", () -> "target/test-data/" + port);
  }

  @Test
  void servesHealthCatalogAndRuns() throws Exception {
    Map<?, ?> health = http.getForObject("/actuator/health", Map.class);
    assertThat(health.get("status")).isEqualTo("UP");
    assertThat(health.get("components").toString()).contains("temporal").contains("runbooks");

    assertThat(http.getForObject("/api/runbooks", Map.class).toString()).contains("greet");

    Map<?, ?> started =
        http.postForObject("/api/runbooks/greet/runs", Map.of("who", "grace"), Map.class);
    String id = started.get("workflowId").toString();
    Map<?, ?> run = Map.of();
    for (int i = 0; i < 100; i++) {
      run = http.getForObject("/api/runs/" + id, Map.class);
      if (!"running".equals(run.get("executionStatus"))) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(run.get("executionStatus")).isEqualTo("completed");
    assertThat(((Map<?, ?>) run.get("report")).get("outcome")).isEqualTo("resolved");
  }
}
