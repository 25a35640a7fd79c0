package dev.runbooks.workflows;

import dev.runbooks.activities.ActionActivities;
import dev.runbooks.api.Channel;
import dev.runbooks.api.DecisionAction;
import dev.runbooks.api.DecisionAnswer;
import dev.runbooks.api.DecisionRequest;
import dev.runbooks.api.DecisionSeal;
import dev.runbooks.language.compile.Compilation;
import dev.runbooks.language.compile.RunbookCompiler;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-memory Temporal test server with time skipping, a real worker running the interpreter and
 * the real action activities, and a catalog of runbook sources the test controls.
 */
final class RunbookTestEnv implements AutoCloseable {
  /** The value of the test secret {@code API_TOKEN}. */
  static final String SECRET_VALUE = "s3cr3t-token-4a7f";

  /** The decision key of the test worker, which {@link #decide} seals with. */
  static final DecisionSeal SEAL =
      new DecisionSeal("test-decision-key-of-32-bytes-at-least".getBytes(StandardCharsets.UTF_8));

  final TestWorkflowEnvironment env;

  /**
   * The audit trail, idempotent per (workflow id, step id, key) as {@link AuditActivities}
   * promises: a local activity may run more than once when its workflow task is retried.
   */
  final Map<String, AuditRecord> audit = new ConcurrentHashMap<>();

  /** The guard rails the runs ask before each mutating step; tests set overrides on it. */
  final MemoryGuardRails guardRails = new MemoryGuardRails(System::currentTimeMillis);

  final WorkflowClient client;
  final Map<String, dev.runbooks.workflows.RunbookSource> catalog = new ConcurrentHashMap<>();

  /** Every version published, by {@code name@version} (for retries on a run's version). */
  final Map<String, dev.runbooks.workflows.RunbookSource> versions = new ConcurrentHashMap<>();

  private final AtomicInteger ids = new AtomicInteger();

  RunbookTestEnv() {
    this(java.util.List.of());
  }

  /**
   * An environment whose action activities use the given executors as stand-ins for the built ones
   * of their types.
   */
  RunbookTestEnv(java.util.List<? extends dev.runbooks.activities.StepExecutor> executors) {
    this(executors, TestEnvironmentOptions.getDefaultInstance());
  }

  /** An environment with the given executors and test environment options (metrics, cache). */
  RunbookTestEnv(
      java.util.List<? extends dev.runbooks.activities.StepExecutor> executors,
      TestEnvironmentOptions options) {
    this(executors, options, SECRET_VALUE);
  }

  /** An environment with the given executors whose secret {@code API_TOKEN} has this value. */
  RunbookTestEnv(
      java.util.List<? extends dev.runbooks.activities.StepExecutor> executors,
      String secretValue) {
    this(executors, TestEnvironmentOptions.getDefaultInstance(), secretValue);
  }

  private RunbookTestEnv(
      java.util.List<? extends dev.runbooks.activities.StepExecutor> executors,
      TestEnvironmentOptions options,
      String secretValue) {
    env = TestWorkflowEnvironment.newInstance(options);
    RunbookSearchAttributes.definitions().forEach(env::registerSearchAttribute);
    Worker worker =
        env.newWorker(
            RunbookWorkflow.TASK_QUEUE,
            WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(30_000).build());
    RunbookWorkflowImpl.register(worker, SEAL);
    RunbookLockWorkflowImpl.register(worker);
    worker.registerActivitiesImplementations(
        ActionActivities.withStandIns(
            dev.runbooks.activities.StepEnvironment.defaults()
                .withSecrets(dev.runbooks.activities.Secrets.of(Map.of("API_TOKEN", secretValue))),
            executors),
        new CatalogSource(),
        guardRails,
        new AuditActivities() {
          @Override
          public void record(AuditRecord record) {
            audit.putIfAbsent(
                record.workflowId() + "/" + record.stepId() + "/" + record.key(), record);
          }
        });
    env.start();
    client = env.getWorkflowClient();
  }

