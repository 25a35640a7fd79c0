package dev.runbooks.workflows.internal;

import dev.runbooks.api.ErrorTypes;
import dev.runbooks.api.Outcome;
import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.expr.ExpressionException;
import dev.runbooks.language.expr.Expressions;
import dev.runbooks.language.expr.Templates;
import dev.runbooks.language.model.OnFailure;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import dev.runbooks.language.targets.TargetAnalysis;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * Walks a compiled runbook: step lists, conditions, outputs, onFailure, compensation. The control
 * steps that wait or fan out are in {@link ControlSteps}; action steps go to {@link ActionRunner},
 * except escalate steps with a ladder, which {@link Ladder} climbs. Runs only in workflow threads:
 * no I/O, clocks or randomness outside Temporal's APIs.
 */
final class Interpreter implements StepRuntime {
  /** At most this many goto jumps per step list, so a runaway loop ends the run. */
  static final int MAX_JUMPS = 1000;

  private static final Logger log = Workflow.getLogger(Interpreter.class);

  final CompiledRunbook plan;
  final RunState state;
  final Map<String, Object> runVariables;
  final ActionRunner actions;
  final ControlSteps control;
  final Incidents incidents = new Incidents();
  final RunMetrics metrics;
  final Visibility visibility;
  private final Ladder ladder;

  /** The guard rails before each mutating step. */
  final MutationGate gate;

  private final Compensations compensations = new Compensations();

  /** The run's resource locks: a step's {@code lock:} and a restart's implicit one. */
  final Locks locks;

  /** Where the interpreter is on the run's main line; see {@link Position}. */
  Position position = new Position(List.of());

  /** Continues the run as new at safe points; null when the run never does (tests of parts). */
  ContinueAsNew continuing;

  /** The recorded steps a retried run reuses ({@link RetrySeed}); null when it is no retry. */
  RetrySeed seed;

  Interpreter(
      CompiledRunbook plan,
      RunState state,
      Map<String, Object> runVariables,
      Signals s,
      Visibility visibility,
      RunMetrics metrics) {
    this.plan = plan;
    this.visibility = visibility;
    this.metrics = metrics;
    this.state = state;
    this.runVariables = runVariables;
    this.actions =
        new ActionRunner(
            plan.name(),
            state.workflowId,
            state.dryRun(),
            incidents,
            metrics,
            plan.definition().targets(),
            startedByAlert(runVariables)
                ? TargetAnalysis.alertHostSteps(plan.definition(), plan.stepsById().values())
                : java.util.Set.of(),
            new DryRuns(state));
    this.actions.describeSteps(plan.stepsById());
    this.control = new ControlSteps(this, s);
    this.locks = new Locks(state);
    this.ladder = new Ladder(this, s);
    this.gate = new MutationGate(this, s);
  }

  /** Whether an alert started the run: its {@code alert} variable is a map that is not empty. */
  private static boolean startedByAlert(Map<String, Object> runVariables) {
    return runVariables.get("alert") instanceof Map<?, ?> alert && !alert.isEmpty();
  }

  @Override
  public void runList(List<Step> steps, StepScope scope) {
    Position.Level level = position.enter(steps);
    try {
      runList(steps, scope, level);
    } finally {
      position.exit(level);
    }
  }

  private void runList(List<Step> steps, StepScope scope, Position.Level level) {
    int i = level.index;
    int jumps = level.jumps;
    while (i < steps.size()) {
      level.index = i;
      level.jumps = jumps;
      level.progress = null;
      level.live = null;
      if (continuing != null && level.tracked && !position.resumes(steps.get(i).id())) {
        continuing.safePoint();
      }
      try {
        runStep(steps.get(i), scope);
        i++;
      } catch (ControlTransfer.Jump jump) {
        int target = indexOf(steps, jump.target);
        if (target < 0) {
          throw jump;
        }
        if (++jumps > MAX_JUMPS) {
          throw StepFailed.propagated(
              steps.get(i).id(),
              new StepError(
                  ErrorTypes.TOO_MANY_JUMPS, "more than " + MAX_JUMPS + " goto jumps", null));
        }
        i = target;
      }
    }
  }

