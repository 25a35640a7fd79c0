package dev.runbooks.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.inbox.internal.InboxRow;
import dev.runbooks.starter.inbox.internal.InboxStore;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Alert storms over real HTTP: 500 identical alerts from 3 concurrent senders make exactly one run;
 * 1,000 distinct alerts make 1,000 runs.
 */
@SpringBootTest(
    classes = IntakeTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "runbook.intake.dispatcher.interval=100ms",
      "runbook.intake.allow-unauthenticated=true"
    })
class StormTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired InboxStore inbox;
  @Autowired WorkflowClient client;

  @Test
  void fiveHundredIdenticalAlertsFromThreeSendersMakeOneRun() throws Exception {
    long t0 = System.nanoTime();
    List<Long> ids = sendConcurrently(500, i -> notification(List.of("fp-storm")));
    assertThat(ids).hasSize(500);
    List<InboxRow> rows = awaitAll(ids);
    long ms = (System.nanoTime() - t0) / 1_000_000;

    Set<Object> runIds = new HashSet<>();
    int started = 0;
    for (InboxRow row : rows) {
      assertThat(row.state()).isEqualTo("dispatched");
      Map<String, Object> route = row.routes().get(0);
      assertThat(route.get("workflowId")).isEqualTo("runbook/storm/fp-storm");
      runIds.add(route.get("runId"));
      started += "started".equals(route.get("action")) ? 1 : 0;
    }
    assertThat(started).isEqualTo(1);
    assertThat(runIds).hasSize(1);
    var run = client.newUntypedWorkflowStub("runbook/storm/fp-storm").describe();
    assertThat(run.getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(runIds).containsExactly(run.getExecution().getRunId());
    System.out.printf("storm: 500 identical alerts -> 1 run + 499 repeats in %d ms%n", ms);
  }

  @Test
  void aThousandDistinctAlertsMakeAThousandRuns() throws Exception {
    long t0 = System.nanoTime();
    // 100 notifications of 10 alerts each, as Alertmanager groups them.
    List<Long> ids =
        sendConcurrently(
            100,
            n -> {
              List<String> fingerprints = new ArrayList<>();
              for (int k = 0; k < 10; k++) {
                fingerprints.add("fp-distinct-" + (n * 10 + k));
              }
              return notification(fingerprints);
            });
    assertThat(ids).hasSize(1000);
    List<InboxRow> rows = awaitAll(ids);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    Set<Object> workflows = new HashSet<>();
    for (InboxRow row : rows) {
      Map<String, Object> route = row.routes().get(0);
      assertThat(route.get("action")).as(row.toString()).isEqualTo("started");
      workflows.add(route.get("workflowId"));
    }
    assertThat(workflows).hasSize(1000);
    for (Object id : workflows) {
      assertThat(client.newUntypedWorkflowStub(id.toString()).describe().getStatus())
          .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    }
    System.out.printf("storm: 1000 distinct alerts -> 1000 runs in %d ms%n", ms);
  }

  /** Sends {@code count} notifications from 3 threads; returns every inbox id answered. */
  private List<Long> sendConcurrently(int count, IntFunction<String> body) throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int s = 0; s < 3; s++) {
        int sender = s;
        futures.add(
            senders.submit(
                () -> {
                  List<Long> ids = new ArrayList<>();
                  for (int i = sender; i < count; i += 3) {
                    ids.addAll(post(body.apply(i)));
                  }
                  return ids;
                }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : futures) {
        all.addAll(f.get());
      }
      return all;
    } finally {
      senders.shutdownNow();
    }
  }

  private List<Long> post(String body) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/webhooks/alertmanager"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    Map<?, ?> answer = new ObjectMapper().readValue(response.body(), Map.class);
    return ((List<?>) answer.get("ids")).stream().map(x -> ((Number) x).longValue()).toList();
  }

  private List<InboxRow> awaitAll(List<Long> ids) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (inbox.depth().pending() > 0) {
      assertThat(System.nanoTime()).as("inbox drained in time").isLessThan(deadline);
      Thread.sleep(100);
    }
    return ids.stream().map(id -> inbox.find(id).orElseThrow()).toList();
  }

  static String notification(List<String> fingerprints) {
    List<Map<String, Object>> alerts = new ArrayList<>();
    for (String fp : fingerprints) {
      alerts.add(
          Map.of(
              "status", "firing",
              "labels", Map.of("alertname", "Storm", "instance", fp),
              "annotations", Map.of(),
              "startsAt", "2026-11-24T02:10:00Z",
              "endsAt", "0001-01-01T00:00:00Z",
              "generatorURL", "http://prometheus:9090/graph",
              "fingerprint", fp));
    }
    try {
      return new ObjectMapper()
          .writeValueAsString(
              Map.of(
                  "receiver",
                  "runbooks",
                  "status",
                  "firing",
                  "alerts",
                  alerts,
                  "groupLabels",
                  Map.of("alertname", "Storm"),
                  "commonLabels",
                  Map.of("alertname", "Storm"),
                  "commonAnnotations",
                  Map.of(),
                  "externalURL",
                  "http://alertmanager:9093",
                  "version",
                  "4",
                  "groupKey",
                  "{}:{alertname=\"Storm\"}",
                  "truncatedAlerts",
                  0));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
