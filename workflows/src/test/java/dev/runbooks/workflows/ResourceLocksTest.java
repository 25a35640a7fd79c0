package dev.runbooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.api.RunLock;
import dev.runbooks.api.RunStatus;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two runs of different runbooks contending for one resource lock on the in-memory Temporal (time
 * skipping): the second waits until the first ends, skips, fails, or gives up after its
 * lockTimeout; a holder terminated by a client loses the lock within the liveness period; an
 * aborted holder releases it.
 */
class ResourceLocksTest {
  private RunbookTestEnv env;

  @BeforeEach
  void start() {
    env = new RunbookTestEnv();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  /** A runbook holding {@code service/<svc>} for the whole run, sleeping {@code sleep}. */
  private static String holder(String name, String sleep) {
    return """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata: {name: %s}
        inputs:
          service: {type: string, default: checkout}
        lock: "service/${{ inputs.service }}"
        steps:
          - id: work
            sleep: %s
          - id: done
            log: done
        finally:
          - id: tidy
            log: tidy
        """
        .formatted(name, sleep);
  }

  /** A runbook whose step {@code act} takes {@code service/checkout} with the given rails. */
  private static String contender(String name, String rails) {
    return """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata: {name: %s}
        steps:
          - id: act
            log: acting
            lock: "service/checkout"
        %s
          - id: after
            log: after
        """
        .formatted(name, rails.isBlank() ? "" : "    " + rails.strip());
  }

  private RunStatus status(WorkflowStub run) {
    return run.query(RunbookWorkflow.QUERY_STATUS, RunStatus.class);
  }

  private RunStatus until(WorkflowStub run, Predicate<RunStatus> test) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    RunStatus s = status(run);
    while (!test.test(s)) {
      assertThat(System.nanoTime()).as("status never matched: %s", s).isLessThan(deadline);
      Thread.sleep(100);
      s = status(run);
    }
    return s;
  }

  private static boolean holds(RunStatus s) {
    return s.locks().stream().anyMatch(l -> RunLock.HELD.equals(l.state()));
  }

  private static boolean waits(RunStatus s) {
    return s.locks().stream()
        .anyMatch(l -> RunLock.WAITING.equals(l.state()) && l.holder() != null);
  }

