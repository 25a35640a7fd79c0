package dev.runbooks.workflows;

import dev.runbooks.api.DecisionSeal;
import dev.runbooks.workflows.internal.RunDriver;
import io.temporal.common.converter.EncodedValues;
import io.temporal.worker.Worker;
import io.temporal.workflow.DynamicWorkflow;

/**
 * The one workflow implementation behind every runbook. Its workflow type is the runbook's name; it
 * loads the runbook's current source once (pinning that version for the run's life), binds the
 * inputs and interprets the steps. See {@link RunbookWorkflow} for the contract.
 *
 * <p>Decisions sent as updates are verified with the engine's {@link DecisionSeal}: a worker
 * registers the implementation with {@link #register(Worker, DecisionSeal)}. Registered by type (no
 * key), it verifies no decision: approvals with {@code via: engine} then refuse every one.
 */
public class RunbookWorkflowImpl implements DynamicWorkflow {
  private final DecisionSeal seal;
  private final boolean localProbes;

  /** An implementation that verifies no decision (replay, tests that decide by signal). */
  public RunbookWorkflowImpl() {
    this(null);
  }

  /** An implementation that verifies decisions with {@code seal}. */
  public RunbookWorkflowImpl(DecisionSeal seal) {
    this(seal, true);
  }

  private RunbookWorkflowImpl(DecisionSeal seal, boolean localProbes) {
    this.seal = seal;
    this.localProbes = localProbes;
  }

  /** Registers the implementation on a worker, verifying decisions with {@code seal}. */
  public static void register(Worker worker, DecisionSeal seal) {
    worker.registerWorkflowImplementationFactory(
        DynamicWorkflow.class, () -> new RunbookWorkflowImpl(seal));
  }

  /**
   * Registers an implementation that runs every action as an activity, read-only probes included
   * (which otherwise run as local activities): for a worker that completes activities
   * asynchronously, such as the runbook tester's mocks with a simulated duration. Its runs must be
   * replayed by such an implementation too.
   */
  public static void registerWithoutLocalProbes(Worker worker, DecisionSeal seal) {
    worker.registerWorkflowImplementationFactory(
        DynamicWorkflow.class, () -> new RunbookWorkflowImpl(seal, false));
  }

  @Override
  public Object execute(EncodedValues args) {
    return new RunDriver(seal, localProbes).run(args);
  }
}
