package dev.runbooks.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.dispatch.internal.AlertDispatcher;
import dev.runbooks.starter.inbox.internal.InboundAlert;
import dev.runbooks.starter.inbox.internal.InboxRow;
import dev.runbooks.starter.inbox.internal.InboxStore;
import dev.runbooks.starter.inbox.internal.IntakeMetrics;
import dev.runbooks.starter.inbox.internal.WindowStore;
import dev.runbooks.starter.testing.DevServerProcess;
import dev.runbooks.starter.tracing.RunbookTracing;
import dev.runbooks.workflows.RunbookWorkflow;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.util.unit.DataSize;

/**
 * The dispatcher on the real Temporal dev server (with the engine's dynamic config) and real
 * PostgreSQL, its client shared with a polling worker, every gRPC call it makes counted: a new
 * alert's run is one {@code StartWorkflowExecution} and nothing else, asked for eager execution and
 * answered with the run's first workflow task (which the local worker completes); a repeat of it
 * describes and signals, without a start that would only conflict; the health check is asked before
 * the first pass and not again while Temporal answers; a row whose run started before a crash (and
 * has ended since) is recorded as started, and nothing starts twice. Needs the Temporal CLI ({@code
 * make tools}); skipped without it. Ports 42000-42999.
 */
class EagerStartDevServerTest {
  private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
  private static final List<StartWorkflowExecutionRequest> STARTS = new CopyOnWriteArrayList<>();
  private static final List<StartWorkflowExecutionResponse> STARTED = new CopyOnWriteArrayList<>();

  private static DevServerProcess server;
  private static WorkflowServiceStubs stubs;
  private static WorkerFactory worker;
  private static HikariDataSource database;
  private static WorkflowClient client;
  private static InboxStore inbox;
  private static Jdbi jdbi;
  private static RunbookCatalog catalog;
  private AlertDispatcher dispatcher;

  @BeforeAll
  static void startTheDevServerAndAWorker(@TempDir Path dir) throws Exception {
    server = DevServerProcess.start(dir, 42_000);
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(server.target())
                .setGrpcClientInterceptors(List.of(new Recorder()))
                .build());
    client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
    RunbookCatalog runbooks = RunbookCatalog.load(Path.of("src/test/resources/intake/runbooks"));
    worker = IntakeTestApplication.worker(client, runbooks); // the dispatcher's own client
    worker.start();