  /** Compiles and publishes a runbook source; fails the test if it does not compile. */
  String publish(String yaml) {
    Compilation c = RunbookCompiler.standard().compile(yaml, "test.yaml");
    var plan = c.orThrow();
    var source =
        new dev.runbooks.workflows.RunbookSource(plan.name(), plan.version(), "test.yaml", yaml);
    catalog.put(plan.name(), source);
    versions.put(plan.name() + "@" + plan.version(), source);
    return plan.name();
  }

  /** Starts a run and returns its stub. */
  WorkflowStub start(String name, Map<String, ?> inputs) {
    return start(name, inputs, Map.of());
  }

  WorkflowStub start(String name, Map<String, ?> inputs, Map<String, ?> context) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            name,
            WorkflowOptions.newBuilder()
                .setTaskQueue(RunbookWorkflow.TASK_QUEUE)
                .setWorkflowId("runbook/" + name + "/" + ids.incrementAndGet())
                .build());
    stub.start(inputs, context);
    return stub;
  }

  /**
   * Sends a decision as the engine does: an update sealed with {@link #SEAL}, from the channel
   * {@code api}, with the name ({@code approver} or {@code by}), groups, comment, step and reason
   * of {@code payload}. Returns the run's answer, a refusal included.
   */
  DecisionAnswer decide(WorkflowStub run, DecisionAction action, Map<String, ?> payload) {
    return send(run, action, SEAL.seal(id(run), action, request(action, payload)));
  }

  /** Sends a decision update without a seal (as {@code temporal workflow update} would). */
  DecisionAnswer decideUnsealed(WorkflowStub run, DecisionAction action, Map<String, ?> payload) {
    return send(run, action, request(action, payload));
  }

  private static String id(WorkflowStub run) {
    return run.getExecution().getWorkflowId();
  }

  @SuppressWarnings("unchecked")
  private static DecisionRequest request(DecisionAction action, Map<String, ?> payload) {
    Map<String, Object> p = (Map<String, Object>) payload;
    DecisionRequest read = DecisionRequest.from(action, p);
    return new DecisionRequest(
        read.name(), read.groups(), Channel.API, read.comment(), read.step(), read.reason(), null);
  }

  private static DecisionAnswer send(
      WorkflowStub run, DecisionAction action, DecisionRequest request) {
    try {
      return run.update(action.wire(), DecisionAnswer.class, request.toPayload(action));
    } catch (WorkflowUpdateException e) {
      if (e.getCause() instanceof ApplicationFailure failure) {
        return new DecisionAnswer(
            DecisionAnswer.Result.of(failure.getType()), failure.getOriginalMessage(), null);
      }
      throw e;
    }
  }

  /** Runs a runbook to its end and returns the report. */
  @SuppressWarnings("unchecked")
  Map<String, Object> run(String yaml, Map<String, ?> inputs) {
    WorkflowStub stub = start(publish(yaml), inputs);
    return stub.getResult(Map.class);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> step(Map<String, Object> report, String id) {
    for (Object s : (java.util.List<Object>) report.get("steps")) {
      Map<String, Object> m = (Map<String, Object>) s;
      if (id.equals(m.get("id"))) {
        return m;
      }
    }
    throw new AssertionError("no step " + id + " in " + report.get("steps"));
  }

  @Override
  public void close() {
    env.close();
  }

  /** Serves the sources the test published. */
  final class CatalogSource
      implements RunbookSourceActivities, dev.runbooks.workflows.RunbookVersionActivities {
    @Override
    public dev.runbooks.workflows.RunbookSource loadVersion(String name, String version) {
      return Optional.ofNullable(versions.get(name + "@" + version))
          .orElseThrow(
              () ->
                  ApplicationFailure.newNonRetryableFailure(
                      "no version " + version + " of " + name, "UnknownRunbook"));
    }

    @Override
    public dev.runbooks.workflows.RunbookSource load(String name) {
      return Optional.ofNullable(catalog.get(name))
          .orElseThrow(
              () ->
                  ApplicationFailure.newNonRetryableFailure(
                      "no runbook named " + name, "UnknownRunbook"));
    }
  }
}
