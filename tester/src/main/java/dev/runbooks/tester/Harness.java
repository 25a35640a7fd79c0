package dev.runbooks.tester;

import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.api.DecisionSeal;
import dev.runbooks.workflows.AuditActivities;
import dev.runbooks.workflows.AuditRecord;
import dev.runbooks.workflows.MemoryGuardRails;
import dev.runbooks.workflows.RunbookLockWorkflowImpl;
import dev.runbooks.workflows.RunbookSearchAttributes;
import dev.runbooks.workflows.RunbookSource;
import dev.runbooks.workflows.RunbookSourceActivities;
import dev.runbooks.workflows.RunbookWorkflow;
import dev.runbooks.workflows.RunbookWorkflowImpl;
import io.temporal.api.testservice.v1.LockTimeSkippingRequest;
import io.temporal.api.testservice.v1.UnlockTimeSkippingRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.serviceclient.TestServiceStubs;
import io.temporal.serviceclient.TestServiceStubsOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One in-process Temporal test server with time skipping, shared by every case of a test run: a
 * worker running the real interpreter and the lock workflow, the mocking action activities, an
 * in-memory catalog, guard rails and audit trail. Cases run one at a time, because simulated time
 * is global to the server.
 */
final class Harness implements AutoCloseable {
  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  final DecisionSeal seal;
  final MockActions actions;
  final ExecutorService executor;
  private final TestServiceStubs testService;
  private final Map<String, RunbookSource> catalog = new ConcurrentHashMap<>();

  /** The case now running, which the activities and the interceptor answer for. */
  volatile CaseRun current;

  Harness() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    seal = new DecisionSeal(key);
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "runbook-test-driver");
              t.setDaemon(true);
              return t;
            });
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new AskInterceptor(this))
                        .build())
                .build());
    RunbookSearchAttributes.definitions().forEach(env::registerSearchAttribute);
    Worker worker =
        env.newWorker(
            RunbookWorkflow.TASK_QUEUE,
            WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(30_000).build());
    // mocks with a simulated duration complete asynchronously, which local activities cannot
    RunbookWorkflowImpl.registerWithoutLocalProbes(worker, seal);
    RunbookLockWorkflowImpl.register(worker);
    actions = new MockActions(this, StepEnvironment.defaults());
    worker.registerActivitiesImplementations(
        actions,
        (RunbookSourceActivities) this::load,
        new MemoryGuardRails(env::currentTimeMillis),
        (AuditActivities) (AuditRecord record) -> {});
    env.start();
    client = env.getWorkflowClient();
    testService =
        TestServiceStubs.newServiceStubs(
            TestServiceStubsOptions.newBuilder()
                .setChannel(env.getWorkflowServiceStubs().getRawChannel())
                .validateAndBuildWithDefaults());
  }

  /** Makes the runbooks of a catalog loadable by name (replacing those of the same name). */
  void publish(Map<String, RunbookSource> sources) {
    catalog.putAll(sources);
  }

  private RunbookSource load(String name) {
    RunbookSource source = catalog.get(name);
    if (source == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no runbook named " + name + " in the tree of the test file", "UnknownRunbook");
    }
    return source;
  }

  /** Stops simulated time from skipping ahead until {@link #unlockTime()}. */
  void lockTime() {
    testService.blockingStub().lockTimeSkipping(LockTimeSkippingRequest.getDefaultInstance());
  }

  /** Lets simulated time skip again. */
  void unlockTime() {
    testService.blockingStub().unlockTimeSkipping(UnlockTimeSkippingRequest.getDefaultInstance());
  }

  /**
   * Runs {@code action} at simulated time {@code delay} from now, with time held while it runs (so
   * nothing skips past it before it took effect).
   */
  void at(Duration delay, Runnable action) {
    env.registerDelayedCallback(
        delay,
        () -> {
          lockTime();
          executor.execute(
              () -> {
                try {
                  action.run();
                } finally {
                  unlockTime();
                }
              });
        });
  }

  @Override
  public void close() {
    executor.shutdownNow();
    testService.shutdownNow();
    env.close();
  }
}