    database = TestDatabase.fresh();
    Flyway.configure().dataSource(database).load().migrate();
    jdbi = Jdbi.create(database);
    inbox = new InboxStore(jdbi);
    catalog = runbooks;
  }

  /** A new dispatcher for each test, and the calls counted from zero. */
  @BeforeEach
  void freshDispatcher() {
    CALLS.clear();
    STARTS.clear();
    STARTED.clear();
    StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("jdbi", jdbi));
    dispatcher =
        new AlertDispatcher(
            inbox,
            new WindowStore(jdbi),
            client,
            catalog,
            new IntakeProperties(
                true,
                DataSize.ofMegabytes(1),
                Duration.ofMinutes(5),
                null,
                null,
                new IntakeProperties.Dispatcher(
                    true,
                    200,
                    Duration.ofHours(1),
                    Duration.ofMillis(100),
                    Duration.ofSeconds(1),
                    10),
                null,
                100,
                true,
                null,
                null),
            new IntakeMetrics(new SimpleMeterRegistry()),
            new DispatchPoolProperties(8, false, null, null, null),
            new ActionAudit(beans.getBeanProvider(Jdbi.class)),
            null,
            RunbookTracing.off());
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (worker != null) {
      worker.shutdownNow();
    }
    if (stubs != null) {
      stubs.shutdownNow();
    }
    if (database != null) {
      database.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aNewAlertsRunIsOneEagerStartAndARepeatIsADescribeAndASignal() throws Exception {
    long first = accept("fp-eager");
    assertThat(dispatcher.pass()).isEqualTo(1);
    assertThat(calls("grpc.health.v1.Health/Check")).isEqualTo(1); // before the first pass
    InboxRow row = inbox.find(first).orElseThrow();
    assertThat(row.state()).isEqualTo("dispatched");
    assertThat(row.routes().get(0)).containsEntry("action", "started");
    String workflowId = row.routes().get(0).get("workflowId").toString();
    // One round trip: the start, asked for eager execution and answered with the first task.
    assertThat(calls("StartWorkflowExecution")).isEqualTo(1);
    assertThat(calls("DescribeWorkflowExecution")).isZero();
    assertThat(STARTS.get(0).getRequestEagerExecution()).isTrue();
    assertThat(STARTED).hasSize(1);
    assertThat(STARTED.get(0).hasEagerWorkflowTask()).isTrue();
    assertThat(STARTED.get(0).getStarted()).isTrue();
    // The local worker completed that first task: the history goes on from it.
    await(
        () -> events(workflowId).contains(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
        "the eager workflow task to complete");
    List<EventType> events = events(workflowId);
    assertThat(events.subList(0, 3))
        .containsExactly(
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
            EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
            EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED);

    // A repeat of a run this dispatcher started: no start-first (it would only conflict); it
    // describes, finds the run running and signals it.
    long repeat = accept("fp-eager");
    assertThat(dispatcher.pass()).isEqualTo(1);
    InboxRow repeated = inbox.find(repeat).orElseThrow();
    assertThat(repeated.routes().get(0))
        .containsEntry("action", "repeated")
        .containsEntry("runId", row.routes().get(0).get("runId"));
    assertThat(calls("StartWorkflowExecution")).isEqualTo(1);
    assertThat(STARTED).hasSize(1);
    assertThat(calls("DescribeWorkflowExecution")).isEqualTo(1);
    assertThat(calls("SignalWorkflowExecution")).isEqualTo(1);

    // Temporal answers, so no pass asks the health check again.
    accept("fp-eager-2");
    assertThat(dispatcher.pass()).isEqualTo(1);
    assertThat(calls("grpc.health.v1.Health/Check")).isEqualTo(1);
    System.out.printf("eager start: %d starts, %d answered eagerly%n", STARTS.size(), eager());
    assertThat(eager()).isEqualTo(2);
  }

  @Test
  void aRowWhoseRunStartedBeforeACrashIsRecordedAsStartedAndNothingStartsTwice() throws Exception {
    // A dispatcher started this row's run and died before recording it; the run has even ended.
    long row = accept("fp-crash");
    String workflowId = "runbook/storm/fp-crash";
    String runId =
        client
            .newUntypedWorkflowStub(
                "storm",
                WorkflowOptions.newBuilder()
                    .setTaskQueue(RunbookWorkflow.TASK_QUEUE)
                    .setWorkflowId(workflowId)
                    .setMemo(Map.of("inboxAlert", row))
                    .build())
            .start(Map.of(), Map.of())
            .getRunId();
    client.newUntypedWorkflowStub(workflowId).terminate("the test");
    STARTED.clear(); // count the dispatcher's calls only
    CALLS.clear();

    assertThat(dispatcher.pass()).isEqualTo(1);
    InboxRow again = inbox.find(row).orElseThrow();
    assertThat(again.routes().get(0))
        .containsEntry("action", "started")
        .containsEntry("runId", runId);
    assertThat(STARTED).isEmpty(); // the start-first was refused: a run had had the id
    assertThat(calls("DescribeWorkflowExecution")).isEqualTo(1);
    WorkflowExecutionMetadata latest = client.newUntypedWorkflowStub(workflowId).describe();
    assertThat(latest.getExecution().getRunId()).isEqualTo(runId);
    assertThat(latest.getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
  }

  private static long eager() {
    return STARTED.stream().filter(StartWorkflowExecutionResponse::hasEagerWorkflowTask).count();
  }

  private static long accept(String fingerprint) {
    InboundAlert alert = TestAlerts.storm(fingerprint, "critical");
    return inbox
        .accept("alertmanager", null, List.of(alert), Map.of(), Instant.now())
        .orElseThrow()
        .get(0);
  }

  private static List<EventType> events(String workflowId) {
    return client.fetchHistory(workflowId).getEvents().stream()
        .map(HistoryEvent::getEventType)
        .toList();
  }

  /** How many calls of a method (its full name, or its name in the workflow service) were made. */
  private static int calls(String method) {
    AtomicInteger n =
        CALLS.get(
            method.contains("/")
                ? method
                : "temporal.api.workflowservice.v1.WorkflowService/" + method);
    return n == null ? 0 : n.get();
  }

  /** Counts every call by method, and keeps the start requests and their answers. */
  private static final class Recorder implements ClientInterceptor {
    @Override
    public <Q, A> ClientCall<Q, A> interceptCall(
        MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
      CALLS.computeIfAbsent(method.getFullMethodName(), k -> new AtomicInteger()).incrementAndGet();
      return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
        @Override
        public void sendMessage(Q message) {
          if (message instanceof StartWorkflowExecutionRequest r) {
            STARTS.add(r);
          }
          super.sendMessage(message);
        }

        @Override
        public void start(Listener<A> listener, Metadata headers) {
          super.start(
              new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                @Override
                public void onMessage(A message) {
                  if (message instanceof StartWorkflowExecutionResponse r) {
                    STARTED.add(r);
                  }
                  super.onMessage(message);
                }
              },
              headers);
        }
      };
    }
  }

  private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!condition.get()) {
      assertThat(System.currentTimeMillis()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
