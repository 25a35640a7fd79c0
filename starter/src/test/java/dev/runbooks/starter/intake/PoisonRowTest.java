package dev.runbooks.starter.intake;

import static dev.runbooks.starter.intake.WebhookIntakeTest.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.runbooks.activities.ActionActivities;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.starter.inbox.internal.InboxRow;
import dev.runbooks.starter.inbox.internal.InboxStore;
import dev.runbooks.starter.testing.TestCredentials;
import dev.runbooks.starter.testing.TestWorkers;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A row whose start keeps failing with a transient gRPC code (ABORTED) while Temporal itself is
 * healthy: after {@code max-attempts} attempts it is marked failed with its reason, and shows so in
 * {@code GET /api/alerts}; nothing was started.
 */
@SpringBootTest(
    classes = PoisonRowTest.App.class,
    properties = {
      "runbook.intake.allow-unauthenticated=true",
      "runbook.intake.dispatcher.interval=50ms",
      "runbook.intake.dispatcher.initial-backoff=20ms",
      "runbook.intake.dispatcher.max-backoff=50ms",
      "runbook.intake.dispatcher.max-attempts=3"
    })
@AutoConfigureMockMvc
class PoisonRowTest {
  static final AtomicInteger STARTS = new AtomicInteger();

  @Autowired MockMvc mvc;
  @Autowired InboxStore inbox;
  private final ObjectMapper json = new ObjectMapper();

  /** The intake over a Temporal client whose every StartWorkflowExecution fails ABORTED. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean(destroyMethod = "close")
    TestWorkflowEnvironment testWorkflowEnvironment(RunbookCatalog catalog) {
      return TestWorkers.environment(
          catalog, null, new ActionActivities(StepEnvironment.defaults()));
    }

    @Bean
    WorkflowClient workflowClient(TestWorkflowEnvironment env) {
      WorkflowServiceStubsOptions options =
          WorkflowServiceStubsOptions.newBuilder(env.getWorkflowServiceStubs().getOptions())
              .setGrpcClientInterceptors(List.of(new FailStarts()))
              .setRpcRetryOptions(
                  RpcRetryOptions.newBuilder().setMaximumAttempts(1).validateBuildWithDefaults())
              .build();
      return WorkflowClient.newInstance(
          WorkflowServiceStubs.newServiceStubs(options), env.getWorkflowClient().getOptions());
    }

    @Bean
    RunbookCatalog runbookCatalog() {
      return RunbookCatalog.load(Path.of("src/test/resources/intake/runbooks"));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource() {
      return TestDatabase.fresh();
    }
  }

  /**
   * Answers every StartWorkflowExecution with ABORTED, a code the dispatcher takes as transient.
   */
  static final class FailStarts implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
      if (!method.getFullMethodName().endsWith("/StartWorkflowExecution")) {
        return next.newCall(method, options);
      }
      STARTS.incrementAndGet();
      return new ClientCall<>() {
        @Override
        public void start(Listener<R> listener, Metadata headers) {
          listener.onClose(Status.ABORTED.withDescription("injected by the test"), new Metadata());
        }

        @Override
        public void request(int n) {}

        @Override
        public void cancel(String message, Throwable cause) {}

        @Override
        public void halfClose() {}

        @Override
        public void sendMessage(Q message) {}
      };
    }
  }

  @Test
  void aRowThatKeepsFailingIsMarkedFailedAfterMaxAttempts() throws Exception {
    String body =
        "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":"
            + "\"CpuHigh\",\"instance\":\"poison\"}}]}";
    MvcResult accepted =
        mvc.perform(TestCredentials.api(webhook("/webhooks/alertmanager", body))).andReturn();
    assertThat(accepted.getResponse().getStatus()).isEqualTo(202);
    Map<String, Object> answer =
        json.readValue(accepted.getResponse().getContentAsString(), new TypeReference<>() {});
    long id = ((Number) ((List<?>) answer.get("ids")).get(0)).longValue();

    long deadline = System.nanoTime() + 30_000_000_000L;
    InboxRow row = inbox.find(id).orElseThrow();
    while (!"failed".equals(row.state()) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      row = inbox.find(id).orElseThrow();
    }
    assertThat(row.state()).isEqualTo("failed");
    assertThat(row.attempts()).isEqualTo(3);
    String reason = "gave up after 3 attempts: Temporal: ABORTED: injected by the test";
    assertThat(row.lastError()).isEqualTo(reason);
    assertThat(STARTS.get()).isGreaterThanOrEqualTo(3);

    MvcResult listed =
        mvc.perform(TestCredentials.api(get("/api/alerts?state=failed"))).andReturn();
    Map<String, Object> list =
        json.readValue(listed.getResponse().getContentAsString(), new TypeReference<>() {});
    List<Map<String, Object>> alerts =
        json.convertValue(list.get("alerts"), new TypeReference<>() {});
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0))
        .containsEntry("id", (int) id)
        .containsEntry("state", "failed")
        .containsEntry("lastError", reason);
    // It stays failed: no further attempt.
    Thread.sleep(300);
    assertThat(inbox.find(id).orElseThrow().attempts()).isEqualTo(3);
  }
}
