package dev.runbooks.bench.overhead;

import dev.runbooks.activities.ActionActivities;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.bench.core.BenchContext;
import dev.runbooks.language.compile.RunbookCompiler;
import dev.runbooks.workflows.AuditActivities;
import dev.runbooks.workflows.AuditRecord;
import dev.runbooks.workflows.RunbookSource;
import dev.runbooks.workflows.RunbookSourceActivities;
import dev.runbooks.workflows.RunbookWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;

/**
 * The worker process of the overhead suite: one Temporal worker on one task queue hosting both the
 * interpreter ({@link RunbookWorkflowImpl}, serving {@code bench-ten-probes}) and the hand-written
 * {@link TenProbesImpl}, with the same activity implementation ({@link ActionActivities}) and the
 * worker options of the runbook worker. Arguments: the Temporal target, the task queue and,
 * optionally, the namespace (default {@code default}). Prints {@code overhead worker polling} once
 * it polls.
 */
public final class OverheadWorker {
  private OverheadWorker() {}

  /** Starts the worker and runs until killed. */
  public static void main(String[] args) throws InterruptedException {
    String target = args[0];
    String queue = args[1];
    String namespace = args.length > 2 ? args[2] : "default";
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    WorkerFactory factory =
        WorkerFactory.newInstance(
            WorkflowClient.newInstance(
                stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build()));
    Worker worker =
        factory.newWorker(
            queue,
            WorkerOptions.newBuilder()
                // as RunbookWorker: the first CEL evaluation in a workflow thread warms CEL
                .setDefaultDeadlockDetectionTimeout(Duration.ofSeconds(10).toMillis())
                .build());
    worker.registerWorkflowImplementationTypes(RunbookWorkflowImpl.class, TenProbesImpl.class);
    dev.runbooks.workflows.RunbookLockWorkflowImpl.register(worker);
    worker.registerActivitiesImplementations(
        new ActionActivities(StepEnvironment.defaults()),
        new Sources(),
        new NoAudit(),
        new dev.runbooks.workflows.MemoryGuardRails(System::currentTimeMillis));
    factory.start();
    System.out.println(
        "overhead worker polling " + queue + " on " + target + " namespace " + namespace);
    Thread.currentThread().join();
  }

  /** Serves {@code bench-ten-probes} as the catalog would. */
  static final class Sources implements RunbookSourceActivities {
    private final String source = BenchContext.runbook("bench-ten-probes.yaml");

    @Override
    public RunbookSource load(String name) {
      return new RunbookSource(
          name, RunbookCompiler.version(source), "bench-ten-probes.yaml", source);
    }
  }

  /** The runbook has no approvals, so nothing is audited; present because the worker has it. */
  static final class NoAudit implements AuditActivities {
    @Override
    public void record(AuditRecord record) {}
  }
}
