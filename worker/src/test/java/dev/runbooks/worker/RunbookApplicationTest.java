package dev.runbooks.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.starter.testing.TestCredentials;
import dev.runbooks.worker.internal.ScheduleSync;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port with the embedded Temporal server: health, catalog, and a
 * run through the real worker. The embedded server has no schedules: the catalog's scheduled
 * runbook gets one warning and the application works on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@ExtendWith(OutputCaptureExtension.class)
class RunbookApplicationTest {
  @Autowired TestRestTemplate http;
  @Autowired ScheduleSync schedules;

  /** Every request of the test sends the admin token the test applications start with. */
  @BeforeEach
  void authenticate() {
    var interceptors = http.getRestTemplate().getInterceptors();
    if (interceptors.isEmpty()) {
      interceptors.add(
          (request, body, execution) -> {
            request.getHeaders().set("Authorization", TestCredentials.BEARER);
            return execution.execute(request, body);
          });
    }
  }

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

  @Test
  void warnsThatTheEmbeddedServerHasNoSchedulesAndWorksOn(CapturedOutput output) throws Exception {
    for (int i = 0; i < 200 && !schedules.unsupported(); i++) {
      Thread.sleep(100);
    }

    assertThat(schedules.unsupported()).isTrue();
    assertThat(output.getOut())
        .contains("does not implement schedules")
        .contains("the 1 schedule(s) of the runbooks will NOT run");
    assertThat(http.getForObject("/actuator/health", Map.class).get("status")).isEqualTo("UP");
    Map<?, ?> detail = http.getForObject("/api/runbooks/scheduled-greet", Map.class);
    assertThat((List<?>) detail.get("schedules"))
        .singleElement()
        .asString()
        .contains("id=hourly")
        .contains("temporalScheduleId=runbook/scheduled-greet/hourly")
        .contains("cron=@hourly")
        .contains("overlap=skip");
  }
}