  private RunbookLockWorkflow.State lock(String name) {
    return env.client
        .newWorkflowStub(RunbookLockWorkflow.class, RunbookLockWorkflow.workflowId(name))
        .state();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> events(Map<String, Object> report, String kind) {
    return ((List<Map<String, Object>>) report.get("events"))
        .stream().filter(e -> kind.equals(e.get("event"))).toList();
  }

  private WorkflowStub holding(String sleep) throws InterruptedException {
    WorkflowStub a = env.start(env.publish(holder("lock-holder", sleep)), Map.of());
    RunStatus held = until(a, ResourceLocksTest::holds);
    assertThat(held.locks())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.name()).isEqualTo("service/checkout");
              assertThat(l.step()).isNull();
            });
    return a;
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSecondRunWaitsUntilTheFirstEnds() throws Exception {
    WorkflowStub a = holding("5m");
    WorkflowStub b = env.start(env.publish(contender("lock-waiter", "")), Map.of());
    RunStatus waiting = until(b, ResourceLocksTest::waits);
    RunLock wait = waiting.locks().get(0);
    assertThat(wait.step()).isEqualTo("act");
    assertThat(wait.holder()).isEqualTo(a.getExecution().getWorkflowId());
    RunbookLockWorkflow.State state = lock("service/checkout");
    assertThat(state.holder().workflowId()).isEqualTo(a.getExecution().getWorkflowId());
    assertThat(state.waiters())
        .extracting(RunbookLockWorkflow.Entry::workflowId)
        .containsExactly(b.getExecution().getWorkflowId());

    Map<String, Object> second = b.getResult(Map.class);
    Map<String, Object> first = a.getResult(Map.class);
    assertThat(second.get("outcome")).isEqualTo("resolved");
    assertThat(first.get("outcome")).isEqualTo("resolved");
    Instant firstEnded = Instant.parse((String) first.get("endedAt"));
    Instant secondGot = Instant.parse((String) events(second, "lockAcquired").get(0).get("at"));
    assertThat(secondGot).isAfterOrEqualTo(firstEnded);
    assertThat(events(first, "lockReleased")).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aStepSkipsOrFailsWhenTheLockIsHeld() throws Exception {
    WorkflowStub a = holding("1h");
    Map<String, Object> skipped =
        env.start(env.publish(contender("lock-skipper", "onLocked: skip")), Map.of())
            .getResult(Map.class);
    assertThat(skipped.get("outcome")).isEqualTo("resolved");
    Map<String, Object> act = RunbookTestEnv.step(skipped, "act");
    assertThat(act.get("status")).isEqualTo("skipped");
    assertThat((String) act.get("note"))
        .isEqualTo(
            "onLocked: skip; lock service/checkout is held by " + a.getExecution().getWorkflowId());
    assertThat(RunbookTestEnv.step(skipped, "after").get("status")).isEqualTo("succeeded");

    Map<String, Object> failed =
        env.start(env.publish(contender("lock-failer", "onLocked: fail")), Map.of())
            .getResult(Map.class);
    assertThat(failed.get("outcome")).isEqualTo("failed");
    Map<String, Object> error =
        (Map<String, Object>) RunbookTestEnv.step(failed, "act").get("error");
    assertThat(error.get("type")).isEqualTo("Locked");
    assertThat(lock("service/checkout").waiters()).isEmpty();
  }

  @Test
  void aRunbookLockThatIsHeldSkipsTheWholeRun() throws Exception {
    holding("1h");
    String yaml =
        holder("lock-run-skipper", "1s")
            .replace("lock: \"service", "onLocked: skip\nlock: \"service");
    @SuppressWarnings("unchecked")
    Map<String, Object> report = env.start(env.publish(yaml), Map.of()).getResult(Map.class);
    assertThat(report.get("outcome")).isEqualTo("skipped");
    assertThat((List<?>) report.get("steps")).isEmpty(); // not even finally ran
  }

  @Test
  @SuppressWarnings("unchecked")
  void aWaitGivesUpAfterLockTimeoutAndLeavesTheQueue() throws Exception {
    WorkflowStub a = holding("1h");
    WorkflowStub b =
        env.start(env.publish(contender("lock-impatient", "lockTimeout: 2m")), Map.of());
    until(b, ResourceLocksTest::waits);
    Map<String, Object> report = b.getResult(Map.class);
    assertThat(report.get("outcome")).isEqualTo("failed");
    Map<String, Object> error =
        (Map<String, Object>) RunbookTestEnv.step(report, "act").get("error");
    assertThat(error.get("type")).isEqualTo("LockTimeout");
    assertThat((String) error.get("message"))
        .isEqualTo(
            "lock service/checkout not granted within PT2M (held by "
                + a.getExecution().getWorkflowId()
                + ")");
    RunbookLockWorkflow.State state = lock("service/checkout");
    assertThat(state.holder().workflowId()).isEqualTo(a.getExecution().getWorkflowId());
    assertThat(state.waiters()).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTerminatedHolderLosesTheLockWithinTheLivenessPeriod() throws Exception {
    WorkflowStub a = holding("1h");
    WorkflowStub b = env.start(env.publish(contender("lock-heir", "")), Map.of());
    until(b, ResourceLocksTest::waits);
    long terminatedAt = env.env.currentTimeMillis();
    a.terminate("chaos");
    Map<String, Object> report = b.getResult(Map.class);
    assertThat(report.get("outcome")).isEqualTo("resolved");
    Instant got = Instant.parse((String) events(report, "lockAcquired").get(0).get("at"));
    assertThat(Duration.between(Instant.ofEpochMilli(terminatedAt), got))
        .isLessThanOrEqualTo(Duration.ofSeconds(RunbookLockWorkflow.LIVENESS_SECONDS + 5));
  }

  @Test
  @SuppressWarnings("unchecked")
  void anAbortedHolderReleasesItsLock() throws Exception {
    WorkflowStub a = holding("1h");
    WorkflowStub b = env.start(env.publish(contender("lock-after-abort", "")), Map.of());
    until(b, ResourceLocksTest::waits);
    a.signal("abort", Map.of("by", "carol", "reason", "enough"));
    Map<String, Object> aborted = a.getResult(Map.class);
    assertThat(aborted.get("outcome")).isEqualTo("aborted");
    assertThat(events(aborted, "lockReleased")).hasSize(1);
    assertThat(RunbookTestEnv.step(aborted, "tidy").get("status")).isEqualTo("succeeded");
    assertThat(b.getResult(Map.class).get("outcome")).isEqualTo("resolved");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aHolderThatContinuesAsNewKeepsItsLockUntilItsChainEnds() throws Exception {
    String yaml =
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata: {name: lock-long-holder}
        lock: "service/checkout"
        steps:
          - {id: one, sleep: 1m}
          - {id: two, sleep: 1m}
          - {id: three, sleep: 1m}
          - {id: four, sleep: 1m}
          - {id: five, sleep: 1m}
          - {id: six, sleep: 1m}
        """;
    WorkflowStub a =
        env.start(env.publish(yaml), Map.of(), Map.of("historyLimits", Map.of("events", 20)));
    until(a, ResourceLocksTest::holds);
    WorkflowStub b = env.start(env.publish(contender("lock-patient", "")), Map.of());
    until(b, ResourceLocksTest::waits);
    Map<String, Object> second = b.getResult(Map.class);
    WorkflowStub latest = env.client.newUntypedWorkflowStub(a.getExecution().getWorkflowId());
    Map<String, Object> first = latest.getResult(Map.class);
    assertThat(first.get("outcome")).isEqualTo("resolved");
    var chainStart =
        env.client
            .fetchHistory(a.getExecution().getWorkflowId())
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes();
    assertThat(chainStart.getContinuedExecutionRunId())
        .as("the holder continued as new")
        .isNotEmpty();
    Instant secondGot = Instant.parse((String) events(second, "lockAcquired").get(0).get("at"));
    assertThat(secondGot).isAfterOrEqualTo(Instant.parse((String) first.get("endedAt")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theLockContinuesAsNewWhenItsHistoryGrows() throws Exception {
    WorkflowStub a = holding("5h");
    WorkflowStub b =
        env.start(env.publish(contender("lock-very-patient", "lockTimeout: 6h")), Map.of());
    until(b, ResourceLocksTest::waits);
    assertThat(b.getResult(Map.class).get("outcome")).isEqualTo("resolved");
    assertThat(a.getResult(Map.class).get("outcome")).isEqualTo("resolved");
    var lockStart =
        env.client
            .fetchHistory(RunbookLockWorkflow.workflowId("service/checkout"))
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes();
    assertThat(lockStart.getContinuedExecutionRunId()).as("the lock continued as new").isNotEmpty();
  }

  /** A stand-in restart that takes a while and counts how many restarts of a target overlap. */
  static final class SlowRestarts implements dev.runbooks.activities.StepExecutor {
    final java.util.concurrent.atomic.AtomicInteger running =
        new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger most =
        new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger done =
        new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public String type() {
      return "restart";
    }

    @Override
    public Map<String, Object> execute(
        dev.runbooks.language.steps.ActionRequest request,
        dev.runbooks.activities.StepContext ctx) {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(700);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running.decrementAndGet();
      done.incrementAndGet();
      return Map.of("restarted", true, "target", request.config().get("target"));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void restartsOfOneTargetByTwoRunbooksNeverOverlap() throws Exception {
    SlowRestarts restarts = new SlowRestarts();
    try (RunbookTestEnv own = new RunbookTestEnv(List.of(restarts))) {
      String yaml =
          """
          apiVersion: runbooks.dev/v1
          kind: Runbook
          metadata: {name: %s}
          steps:
            - id: bounce
              restart: {target: checkout-api, command: [/bin/true]}
          """;
      WorkflowStub one = own.start(own.publish(yaml.formatted("restart-one")), Map.of());
      WorkflowStub two = own.start(own.publish(yaml.formatted("restart-two")), Map.of());
      Map<String, Object> first = one.getResult(Map.class);
      Map<String, Object> second = two.getResult(Map.class);
      assertThat(first.get("outcome")).isEqualTo("resolved");
      assertThat(second.get("outcome")).isEqualTo("resolved");
      assertThat(restarts.done.get()).isEqualTo(2);
      assertThat(restarts.most.get()).as("restarts of checkout-api at once").isEqualTo(1);
      assertThat(events(first, "lockAcquired"))
          .singleElement()
          .satisfies(e -> assertThat(e.get("lock")).isEqualTo("restart/checkout-api"));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void waitersAreServedFirstComeFirstServedAndAWaiterThatClosedIsPassedOver() throws Exception {
    WorkflowStub a = holding("5m");
    String queued = env.publish(contender("lock-queued", ""));
    WorkflowStub first = env.start(queued, Map.of());
    until(first, ResourceLocksTest::waits);
    WorkflowStub gone = env.start(queued, Map.of());
    until(gone, ResourceLocksTest::waits);
    WorkflowStub last = env.start(queued, Map.of());
    until(last, ResourceLocksTest::waits);
    assertThat(lock("service/checkout").waiters())
        .extracting(RunbookLockWorkflow.Entry::workflowId)
        .containsExactly(
            first.getExecution().getWorkflowId(),
            gone.getExecution().getWorkflowId(),
            last.getExecution().getWorkflowId());
    gone.terminate("changed my mind");

    Map<String, Object> thirdReport = last.getResult(Map.class);
    Map<String, Object> firstReport = first.getResult(Map.class);
    assertThat(a.getResult(Map.class).get("outcome")).isEqualTo("resolved");
    assertThat(firstReport.get("outcome")).isEqualTo("resolved");
    assertThat(thirdReport.get("outcome")).isEqualTo("resolved");
    Instant firstGot = Instant.parse((String) events(firstReport, "lockAcquired").get(0).get("at"));
    Instant firstReleased =
        Instant.parse((String) events(firstReport, "lockReleased").get(0).get("at"));
    Instant thirdGot = Instant.parse((String) events(thirdReport, "lockAcquired").get(0).get("at"));
    assertThat(thirdGot).isAfterOrEqualTo(firstReleased).isAfter(firstGot);
    RunbookLockWorkflow.State after = lock("service/checkout");
    assertThat(after.holder()).isNull();
    assertThat(after.waiters()).isEmpty();
  }
}
