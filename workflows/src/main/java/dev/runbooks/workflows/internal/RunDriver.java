package dev.runbooks.workflows.internal;

import dev.runbooks.api.DecisionAction;
import dev.runbooks.api.DecisionSeal;
import dev.runbooks.api.ErrorTypes;
import dev.runbooks.api.Outcome;
import dev.runbooks.api.RunPhase;
import dev.runbooks.api.RunReport;
import dev.runbooks.language.compile.Compilation;
import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.inputs.InputBinder;
import dev.runbooks.language.inputs.InputException;
import dev.runbooks.workflows.ChangeId;
import dev.runbooks.workflows.RunbookSource;
import dev.runbooks.workflows.RunbookSourceActivities;
import dev.runbooks.workflows.RunbookWorkflow;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.common.converter.EncodedValues;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.DynamicQueryHandler;
import io.temporal.workflow.DynamicSignalHandler;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.MDC;

/**
 * One run from start to report: load and pin the runbook, bind inputs, register the query and
 * signal handlers, interpret, then compensate and run {@code finally} as the outcome requires.
 */
public final class RunDriver {
  private final DecisionSeal seal;
  private final boolean localProbes;
  private RunState state;
  private Signals signals;

  /** A driver that verifies decisions with {@code seal}; with null, no decision is verified. */
  public RunDriver(DecisionSeal seal) {
    this(seal, true);
  }

  /**
   * A driver that verifies decisions with {@code seal} and, with {@code localProbes} false, runs
   * every action as an activity, read-only probes included ({@link LocalProbes}): for a worker
   * whose activities must be completed asynchronously, such as the runbook tester's mocks.
   */
  public RunDriver(DecisionSeal seal, boolean localProbes) {
    this.seal = seal;
    this.localProbes = localProbes;
  }

  /** Runs the workflow and returns the run report. */
  @SuppressWarnings("unchecked")
  public RunReport run(EncodedValues args) {
    WorkflowInfo info = Workflow.getInfo();
    Map<String, Object> given = argument(args, 0);
    Map<String, Object> context = argument(args, 1);
    Checkpoint checkpoint = checkpoint(args);
    Map<String, Object> alert =
        checkpoint != null && checkpoint.alert() != null
            ? checkpoint.alert()
            : context.get("alert") instanceof Map<?, ?> a ? (Map<String, Object>) a : Map.of();

    RunbookSource source = load(info.getWorkflowType());
    if (checkpoint == null) {
      source = RetrySeed.source(context, source);
    }
    Compilation compilation = PlanCache.compile(source.version(), source.source(), source.file());
    if (!compilation.ok()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "runbook "
              + source.name()
              + " ("
              + source.version()
              + ") does not compile:\n"
              + compilation.problems().stream()
                  .map(Object::toString)
                  .collect(Collectors.joining("\n")),
          ErrorTypes.INVALID_RUNBOOK);
    }
    CompiledRunbook plan = compilation.runbook();
    MDC.put(Interpreter.MDC_RUNBOOK, plan.name());
    long startedAt = checkpoint != null ? checkpoint.startedAt() : Workflow.currentTimeMillis();
    state =
        new RunState(
            plan.name(),
            plan.version(),
            plan.definition().metadata().title(),
            info.getWorkflowId(),
            info.getRunId(),
            startedAt);
    state.startedBy(StartContext.startedBy(context));
    signals = new Signals(state);
    registerHandlers();
    Map<String, Object> memo = new LinkedHashMap<>();
    memo.put("runbookVersion", plan.version());
    memo.put("runbookFile", source.file());
    if (plan.definition().metadata().title() != null) {
      memo.put("title", plan.definition().metadata().title());
    }
    Workflow.upsertMemo(memo);
    Visibility visibility = new Visibility();
    visibility.started(plan, alert);