  private static int indexOf(List<Step> steps, String id) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Runs one step with its condition, outputs and failure handling. While it runs, the MDC of the
   * workflow thread carries {@code runbook} and {@code step} for every line logged; its duration
   * goes to {@link RunMetrics}.
   */
  void runStep(Step step, StepScope scope) {
    StepRecord rec = state.record(step.id(), step.name(), step.type());
    int executions = rec.executions();
    String outer = MDC.get(MDC_STEP);
    MDC.put(MDC_RUNBOOK, plan.name());
    MDC.put(MDC_STEP, step.id());
    try {
      runStepOnce(step, scope);
    } finally {
      if (rec.executions() > executions) {
        metrics.step(rec); // it ran (not skipped, and its when: did not fail)
      }
      if (outer == null) {
        MDC.remove(MDC_STEP);
      } else {
        MDC.put(MDC_STEP, outer);
      }
    }
  }

  /** The MDC key naming the runbook in log lines of workflow and activity code. */
  static final String MDC_RUNBOOK = "runbook";

  /** The MDC key naming the step in log lines of workflow and activity code. */
  static final String MDC_STEP = "step";

  private void runStepOnce(Step step, StepScope scope) {
    StepRecord rec = state.record(step.id(), step.name(), step.type());
    if (seed != null && seed.reuse(step, rec, state)) {
      scope.remember(step.id(), rec.toExpressionView());
      return;
    }
    boolean resumed = position.resumes(step.id());
    if (!resumed && step.when() != null) {
      boolean go;
      try {
        go = Expressions.standard().test(step.when(), variables(scope));
      } catch (ExpressionException e) {
        fail(step, rec, scope, expressionFailed(e));
        return;
      }
      if (!go) {
        rec.skip("when: " + step.when());
        scope.remember(step.id(), rec.toExpressionView());
        return;
      }
    }
    if (resumed) {
      rec.resume();
    } else {
      rec.start(Workflow.currentTimeMillis());
    }
    visibility.stepStarted(step.id(), () -> quick(step));
    state.details.stepStarted(step);
    Object result;
    try {
      result =
          locks.around(
              step,
              rec,
              () -> variables(scope),
              () -> Deadlines.run(step, rec.startedAt(), () -> execute(step, scope, rec)));
    } catch (Locks.Skipped skipped) {
      rec.skip(skipped.getMessage());
      scope.remember(step.id(), rec.toExpressionView());
      return;
    } catch (StepFailed failure) {
      if (failure.carriesResult) {
        rec.fail(failure.error, failure.result, Workflow.currentTimeMillis());
      }
      fail(step, rec, scope, failure.error);
      return;
    } catch (ExpressionException e) {
      fail(step, rec, scope, expressionFailed(e));
      return;
    } catch (CanceledFailure canceled) {
      rec.cancel(Workflow.currentTimeMillis());
      throw canceled;
    } catch (ControlTransfer.EndRun | ControlTransfer.Jump transfer) {
      rec.transfer(
          transfer instanceof ControlTransfer.EndRun end ? end.outcome : null,
          Workflow.currentTimeMillis());
      throw transfer;
    }
    boolean simulated =
        result instanceof DryRuns.StandIn
            || result instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("dryRun"));
    Map<String, Object> outputs;
    try {
      outputs = outputs(step, result, scope);
    } catch (ExpressionException e) {
      if (!simulated) {
        rec.fail(expressionFailed(e), result, Workflow.currentTimeMillis());
        fail(step, rec, scope, expressionFailed(e));
        return;
      }
      outputs = Map.of();
    }
    rec.succeed(result, outputs, Workflow.currentTimeMillis(), simulated);
    scope.remember(step.id(), rec.toExpressionView());
    if (!step.compensate().isEmpty()) {
      compensations.register(step, scope);
    }
  }

  /**
   * Whether a step runs within the workflow task, issuing nothing that waits: a read-only probe
   * that runs as a local activity without a lock, or a step that only decides (log, fail, succeed)
   * or only holds other steps (switch, foreach, parallel), which show themselves when they wait.
   */
  private boolean quick(Step step) {
    StepBody body = step.body();
    if (body instanceof StepBody.Action action) {
      return step.rails().lock() == null
          && !Ladder.applies(action)
          && actions.runsLocally(action.type(), action.config());
    }
    return body instanceof StepBody.Log
        || body instanceof StepBody.Fail
        || body instanceof StepBody.Succeed
        || body instanceof StepBody.Switch
        || body instanceof StepBody.Foreach
        || body instanceof StepBody.Parallel;
  }

  private static StepError expressionFailed(ExpressionException e) {
    return new StepError(ErrorTypes.EXPRESSION_FAILED, e.getMessage(), null);
  }

  private Object execute(Step step, StepScope scope, StepRecord rec) {
    StepBody body = step.body();
    if (body instanceof StepBody.Action action) {
      if (Ladder.applies(action)) {
        return ladder.run(step, action, scope, rec);
      }
      Map<String, Object> config = ActionRunner.render(action, variables(scope));
      Supplier<Object> dryRunResult =
          step.dryRunResult() == null
              ? null
              : () -> Templates.renderTree(step.dryRunResult(), variables(scope));
      if (gate.before(step, action.type(), config, scope) == MutationGate.Go.SIMULATE) {
        return actions.simulate(step.id(), action.type(), config, dryRunResult);
      }
      return actions.runRendered(
          step.id(),
          action.type(),
          config,
          step.retry(),
          step.timeout(),
          step.heartbeatTimeout(),
          dryRunResult);
    }
    if (body instanceof StepBody.Log logStep) {
      Object message = Templates.render(logStep.message(), variables(scope));
      String text = Templates.asText(message);
      switch (logStep.level()) {
        case ERROR -> log.error("[{}] {}", step.id(), text);
        case WARN -> log.warn("[{}] {}", step.id(), text);
        case INFO -> log.info("[{}] {}", step.id(), text);
      }
      return Map.of("message", text, "level", logStep.level().toString());
    }
    if (body instanceof StepBody.Switch sw) {
      return control.runSwitch(sw, scope);
    }
    if (body instanceof StepBody.Fail f) {
      String msg = f.message() == null ? "failed" : text(f.message(), scope);
      throw new ControlTransfer.EndRun(Outcome.of(f.outcome().toString()), msg, step.id());
    }
    if (body instanceof StepBody.Succeed s) {
      String msg = s.message() == null ? "succeeded" : text(s.message(), scope);
      throw new ControlTransfer.EndRun(Outcome.of(s.outcome().toString()), msg, step.id());
    }
    return control.run(step, body, scope, rec);
  }

  @Override
  public String text(String template, StepScope scope) {
    return Templates.asText(Templates.render(template, variables(scope)));
  }

  private Map<String, Object> outputs(Step step, Object result, StepScope scope) {
    if (step.outputs().isEmpty()) {
      return Map.of();
    }
    Map<String, Object> vars = variables(scope);
    vars.put("result", result);
    Map<String, Object> out = new LinkedHashMap<>();
    step.outputs()
        .forEach((name, expr) -> out.put(name, Expressions.standard().evaluate(expr, vars)));
    return out;
  }

  /**
   * A step failed: records the error (a result it failed with is recorded before) and does what its
   * onFailure says.
   */
  private void fail(Step step, StepRecord rec, StepScope scope, StepError error) {
    rec.fail(error, Workflow.currentTimeMillis());
    scope.remember(step.id(), rec.toExpressionView());
    OnFailure onFailure = step.onFailure();
    if (onFailure instanceof OnFailure.Continue) {
      rec.note("onFailure: continue");
      return;
    }
    if (onFailure instanceof OnFailure.Goto g) {
      rec.note("onFailure: goto " + g.target());
      throw new ControlTransfer.Jump(g.target());
    }
    if (onFailure instanceof OnFailure.Handle h) {
      rec.note("onFailure: handler");
      position.enterUnsafe();
      try {
        runList(h.steps(), scope.handling(error));
      } finally {
        position.exitUnsafe();
      }
      return;
    }
    throw StepFailed.propagated(step.id(), error);
  }

  @Override
  public Map<String, Object> variables(StepScope scope) {
    return scope.variables(runVariables, state.expressionView());
  }

  @Override
  public Object runVariable(String name) {
    return runVariables.get(name);
  }

  @Override
  public RunState state() {
    return state;
  }

  @Override
  public ActionRunner actions() {
    return actions;
  }

  @Override
  public Visibility visibility() {
    return visibility;
  }

  @Override
  public Position position() {
    return position;
  }

  @Override
  public ContinueAsNew continuing() {
    return continuing;
  }

  /** The compensations registered so far (a checkpoint carries them). */
  Compensations compensations() {
    return compensations;
  }

  /**
   * Runs the compensations of completed steps in reverse order, each in the scope of the execution
   * that registered it (see {@link Compensations}); failures are recorded only.
   */
  void compensate() {
    compensations.run(this);
  }
}
