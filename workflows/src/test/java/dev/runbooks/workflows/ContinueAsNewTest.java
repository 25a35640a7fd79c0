package dev.runbooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Runs that outgrow one execution's history continue as new, transparently: a waitUntil polling
 * 20,000 times, a foreach over 10,000 items, a watchdog looping for 30 days. The limit is set low
 * (through the start context's {@code historyLimits}) so the chain is long and the tests fast;
 * every execution of the chain is read back from the test server and counted.
 */
class ContinueAsNewTest extends WorkflowTestBase {
  /** The event limit of these tests' runs. */
  static final long EVENTS = 500;

  /**
   * How far past the limit an execution may go: the limit is checked at safe points against the
   * history length at the start of the current workflow task, and continuing adds its own events.
   */
  static final long SLACK = 40;

  static final Map<String, Object> LIMITS = Map.of("historyLimits", Map.of("events", EVENTS));

  @Test
  void waitUntilPolling20000TimesContinuesAsNewAndFinishes() {
    String yaml =
        header("can-wait")
            + """
            steps:
              - id: before
                log: start
              - id: wait
                waitUntil:
                  probe: {http: {url: "${{ inputs.base }}/flip/19999"}}
                  condition: result.body.ready
                  interval: 30s
                  deadline: 30d
              - id: after
                log: "waited ${{ steps.wait.result.probes }} probes"
            """;
    long t0 = System.nanoTime();
    WorkflowStub run = env.start(env.publish(yaml), Map.of("base", http.url()), LIMITS);
    Map<String, Object> report = report(run);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    List<WorkflowExecutionHistory> chain = chain(run);
    System.out.printf(
        "waitUntil 20000 polls: %d ms, %d executions, max %d events%n",
        ms, chain.size(), maxEvents(chain));
    assertThat(report.get("outcome")).isEqualTo("resolved");
    assertThat(http.hits("/flip/19999")).isEqualTo(20_000);
    Map<String, Object> wait = RunbookTestEnv.step(report, "wait");
    assertThat(((Map<?, ?>) wait.get("result")).get("probes")).isEqualTo(20_000);
    assertThat(((Map<?, ?>) wait.get("result")).get("waitedMs")).isEqualTo(19_999L * 30_000);
    assertThat(RunbookTestEnv.step(report, "after").get("result").toString())
        .contains("waited 20000 probes");
    assertThat(RunbookTestEnv.step(report, "before").get("status")).isEqualTo("succeeded");
    assertThat((Long) report.get("durationMs")).isGreaterThanOrEqualTo(19_999L * 30_000);
    assertChainBounded(chain);
  }

  @Test
  void foreachOver10000ItemsContinuesAsNewAndReportsEveryItem() {
    String yaml =
        header("can-foreach")
            + """
              items:
                type: list
                required: true
            steps:
              - id: each
                foreach:
                  items: inputs.items
                  steps:
                    - id: post
                      http: {method: POST, url: "${{ inputs.base }}/json/item", body: {n: "${{ item }}"}}
                      outputs:
                        n: item
                outputs:
                  count: result.count
                  listed: size(result.items)
                  last: result.items[9999].outputs.post.n
              - id: after
                log: "${{ steps.each.outputs.listed }} items"
            """;
    List<Integer> items = IntStream.range(0, 10_000).boxed().toList();
    long t0 = System.nanoTime();
    WorkflowStub run =
        env.start(env.publish(yaml), Map.of("base", http.url(), "items", items), LIMITS);
    Map<String, Object> report = report(run);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    List<WorkflowExecutionHistory> chain = chain(run);
    System.out.printf(
        "foreach 10000 items: %d ms, %d executions, max %d events%n",
        ms, chain.size(), maxEvents(chain));
    assertThat(report.get("outcome")).isEqualTo("resolved");
    assertThat(http.hits("/json/item")).isEqualTo(10_000);
    Map<?, ?> outputs = (Map<?, ?>) RunbookTestEnv.step(report, "each").get("outputs");
    assertThat(((Number) outputs.get("count")).longValue()).isEqualTo(10_000);
    assertThat(((Number) outputs.get("listed")).longValue()).isEqualTo(10_000);
    assertThat(((Number) outputs.get("last")).longValue()).isEqualTo(9_999);
    assertChainBounded(chain);
  }

  /** The report of a run, following the chain of executions to the last. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> report(WorkflowStub run) {
    return run.getResult(Map.class);
  }

  /** Every execution of a run's chain, first to last. */
  List<WorkflowExecutionHistory> chain(WorkflowStub run) {
    String id = run.getExecution().getWorkflowId();
    String runId = run.getExecution().getRunId();
    List<WorkflowExecutionHistory> out = new ArrayList<>();
    while (runId != null) {
      WorkflowExecutionHistory history = env.client.fetchHistory(id, runId);
      out.add(history);
      HistoryEvent last = history.getLastEvent();
      runId =
          last.hasWorkflowExecutionContinuedAsNewEventAttributes()
              ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
              : null;
    }
    return out;
  }

  static long maxEvents(List<WorkflowExecutionHistory> chain) {
    return chain.stream().mapToLong(h -> h.getEvents().size()).max().orElse(0);
  }

  static void assertChainBounded(List<WorkflowExecutionHistory> chain) {
    assertThat(chain).hasSizeGreaterThan(2);
    for (WorkflowExecutionHistory h : chain) {
      assertThat((long) h.getEvents().size()).isLessThanOrEqualTo(EVENTS + SLACK);
    }
  }

  static Duration days(long n) {
    return Duration.ofDays(n);
  }
}