    if (checkpoint != null) {
      resume(checkpoint, plan, alert, visibility);
      return state.report();
    }
    Map<String, Object> inputs;
    try {
      inputs = InputBinder.bind(plan.definition(), given);
    } catch (InputException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "invalid inputs for runbook " + plan.name() + ": " + String.join("; ", e.messages()),
          ErrorTypes.INVALID_INPUTS,
          e.messages());
    }
    state.begin(
        inputs,
        Boolean.TRUE.equals(context.get("dryRun")),
        context.get("callDepth") instanceof Number depth ? Math.max(0, depth.intValue()) : 0);
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("id", info.getWorkflowId());
    run.put("runId", info.getRunId());
    run.put("runbook", plan.name());
    run.put("version", plan.version());
    run.put("startedAt", Times.iso(startedAt));
    run.put("dryRun", state.dryRun());
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("inputs", inputs);
    vars.put("alert", alert);
    vars.put("run", run);
    RunMetrics metrics = new RunMetrics(plan.name(), state.dryRun());
    metrics.started();
    Interpreter interpreter = interpreter(plan, vars, visibility, metrics);
    interpreter.seed = RetrySeed.of(context, plan, state);
    interpreter.gate.stopBeforeMutation = StartContext.stopBeforeMutation(context);
    interpreter.continuing =
        new ContinueAsNew(
            interpreter, signals, HistoryLimits.from(context.get("historyLimits")), 0);
    interpretLocked(interpreter);
    finish(visibility, metrics, alert);
    return state.report();
  }

  /**
   * An execution that continues a run: puts the checkpoint's state back and re-enters the
   * interpreter where the previous execution stopped (see {@link ContinueAsNew}).
   */
  private void resume(
      Checkpoint checkpoint,
      CompiledRunbook plan,
      Map<String, Object> alert,
      Visibility visibility) {
    state.begin(
        checkpoint.inputs() == null ? Map.of() : checkpoint.inputs(),
        checkpoint.dryRun(),
        checkpoint.callDepth());
    ContinueAsNew.restore(checkpoint, state, signals);
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("inputs", state.inputs());
    vars.put("alert", alert);
    vars.put("run", checkpoint.run() == null ? Map.of() : checkpoint.run());
    RunMetrics metrics = new RunMetrics(plan.name(), state.dryRun());
    Interpreter interpreter = interpreter(plan, vars, visibility, metrics);
    interpreter.incidents.restore(checkpoint.incidents());
    interpreter.compensations().restore(checkpoint.compensable(), plan.stepsById());
    interpreter.position = new Position(checkpoint.position());
    interpreter.gate.stopBeforeMutation = checkpoint.stopBeforeMutation();
    HistoryLimits limits =
        checkpoint.limits() == null ? HistoryLimits.DEFAULT : checkpoint.limits();
    interpreter.continuing =
        new ContinueAsNew(interpreter, signals, limits, checkpoint.generation());
    interpretLocked(interpreter);
    finish(visibility, metrics, alert);
  }

  private void finish(Visibility visibility, RunMetrics metrics, Map<String, Object> alert) {
    visibility.ended(state.outcome().wire());
    state.details.ended(state.outcome().wire());
    state.finish(Workflow.currentTimeMillis());
    metrics.ended(state.outcome(), state.startedAt, state.endedAt(), alert);
  }

  /** The checkpoint of an execution that continues a run (its third argument), or null. */
  private static Checkpoint checkpoint(EncodedValues args) {
    if (args == null || args.getSize() <= 2) {
      return null;
    }
    return args.get(2, Checkpoint.class);
  }

  /** Interprets the run holding its runbook's {@code lock:}, if it names one ({@link Locks}). */
  private void interpretLocked(Interpreter interpreter) {
    interpreter.locks.holdingRunLock(
        interpreter.plan.definition().rails().lock(),
        interpreter.runVariables,
        () -> signals.abortRequested,
        this::abortMessage,
        () -> interpret(interpreter));
  }

  private void interpret(Interpreter interpreter) {
    CancellationScope main =
        Workflow.newCancellationScope(
            () -> {
              try {
                interpreter.runList(interpreter.plan.definition().steps(), StepScope.ROOT);
                state.end(Outcome.RESOLVED, null, null);
              } catch (ControlTransfer.EndRun end) {
                state.end(end.outcome, end.getMessage(), end.stepId);
              } catch (StepFailed failed) {
                state.end(Outcome.FAILED, failed.getMessage(), failed.stepId);
              } catch (CanceledFailure canceled) {
                state.end(Outcome.ABORTED, abortMessage(), null);
              }
            });
    io.temporal.workflow.Async.procedure(
        () -> {
          Workflow.await(() -> signals.abortRequested || state.outcome() != null);
          if (state.outcome() == null) {
            main.cancel("aborted");
          }
        });
    main.run();
    if (state.outcome() == null) {
      state.end(Outcome.ABORTED, abortMessage(), null);
    }
    CancellationScope cleanup =
        Workflow.newDetachedCancellationScope(
            () -> {
              if (state.outcome() != Outcome.RESOLVED
                  && !stoppedByRails(state.outcome())
                  && !isSucceed(interpreter)) {
                state.phase(RunPhase.COMPENSATING);
                interpreter.compensate();
              }
              List<dev.runbooks.language.model.Step> fin =
                  interpreter.plan.definition().finallySteps();
              if (!fin.isEmpty()) {
                state.phase(RunPhase.FINALLY);
                if (ChangeId.FINALLY_OUTCOME.enabled()) {
                  showOutcome(interpreter);
                }
                try {
                  interpreter.runList(fin, StepScope.ROOT);
                } catch (StepFailed | ControlTransfer.EndRun | ControlTransfer.Jump e) {
                  state.event(
                      "finallyFailed",
                      Map.of("message", String.valueOf(e.getMessage())),
                      Workflow.currentTimeMillis());
                }
              }
              if (state.outcome() == Outcome.RESOLVED && interpreter.incidents.any()) {
                state.phase(RunPhase.RESOLVING_INCIDENTS);
                interpreter.incidents.resolveAll(interpreter.actions, state);
              }
              state.phase(RunPhase.DONE);
            });
    cleanup.run();
  }

  /**
   * Lets {@code finally} see how the run went: {@code run.outcome} (the outcome's wire name, such
   * as {@code failed}), {@code run.failed} (whether it did not resolve), {@code run.failedStep} and
   * {@code run.message} (null when there is none).
   */
  private void showOutcome(Interpreter interpreter) {
    Object current = interpreter.runVariables.get("run");
    Map<String, Object> run = new LinkedHashMap<>();
    if (current instanceof Map<?, ?> m) {
      m.forEach((k, v) -> run.put(String.valueOf(k), v));
    }
    run.put("outcome", state.outcome().wire());
    run.put("failed", state.outcome() != Outcome.RESOLVED);
    run.put("failedStep", state.outcome() == Outcome.RESOLVED ? null : state.endStep());
    run.put("message", state.endMessage());
    interpreter.runVariables.put("run", run);
  }

  /**
   * Whether a guard rail ended the run before a mutation ({@code resolved-externally}, {@code
   * guarded}): nothing is undone, {@code finally} still runs.
   */
  private static boolean stoppedByRails(Outcome outcome) {
    return outcome == Outcome.RESOLVED_EXTERNALLY || outcome == Outcome.GUARDED;
  }

  private boolean isSucceed(Interpreter interpreter) {
    if (state.endStep() == null) {
      return false;
    }
    var step = interpreter.plan.stepsById().get(state.endStep());
    return step != null && step.body() instanceof dev.runbooks.language.model.StepBody.Succeed;
  }

  private String abortMessage() {
    Map<String, Object> by = signals.abortedBy;
    if (by == null) {
      return "aborted";
    }
    return "aborted by " + by.get("by") + (by.get("reason") == null ? "" : ": " + by.get("reason"));
  }

  private void registerHandlers() {
    Workflow.registerListener(
        (DynamicQueryHandler)
            (queryType, args) -> {
              if (RunbookWorkflow.QUERY_STATUS.equals(queryType)) {
                return state.status();
              }
              throw new IllegalArgumentException(
                  "unknown query '" + queryType + "'; this workflow answers: status");
            });
    registerUpdates();
    Workflow.registerListener(
        (DynamicSignalHandler)
            (signalName, args) -> {
              Map<String, Object> payload = argument(args, 0);
              switch (signalName) {
                case RunbookWorkflow.SIGNAL_APPROVE ->
                    signals.signal(DecisionAction.APPROVE, payload);
                case RunbookWorkflow.SIGNAL_REJECT ->
                    signals.signal(DecisionAction.REJECT, payload);
                case RunbookWorkflow.SIGNAL_ABORT -> signals.signal(DecisionAction.ABORT, payload);
                case RunbookWorkflow.SIGNAL_ACKNOWLEDGE ->
                    signals.signal(DecisionAction.ACKNOWLEDGE, payload);
                case RunbookWorkflow.SIGNAL_ALERT_RESOLVED -> signals.alert(true, payload);
                case RunbookWorkflow.SIGNAL_ALERT_REPEATED -> signals.alert(false, payload);
                case RunbookWorkflow.SIGNAL_LOCK_GRANTED ->
                    state.locks.granted(payload, Workflow.currentTimeMillis());
                case RunbookWorkflow.SIGNAL_LOCK_BUSY -> state.locks.busy(payload);
                case RunbookWorkflow.SIGNAL_RETRY_OF -> RetrySeed.linked(state, payload);
                default ->
                    state.event(
                        "unknownSignal", Map.of("name", signalName), Workflow.currentTimeMillis());
              }
            });
  }

  /** The update handlers of decisions ({@link DecisionUpdates}). */
  private void registerUpdates() {
    Workflow.registerListener(new DecisionUpdates(signals, seal));
  }

  /**
   * How a run loads its runbook's source (a local activity): 10 s an attempt, 5 attempts, an
   * unknown runbook not retried. Also for a retry's named version ({@link RetrySeed}).
   */
  static final LocalActivityOptions SOURCE_OPTIONS =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setMaximumAttempts(5)
                  .setDoNotRetry(ErrorTypes.UNKNOWN_RUNBOOK)
                  .build())
          .build();

  private static RunbookSource load(String name) {
    RunbookSourceActivities activities =
        Workflow.newLocalActivityStub(RunbookSourceActivities.class, SOURCE_OPTIONS);
    try {
      return activities.load(name);
    } catch (ActivityFailure failure) {
      Throwable cause = failure.getCause();
      String message =
          cause instanceof ApplicationFailure app
              ? app.getOriginalMessage()
              : String.valueOf(cause);
      throw ApplicationFailure.newNonRetryableFailure(
          "cannot load runbook '" + name + "': " + message, ErrorTypes.UNKNOWN_RUNBOOK);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> argument(EncodedValues args, int index) {
    if (args == null || args.getSize() <= index) {
      return Map.of();
    }
    Object value;
    try {
      value = args.get(index, Object.class);
    } catch (RuntimeException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "argument " + (index + 1) + " is not JSON: " + e.getMessage(), ErrorTypes.INVALID_INPUTS);
    }
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "argument " + (index + 1) + " must be a JSON object of inputs, got " + value,
          ErrorTypes.INVALID_INPUTS);
    }
    return (Map<String, Object>) map;
  }

  /**
   * The run's interpreter; every action runs as an activity when this driver runs without local
   * probes.
   */
  private Interpreter interpreter(
      CompiledRunbook plan, Map<String, Object> vars, Visibility visibility, RunMetrics metrics) {
    Interpreter interpreter = new Interpreter(plan, state, vars, signals, visibility, metrics);
    if (!localProbes) {
      interpreter.actions.withoutLocalProbes();
    }
    return interpreter;
  }
}
