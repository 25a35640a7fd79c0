package dev.runbooks.starter.intake;

import static dev.runbooks.starter.intake.WebhookIntakeTest.webhook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.starter.inbox.internal.InboxRow;
import dev.runbooks.starter.inbox.internal.InboxStore;
import dev.runbooks.starter.testing.TestCredentials;
import dev.runbooks.workflows.RunbookSearchAttributes;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Outages, for real: Temporal is not running while 100 alerts arrive (all accepted, none
 * dispatched), then a Temporal server starts on the address and exactly 100 runs start; and a
 * stopped PostgreSQL answers 503 and stores nothing.
 */
@SpringBootTest(
    classes = OutageTest.App.class,
    properties = {
      "runbook.intake.dispatcher.interval=100ms",
      "runbook.intake.allow-unauthenticated=true",
      "runbook.intake.dispatcher.initial-backoff=200ms",
      "runbook.intake.dispatcher.max-backoff=1s"
    })
@AutoConfigureMockMvc
class OutageTest {
  static final int TEMPORAL_PORT = freePort();

  @Autowired MockMvc mvc;
  @Autowired InboxStore inbox;
  @Autowired WorkflowClient client;
  @Autowired RunbookCatalog catalog;

  /** The intake with a Temporal client aimed at an address where nothing listens yet. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean(destroyMethod = "shutdownNow")
    WorkflowServiceStubs stubs() {
      return WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + TEMPORAL_PORT).build());
    }

    @Bean
    WorkflowClient workflowClient(WorkflowServiceStubs stubs) {
      return WorkflowClient.newInstance(stubs);
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

  @Test
  void alertsWaitWhileTemporalIsDownAndStartExactlyOnceWhenItIsBack() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ids.add(send(StormTest.notification(List.of("fp-outage-" + i))));
    }
    Thread.sleep(3_000);
    assertThat(inbox.depth().pending()).isEqualTo(100);
    for (Long id : ids) {
      assertThat(inbox.find(id).orElseThrow().state()).isEqualTo("pending");
    }

    long t0 = System.nanoTime();
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(TEMPORAL_PORT);
    try {
      registerSearchAttributes(client.getWorkflowServiceStubs());
      WorkerFactory worker = IntakeTestApplication.worker(client, catalog);
      worker.start();
      try {
        long deadline = System.currentTimeMillis() + 60_000;
        while (inbox.depth().pending() > 0) {
          assertThat(System.currentTimeMillis()).isLessThan(deadline);
          Thread.sleep(100);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Set<Object> runs = new HashSet<>();
        for (Long id : ids) {
          InboxRow row = inbox.find(id).orElseThrow();
          assertThat(row.state()).isEqualTo("dispatched");
          assertThat(row.routes()).hasSize(1);
          assertThat(row.routes().get(0).get("action")).isEqualTo("started");
          runs.add(row.routes().get(0).get("runId"));
          String workflowId = row.routes().get(0).get("workflowId").toString();
          assertThat(client.newUntypedWorkflowStub(workflowId).describe().getStatus())
              .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        }
        assertThat(runs).hasSize(100);
        System.out.printf(
            "outage: 100 waiting alerts dispatched %d ms after Temporal came up%n", ms);
      } finally {
        worker.shutdownNow();
      }
    } finally {
      server.close();
    }
  }

  @Test
  void aStoppedDatabaseAnswers503AndStoresNothing() throws Exception {
    EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
    HikariDataSource ds = TestDatabase.fresh(pg, 1_000);
    dev.runbooks.starter.intake.internal.GroupCommit commits = null;
    try {
      org.flywaydb.core.Flyway.configure().dataSource(ds).load().migrate();
      var store = new InboxStore(org.jdbi.v3.core.Jdbi.create(ds));
      commits =
          new dev.runbooks.starter.intake.internal.GroupCommit(
              store,
              new dev.runbooks.starter.inbox.internal.IntakeMetrics(
                  new io.micrometer.core.instrument.simple.SimpleMeterRegistry()),
              new WebhookProperties(2, 500, java.time.Duration.ZERO),
              severities -> {});
      var controller =
          org.springframework.test.web.servlet.setup.MockMvcBuilders.standaloneSetup(
                  new dev.runbooks.starter.intake.internal.WebhookController(
                      new IntakeProperties(
                          true,
                          org.springframework.util.unit.DataSize.ofMegabytes(1),
                          java.time.Duration.ofMinutes(5),
                          null,
                          null,
                          null,
                          null,
                          100,
                          true,
                          null,
                          null),
                      commits))
              .build();
      String body = StormTest.notification(List.of("fp-db"));
      assertThat(
              controller
                  .perform(webhook("/webhooks/alertmanager", body))
                  .andReturn()
                  .getResponse()
                  .getStatus())
          .isEqualTo(202);
      pg.close();
      MvcResult down =
          controller
              .perform(TestCredentials.api(webhook("/webhooks/alertmanager", body)))
              .andReturn();
      assertThat(down.getResponse().getStatus()).isEqualTo(503);
      assertThat(down.getResponse().getHeader("Retry-After")).isNotBlank();
      Map<?, ?> error =
          new ObjectMapper().readValue(down.getResponse().getContentAsString(), Map.class);
      assertThat(error.get("error")).isEqualTo("temporarily unavailable");
    } finally {
      if (commits != null) {
        commits.close();
      }
      ds.close();
      pg.close();
    }
  }

  private long send(String body) throws Exception {
    MvcResult result =
        mvc.perform(TestCredentials.api(webhook("/webhooks/alertmanager", body))).andReturn();
    assertThat(result.getResponse().getStatus())
        .as(result.getResponse().getContentAsString())
        .isEqualTo(202);
    Map<?, ?> answer =
        new ObjectMapper().readValue(result.getResponse().getContentAsString(), Map.class);
    return ((Number) ((List<?>) answer.get("ids")).get(0)).longValue();
  }

  /** Registers the runs' search attributes, retrying while the channel reconnects. */
  private static void registerSearchAttributes(WorkflowServiceStubs stubs) throws Exception {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      try {
        addSearchAttributes(stubs);
        return;
      } catch (io.grpc.StatusRuntimeException e) {
        if (System.currentTimeMillis() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private static void addSearchAttributes(WorkflowServiceStubs stubs) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .validateAndBuildWithDefaults());
    operator
        .blockingStub()
        .addSearchAttributes(
            AddSearchAttributesRequest.newBuilder()
                .setNamespace("default")
                .putAllSearchAttributes(RunbookSearchAttributes.definitions())
                .build());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
