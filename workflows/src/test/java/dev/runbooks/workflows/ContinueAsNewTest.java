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
    // 19,999 intervals of skipped time, plus the real time the probes took (time skipping stops
    // while an activity runs).
    assertThat(((Number) ((Map<?, ?>) wait.get("result")).get("waitedMs")).longValue())
        .isBetween(19_999L * 30_000, 19_999L * 30_000 + 3_600_000);
    assertThat(RunbookTestEnv.step(report, "after").get("result").toString())
        .contains("waited 20000 probes");
    assertThat(RunbookTestEnv.step(report, "before").get("status")).isEqualTo("succeeded");
    assertThat(((Number) report.get("durationMs")).longValue())
        .isGreaterThanOrEqualTo(19_999L * 30_000);
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

  @Test
  void watchdogLoopingThirtyDaysContinuesAsNew() {
    String yaml =
        header("can-watchdog")
            + """
            steps:
              - id: rest
                sleep: 1m
              - id: watch
                waitUntil:
                  probe: {http: {url: "${{ inputs.base }}/flip/4319"}}
                  condition: result.body.ready
                  interval: 10m
                  deadline: 1d
                onFailure: {goto: rest}
              - id: done
                log: "healthy after ${{ steps.watch.result.probes }} probes of the last day"
            """;
    long t0 = System.nanoTime();
    WorkflowStub run = env.start(env.publish(yaml), Map.of("base", http.url()), LIMITS);
    Map<String, Object> report = report(run);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    List<WorkflowExecutionHistory> chain = chain(run);
    System.out.printf(
        "watchdog 30 days: %d ms, %d executions, max %d events%n",
        ms, chain.size(), maxEvents(chain));
    assertThat(report.get("outcome")).isEqualTo("resolved");
    assertThat(http.hits("/flip/4319")).isEqualTo(4_320);
    assertThat(((Number) report.get("durationMs")).longValue())
        .isGreaterThanOrEqualTo(days(29).toMillis());
    Map<String, Object> watch = RunbookTestEnv.step(report, "watch");
    assertThat(watch.get("status")).isEqualTo("succeeded");
    assertThat(((Number) watch.get("executions")).longValue()).isEqualTo(30);
    assertThat(RunbookTestEnv.step(report, "done").get("status")).isEqualTo("succeeded");
    assertChainBounded(chain);
  }

  @Test
  void statusQueryOfALaterExecutionShowsEarlierStepsAndAbortStillCompensates() {
    String yaml =
        header("can-abort")
            + """
            steps:
              - id: drain
                log: draining
                compensate: [{id: undrain, log: undrain}]
              - id: wait
                waitUntil:
                  probe: {http: {url: "${{ inputs.base }}/flip/1000000"}}
                  condition: result.body.ready
                  interval: 1m
                  deadline: 30d
            finally:
              - id: always
                log: done
            """;
    WorkflowStub first =
        env.start(
            env.publish(yaml),
            Map.of("base", http.url()),
            Map.of("historyLimits", Map.of("events", 100)));
    env.env.sleep(Duration.ofHours(2));
    WorkflowStub latest = env.client.newUntypedWorkflowStub(first.getExecution().getWorkflowId());
    @SuppressWarnings("unchecked")
    Map<String, Object> status = latest.query("status", Map.class);
    assertThat(status.get("runId")).isNotEqualTo(first.getExecution().getRunId());
    assertThat(status.get("state")).isEqualTo("running");
    assertThat(RunbookTestEnv.step(status, "drain").get("status")).isEqualTo("succeeded");
    assertThat(RunbookTestEnv.step(status, "wait").get("status")).isIn("running", "waiting");
    assertThat(status.get("events").toString()).contains("continuedAsNew");
    latest.signal("abort", Map.of("by", "alice", "reason", "enough"));
    Map<String, Object> report = report(first);
    assertThat(report.get("outcome")).isEqualTo("aborted");
    assertThat(report.get("message")).isEqualTo("aborted by alice: enough");
    assertThat(report.get("compensations").toString()).contains("for=drain", "status=succeeded");
    assertThat(RunbookTestEnv.step(report, "always").get("status")).isEqualTo("succeeded");
    assertThat(RunbookTestEnv.step(report, "drain").get("status")).isEqualTo("succeeded");
    assertThat(chain(first)).hasSizeGreaterThan(1);
  }

  @Test
  void stateTooLargeToCarryEndsTheRunFailedWithCompensationAndFinally() {
    String yaml =
        header("can-budget")
            + """
            steps:
              - id: drain
                log: draining
                compensate: [{id: undrain, log: undrain}]
              - id: wait
                waitUntil:
                  probe: {http: {url: "${{ inputs.base }}/flip/1000000"}}
                  condition: result.body.ready
                  interval: 1m
                  deadline: 30d
            finally:
              - id: always
                log: done
            """;
    WorkflowStub run =
        env.start(
            env.publish(yaml),
            Map.of("base", http.url()),
            Map.of("historyLimits", Map.of("events", 100, "stateBytes", 500)));
    Map<String, Object> report = report(run);
    assertThat(report.get("outcome")).isEqualTo("failed");
    assertThat((String) report.get("message")).startsWith("HistoryBudgetExceeded: ");
    assertThat(report.get("failedStep")).isEqualTo("wait");
    assertThat(report.get("events").toString()).contains("type=HistoryBudgetExceeded");
    assertThat(report.get("compensations").toString()).contains("for=drain", "status=succeeded");
    assertThat(RunbookTestEnv.step(report, "always").get("status")).isEqualTo("succeeded");
    assertThat(chain(run)).hasSize(1);
  }

  @Test
  void concurrentForeachAndNestedSwitchContinueBetweenItems() {
    String yaml =
        header("can-nested")
            + """
              items:
                type: list
                required: true
            steps:
              - id: route
                switch:
                  cases:
                    - when: size(inputs.items) > 10
                      steps:
                        - id: each
                          foreach:
                            items: inputs.items
                            concurrency: 4
                            steps:
                              - id: post
                                http: {method: POST, url: "${{ inputs.base }}/json/item"}
                                outputs:
                                  n: item
                          outputs:
                            sum: result.items.map(r, r.outputs.post.n).size()
                        - id: inner
                          foreach:
                            items: '[1, 2, 3]'
                            steps:
                              - id: pause
                                waitUntil:
                                  probe: {http: {url: "${{ inputs.base }}/flip/30"}}
                                  condition: result.body.hits % 30 == 0
                                  interval: 1m
                                  deadline: 1d
                  default: [{id: few, log: few}]
            """;
    List<Integer> items = IntStream.range(0, 600).boxed().toList();
    WorkflowStub run =
        env.start(
            env.publish(yaml),
            Map.of("base", http.url(), "items", items),
            Map.of("historyLimits", Map.of("events", 200)));
    Map<String, Object> report = report(run);
    List<WorkflowExecutionHistory> chain = chain(run);
    assertThat(report.get("outcome")).isEqualTo("resolved");
    assertThat(http.hits("/json/item")).isEqualTo(600);
    assertThat(http.hits("/flip/30")).isEqualTo(90);
    Map<?, ?> outputs = (Map<?, ?>) RunbookTestEnv.step(report, "each").get("outputs");
    assertThat(((Number) outputs.get("sum")).longValue()).isEqualTo(600);
    assertThat(report.get("steps").toString()).doesNotContain("id=few");
    assertThat(chain).hasSizeGreaterThan(4);
    for (WorkflowExecutionHistory h : chain) {
      assertThat((long) h.getEvents().size()).isLessThanOrEqualTo(200 + SLACK);
    }
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
