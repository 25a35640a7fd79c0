package dev.runbooks.worker.locks;

import dev.runbooks.activities.ActionActivities;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.language.compile.RunbookCompiler;
import dev.runbooks.language.expr.Expressions;
import dev.runbooks.workflows.AuditActivities;
import dev.runbooks.workflows.RunbookLockWorkflowImpl;
import dev.runbooks.workflows.RunbookSource;
import dev.runbooks.workflows.RunbookSourceActivities;
import dev.runbooks.workflows.RunbookWorkflow;
import dev.runbooks.workflows.RunbookWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.util.Map;

/**
 * A worker of the {@code runbooks} task queue with the interpreter, the lock workflow and its
 * activities, serving the runbooks of {@link #RUNBOOKS}; run in a child JVM ({@link #main}) so a
 * test can kill it with SIGKILL, or in the test's own JVM ({@link #start}).
 */
public final class LockWorker {
  /** A runbook holding {@code service/<svc>} for the whole run, sleeping {@code nap} seconds. */
  static final String HOLDER =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata: {name: chaos-holder}
      inputs:
        service: {type: string, required: true}
        nap: {type: string, default: 15s}
      lock: "service/${{ inputs.service }}"
      steps:
        - id: work
          sleep: "${{ inputs.nap }}"
      """;

  /** A runbook whose one step waits for {@code service/<svc>}. */
  static final String WAITER =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata: {name: chaos-waiter}
      inputs:
        service: {type: string, required: true}
      steps:
        - id: act
          log: acting
          lock: "service/${{ inputs.service }}"
          lockTimeout: 10m
      """;

  static final Map<String, String> RUNBOOKS =
      Map.of("chaos-holder", HOLDER, "chaos-waiter", WAITER);

  private LockWorker() {}

  /** Runs a worker against the Temporal frontend {@code args[0]} until killed. */
  public static void main(String[] args) throws InterruptedException {
    start(args[0]);
    System.out.println("lock worker polling");
    System.out.flush();
    Thread.currentThread().join();
  }

  /** Starts a worker against {@code target} and returns its factory. */
  static WorkerFactory start(String target) {
    Expressions.standard().evaluate("1 == 1", Map.of());
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
    var worker =
        factory.newWorker(
            RunbookWorkflow.TASK_QUEUE,
            WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(10_000).build());
    RunbookWorkflowImpl.register(worker, null);
    RunbookLockWorkflowImpl.register(worker);
    RunbookSourceActivities sources =
        new RunbookSourceActivities() {
          @Override
          public RunbookSource load(String name) {
            String yaml = RUNBOOKS.get(name);
            if (yaml == null) {
              throw ApplicationFailure.newNonRetryableFailure(
                  "no runbook " + name, "UnknownRunbook");
            }
            var plan = RunbookCompiler.standard().compile(yaml, name + ".yaml").orThrow();
            return new RunbookSource(name, plan.version(), name + ".yaml", yaml);
          }
        };
    AuditActivities audit =
        new AuditActivities() {
          @Override
          public void record(dev.runbooks.workflows.AuditRecord record) {}
        };
    worker.registerActivitiesImplementations(
        new ActionActivities(StepEnvironment.defaults()), sources, audit);
    factory.start();
    return factory;
  }
}
