package dev.runbooks.starter.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.starter.RunbookApiProperties;
import dev.runbooks.starter.testing.DevServerProcess;
import dev.runbooks.workflows.RunbookSearchAttributes;
import dev.runbooks.workflows.RunbookWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/runs}' filters and paging ({@link RunOperations#page}) on the real Temporal dev
 * server, which has the visibility the embedded test server lacks. The runs are started without a
 * worker: they stay running, with the search attributes a run sets, which is all a listing reads.
 * Needs the Temporal CLI ({@code make tools}: .tools/bin/temporal); skipped without it.
 */
class RunsPagingDevServerTest {
  private static DevServerProcess server;
  private static WorkflowServiceStubs stubs;
  private static RunOperations runs;

  @BeforeAll
  static void startTheDevServer(@TempDir Path dir) throws Exception {
    server = DevServerProcess.start(dir, 0);
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
    start(client, "disk-cleanup", "jarvis", "escalated", 3);
    start(client, "disk-cleanup", "razar", "resolved", 2);
    start(client, "hello-http", "jarvis", "running", 2);
    runs =
        new RunOperations(
            client, new RunbookApiProperties("http://localhost:8233", 50, null, null), null);
    await(() -> all(RunsQuery.of(null, null, null, null), 2).size() == 7, "visibility to list 7");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (stubs != null) {
      stubs.shutdownNow();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void pagesThroughAllRunsWithTheToken() {
    Map<String, Object> first = runs.page(RunsQuery.of(null, null, null, null), 3, null);
    assertThat(first.keySet()).containsExactly("runs", "count", "nextPageToken");
    assertThat(first.get("count")).isEqualTo(3);
    assertThat(first.get("nextPageToken")).isInstanceOf(String.class);
    List<Map<String, Object>> all = all(RunsQuery.of(null, null, null, null), 3);
    assertThat(all).hasSize(7);
    assertThat(all.stream().map(r -> r.get("workflowId")).distinct()).hasSize(7);
    // each run as before paging: the same fields
    assertThat(all.get(0).keySet())
        .contains("workflowId", "runId", "runbook", "executionStatus", "startTime", "links");
  }

  @Test
  void filtersByRunbookOutcomeServiceAndStartTime() {
    assertThat(all(RunsQuery.of("disk-cleanup", null, null, null), 500)).hasSize(5);
    assertThat(all(RunsQuery.of(null, "escalated", null, null), 500)).hasSize(3);
    assertThat(all(RunsQuery.of(null, null, "jarvis", null), 500)).hasSize(5);
    assertThat(all(RunsQuery.of("disk-cleanup", "resolved", "razar", null), 500)).hasSize(2);
    assertThat(all(RunsQuery.of(null, null, null, Instant.now().plusSeconds(3600).toString()), 10))
        .isEmpty();
    Map<String, Object> last = runs.page(RunsQuery.of(null, "escalated", null, null), 500, null);
    assertThat(last.get("nextPageToken")).isNull();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> all(RunsQuery query, int limit) {
    List<Map<String, Object>> found = new ArrayList<>();
    String token = null;
    do {
      Map<String, Object> page = runs.page(query, limit, token);
      found.addAll((List<Map<String, Object>>) page.get("runs"));
      token = (String) page.get("nextPageToken");
    } while (token != null);
    return found;
  }

  private static void start(
      WorkflowClient client, String runbook, String service, String outcome, int count) {
    for (int i = 0; i < count; i++) {
      WorkflowOptions options =
          WorkflowOptions.newBuilder()
              .setTaskQueue(RunbookWorkflow.TASK_QUEUE)
              .setWorkflowId("runbook/" + runbook + "/" + service + "-" + outcome + "-" + i)
              .setTypedSearchAttributes(
                  SearchAttributes.newBuilder()
                      .set(RunbookSearchAttributes.RUNBOOK_NAME, runbook)
                      .set(RunbookSearchAttributes.SERVICE, service)
                      .set(RunbookSearchAttributes.OUTCOME, outcome)
                      .build())
              .build();
      client.newUntypedWorkflowStub(runbook, options).start();
    }
  }

  private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!condition.get()) {
      assertThat(System.currentTimeMillis()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
