package dev.runbooks.worker.locks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.api.RunLock;
import dev.runbooks.api.RunStatus;
import dev.runbooks.worker.ui.DevServerAccess;
import dev.runbooks.workflows.RunbookWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resource locks on the real Temporal dev server when the worker holding them dies: a worker in a
 * child JVM runs two holders and two waiters, then is killed with SIGKILL. One holder goes on on a
 * new worker, ends and releases its lock, so its waiter runs after it; the other holder is
 * terminated while no worker runs, and the lock's liveness check hands its lock to the waiter
 * within the liveness period once a worker runs again. No lock leaks.
 */
class LockChaosTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void aKilledWorkerLeaksNoLock() throws Exception {
    try (var temporal = DevServerAccess.start(dir.resolve("temporal"))) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      dev.runbooks.worker.internal.SearchAttributesForTests.ensure(stubs);
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      Process child = childWorker(temporal.target(), dir.resolve("worker.log"));
      WorkerFactory replacement = null;
      try {
        String a = UUID.randomUUID().toString().substring(0, 8);
        WorkflowStub holder = start(client, "chaos-holder", Map.of("service", a, "nap", "20s"));
        awaitStatus(holder, s -> held(s, RunLock.HELD));
        WorkflowStub waiter = start(client, "chaos-waiter", Map.of("service", a));
        awaitStatus(waiter, s -> held(s, RunLock.WAITING));
        String b = a + "-terminated";
        WorkflowStub doomed = start(client, "chaos-holder", Map.of("service", b, "nap", "1h"));
        awaitStatus(doomed, s -> held(s, RunLock.HELD));
        WorkflowStub heir = start(client, "chaos-waiter", Map.of("service", b));
        awaitStatus(heir, s -> held(s, RunLock.WAITING));

        child.destroyForcibly(); // SIGKILL
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        doomed.terminate("chaos: its worker died and an operator gave up on it");
        replacement = LockWorker.start(temporal.target());
        Instant restarted = Instant.now();

        Map<String, Object> first = holder.getResult(60, TimeUnit.SECONDS, Map.class);
        Map<String, Object> second = waiter.getResult(60, TimeUnit.SECONDS, Map.class);
        assertThat(first.get("outcome")).isEqualTo("resolved");
        assertThat(second.get("outcome")).isEqualTo("resolved");
        assertThat(acquiredAt(second))
            .isAfterOrEqualTo(Instant.parse((String) first.get("endedAt")));

        Map<String, Object> third = heir.getResult(90, TimeUnit.SECONDS, Map.class);
        assertThat(third.get("outcome")).isEqualTo("resolved");
        assertThat(Duration.between(restarted, acquiredAt(third)))
            .isLessThan(
                Duration.ofSeconds(
                    2L * dev.runbooks.workflows.RunbookLockWorkflow.LIVENESS_SECONDS + 15));
      } finally {
        child.destroyForcibly();
        if (replacement != null) {
          replacement.shutdownNow();
          replacement.awaitTermination(10, TimeUnit.SECONDS);
        }
        stubs.shutdownNow();
      }
    }
  }

  private static Process childWorker(String target, Path log) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LockWorker.class.getName(),
                target)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.readString(log).contains("lock worker polling")) {
      assertThat(child.isAlive()).as("the child worker died: %s", Files.readString(log)).isTrue();
      assertThat(System.nanoTime()).as("the child worker never started").isLessThan(deadline);
      Thread.sleep(200);
    }
    return child;
  }

  private static WorkflowStub start(WorkflowClient client, String runbook, Map<String, ?> inputs) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            runbook,
            WorkflowOptions.newBuilder()
                .setTaskQueue(RunbookWorkflow.TASK_QUEUE)
                .setWorkflowId("runbook/" + runbook + "/" + UUID.randomUUID())
                .build());
    stub.start(inputs, Map.of());
    return stub;
  }

  private static boolean held(RunStatus status, String state) {
    List<RunLock> locks = status.locks();
    return locks.stream()
        .anyMatch(
            l -> l.state().equals(state) && (state.equals(RunLock.HELD) || l.holder() != null));
  }

  private static void awaitStatus(WorkflowStub run, Predicate<RunStatus> test) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    RuntimeException last = null;
    while (true) {
      RunStatus status = null;
      try {
        status = run.query(RunbookWorkflow.QUERY_STATUS, RunStatus.class);
      } catch (RuntimeException notYet) {
        last = notYet; // the first workflow task may not have run yet
      }
      if (status != null && test.test(status)) {
        return;
      }
      assertThat(System.nanoTime())
          .as("status never matched: %s (%s)", status, last)
          .isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  @SuppressWarnings("unchecked")
  private static Instant acquiredAt(Map<String, Object> report) {
    return ((List<Map<String, Object>>) report.get("events"))
        .stream()
            .filter(e -> "lockAcquired".equals(e.get("event")))
            .map(e -> Instant.parse((String) e.get("at")))
            .findFirst()
            .orElseThrow();
  }
}
