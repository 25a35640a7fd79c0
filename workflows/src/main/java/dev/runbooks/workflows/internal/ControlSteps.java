package dev.runbooks.workflows.internal;

import dev.runbooks.api.ErrorTypes;
import dev.runbooks.api.Outcome;
import dev.runbooks.api.Wait;
import dev.runbooks.language.Durations;
import dev.runbooks.language.compile.RunbookCompiler;
import dev.runbooks.language.expr.Expressions;
import dev.runbooks.language.expr.Templates;
import dev.runbooks.language.model.OnApprovalTimeout;
import dev.runbooks.language.model.OnReject;
import dev.runbooks.language.model.OnWaitTimeout;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import dev.runbooks.workflows.ChangeId;
import dev.runbooks.workflows.RunMetadata;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.ChildWorkflowStub;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control steps that branch, wait or start other runs: switch, waitUntil, sleep, approval and
 * call. Fan-out (parallel, foreach) is in {@link FanOut}.
 */
final class ControlSteps {
  /** The interval of a waitUntil that sets none. */
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

  /** The timeout of an approval that sets none. */
  static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofHours(1);

  private final StepRuntime runtime;
  private final Signals signals;
  private final FanOut fanOut;
  private final Audit audit;
  private final ApprovalNotices notices;
  private final ApprovalTimeouts timeouts;

  ControlSteps(StepRuntime runtime, Signals signals) {
    this.runtime = runtime;
    this.signals = signals;
    this.fanOut = new FanOut(runtime);
    this.audit = new Audit(runtime.state());
    this.notices = new ApprovalNotices(runtime.actions(), runtime.state());
    this.timeouts = new ApprovalTimeouts(runtime.actions(), runtime.state());
  }

  Object run(Step step, StepBody body, StepScope scope, StepRecord rec) {
    if (body instanceof StepBody.Parallel p) {
      return fanOut.parallel(step, p, scope);
    }
    if (body instanceof StepBody.Foreach f) {
      return fanOut.foreach(step, f, scope);
    }
    if (body instanceof StepBody.WaitUntil w) {
      return waitUntil(step, w, scope, rec);
    }
    if (body instanceof StepBody.Sleep s) {
      return sleep(step, s, scope, rec);
    }
    if (body instanceof StepBody.Approval a) {
      return approval(step, a, scope, rec);
    }
    if (body instanceof StepBody.Call c) {
      return call(step, c, scope, rec);
    }
    throw new IllegalStateException("no interpreter for step type " + body.type());
  }

  Object runSwitch(StepBody.Switch sw, StepScope scope) {
    Integer resumed = Resumes.switchCase(runtime.position());
    if (resumed != null) {
      return runCase(sw, resumed, scope);
    }
    int index = 0;
    for (StepBody.Case c : sw.cases()) {
      if (Expressions.standard().test(c.when(), runtime.variables(scope))) {
        Resumes.chose(runtime.position(), index);
        runtime.runList(c.steps(), scope);
        return Map.of("case", (long) index, "when", c.when());
      }
      index++;
    }
    Resumes.chose(runtime.position(), -1);
    runtime.runList(sw.defaultSteps(), scope);
    return Map.of("case", "default");
  }

  /** Runs the case a switch took before its run continued as new ({@code -1}: the default). */
  private Object runCase(StepBody.Switch sw, int index, StepScope scope) {
    if (index < 0) {
      runtime.runList(sw.defaultSteps(), scope);
      return Map.of("case", "default");
    }
    StepBody.Case c = sw.cases().get(index);
    runtime.runList(c.steps(), scope);
    return Map.of("case", (long) index, "when", c.when());
  }

  private Object waitUntil(Step step, StepBody.WaitUntil w, StepScope scope, StepRecord rec) {
    Checkpoint.WaitProgress resumed = Resumes.waitUntil(runtime.position(), step.id());
    long start = resumed == null ? Workflow.currentTimeMillis() : resumed.startedAt();
    Duration interval = w.interval() == null ? DEFAULT_INTERVAL : w.interval();
    Duration deadline = w.deadline();
    boolean shortened = dryRuns().truthful();
    if (shortened) {
      // a dry run probes for real but waits little: MAX_PROBES probes, MAX_WAIT apart
      Duration cap = DryRuns.MAX_WAIT.multipliedBy(DryRuns.MAX_PROBES - 1);
      interval = interval.compareTo(DryRuns.MAX_WAIT) > 0 ? DryRuns.MAX_WAIT : interval;
      deadline =
          resumed == null
              ? dryRuns().shorten(step.id(), "waitUntil", deadline, cap)
              : deadline.compareTo(cap) > 0 ? cap : deadline;
    }
    long deadlineAt = start + deadline.toMillis();
    long probes = resumed == null ? 0 : resumed.probes();
    Object lastResult = resumed == null ? null : resumed.last();
    Map<String, Object> lastError = resumed == null ? null : resumed.lastError();
    while (true) {
      probes++;
      boolean failedWhen = false;
      try {
        lastResult =
            runtime
                .actions()
                .run(
                    step.id(),
                    w.probe(),
                    step.retry() == null ? ONE_ATTEMPT : step.retry(),
                    step.timeout(),
                    runtime.variables(scope));
        lastError = null;
        Map<String, Object> vars = runtime.variables(scope);
        vars.put("result", lastResult);
        if (Expressions.standard().test(w.condition(), vars)) {
          return waitResult(true, false, false, probes, start, lastResult, null);
        }
        failedWhen = !w.failWhen().isEmpty() && Expressions.standard().test(w.failWhen(), vars);
      } catch (StepFailed failed) {
        lastError = failed.error.toMap();
      }
      if (failedWhen) {
        throw StepFailed.withResult(
            new StepError(
                ErrorTypes.WAIT_UNTIL_FAILED,
                "failWhen '" + w.failWhen() + "' held after " + probes + " probes",
                null),
            waitResult(false, false, false, probes, start, lastResult, null));
      }
      if (w.untilResolved() && signals.alertResolved) {
        return waitResult(false, true, false, probes, start, lastResult, lastError);
      }
      long remaining = deadlineAt - Workflow.currentTimeMillis();
      if (remaining <= 0) {
        break;
      }
      long sleepMs = Math.min(interval.toMillis(), remaining);
      runtime
          .state()
          .waitOn(
              step.id(),
              new Wait.WaitUntil(
                  step.id(),
                  w.condition(),
                  probes,
                  Times.iso(Workflow.currentTimeMillis() + sleepMs),
                  Times.iso(deadlineAt)));
      try {
        Workflow.await(
            Duration.ofMillis(sleepMs), () -> w.untilResolved() && signals.alertResolved);
      } finally {
        runtime.state().waitEnded(step.id());
      }
      if (w.untilResolved() && signals.alertResolved) {
        continue;
      }
      Resumes.betweenPolls(
          runtime, new Checkpoint.WaitProgress(probes, start, lastResult, lastError));
    }
    Map<String, Object> result =
        waitResult(false, false, true, probes, start, lastResult, lastError);
    if (shortened) {
      // the world a real run waits on would change after steps the dry run did not send
      result.put("dryRun", true);
      return result;
    }
    if (w.onTimeout() == OnWaitTimeout.CONTINUE) {
      return result;
    }
    throw StepFailed.withResult(
        new StepError(
            ErrorTypes.WAIT_UNTIL_TIMEOUT,
            "condition '"
                + w.condition()
                + "' did not hold within "
                + w.deadline()
                + " ("
                + probes
                + " probes)",
            lastError),
        result);
  }

  private static final dev.runbooks.language.model.RetrySpec ONE_ATTEMPT =
      new dev.runbooks.language.model.RetrySpec(1, null, null, null, List.of());

  private static Map<String, Object> waitResult(
      boolean met,
      boolean resolved,
      boolean timedOut,
      long probes,
      long start,
      Object last,
      Map<String, Object> lastError) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("met", met);
    m.put("alertResolved", resolved);
    m.put("timedOut", timedOut);
    m.put("probes", probes);
    m.put("waitedMs", Workflow.currentTimeMillis() - start);
    m.put("last", last);
    if (lastError != null) {
      m.put("lastError", lastError);
    }
    return m;
  }

  private Object sleep(Step step, StepBody.Sleep s, StepScope scope, StepRecord rec) {
    Duration duration = s.template() == null ? s.duration() : duration(s.template(), scope);
    Duration full = duration;
    if (dryRuns().truthful()) {
      duration = dryRuns().shorten(step.id(), "sleep", full, DryRuns.MAX_WAIT);
    }
    runtime
        .state()
        .waitOn(
            step.id(),
            new Wait.Sleep(
                step.id(), Times.iso(Workflow.currentTimeMillis() + duration.toMillis())));
    try {
      Workflow.newTimer(
              duration,
              TimerOptions.newBuilder()
                  .setSummary(StepSummaries.of(step, "sleep " + StepSummaries.words(full)))
                  .build())
          .get();
    } finally {
      runtime.state().waitEnded(step.id());
    }
    if (!full.equals(duration)) {
      return Map.of("sleptMs", duration.toMillis(), "wouldSleepMs", full.toMillis());
    }
    return Map.of("sleptMs", duration.toMillis());
  }

  private DryRuns dryRuns() {
    DryRuns d = runtime.actions().dryRuns();
    return d == null ? NO_DRY_RUNS : d;
  }

  private static final DryRuns NO_DRY_RUNS = new DryRuns(null);

  /**
   * A duration written as a template ({@code sleep: ${{ inputs.pause }}}): a number is seconds,
   * text is parsed like a duration written out. Anything else fails the step, naming the value.
   */
  private Duration duration(String template, StepScope scope) {
    Object value = Templates.render(template, runtime.variables(scope));
    try {
      if (value instanceof Number n) {
        if (n.doubleValue() < 0) {
          throw new IllegalArgumentException("a duration cannot be negative");
        }
        return Duration.ofMillis(Math.round(n.doubleValue() * 1000));
      }
      return Durations.parse(Templates.asText(value));
    } catch (IllegalArgumentException e) {
      throw StepFailed.withResult(
          new StepError(
              ErrorTypes.INVALID_DURATION,
              "'" + template + "' gave " + Templates.asText(value) + ": " + e.getMessage(),
              null),
          null);
    }
  }

  private Object approval(Step step, StepBody.Approval a, StepScope scope, StepRecord rec) {
    return approve(step, a, runtime.text(a.prompt(), scope));
  }

  /**
   * Waits for a decision on {@code step} as an approval step does (the status query shows the wait,
   * its routes are notified, the decision is audited), with the prompt as given (not a template).
   * Returns the decision; a rejection fails with {@code ApprovalRejected} unless the approval
   * continues on reject.
   */
  Object approve(Step step, StepBody.Approval a, String prompt) {
    if (dryRuns().truthful()) {
      Map<String, Object> result = dryRuns().approve(step.id(), a.approvers(), prompt);
      result.put("prompt", prompt);
      return result;
    }
    Duration timeout = a.timeout() == null ? DEFAULT_APPROVAL_TIMEOUT : a.timeout();
    long deadline = Workflow.currentTimeMillis() + timeout.toMillis();
    List<String> notified = a.notifyRoutes().isEmpty() ? null : a.notifyRoutes();
    String until = Times.iso(deadline);
    Signals.Rules rules =
        ChangeId.DECISION_RULES.enabled()
            ? new Signals.Rules(a.distinct(), a.required(), a.via())
            : null;
    Wait.Approval wait =
        rules == null
            ? new Wait.Approval(
                step.id(), prompt, a.approvers(), until, a.onTimeout().toString(), notified)
            : new Wait.Approval(
                step.id(),
                prompt,
                a.approvers(),
                until,
                a.onTimeout().toString(),
                notified,
                a.required(),
                a.distinct(),
                a.via().toString(),
                List.of());
    Signals.Pending pending = signals.open(step.id(), a.approvers(), rules, wait);
    runtime.state().waitOn(step.id(), wait);
    notices.send(step.id(), a, prompt, deadline);
    runtime.visibility().approvalWaiting(step.id(), Workflow.currentTimeMillis());
    try {
      boolean decided = Workflow.await(timeout, () -> pending.decision != null);
      if (!decided) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("approved", a.onTimeout() == OnApprovalTimeout.APPROVE);
        d.put("approver", "timeout");
        d.put("comment", "no decision within " + timeout);
        d.put("decidedAt", Times.iso(Workflow.currentTimeMillis()));
        d.put("timedOut", true);
        pending.decision = d;
      }
    } finally {
      signals.close(step.id());
      runtime.visibility().approvalDone(step.id());
      runtime.state().waitEnded(step.id());
    }
    audit.approval(step.id(), pending.decision);
    Map<String, Object> result = new LinkedHashMap<>(pending.decision);
    result.put("prompt", prompt);
    if (Boolean.TRUE.equals(result.get("timedOut"))
        && !Boolean.TRUE.equals(result.get("approved"))
        && ChangeId.APPROVAL_TIMEOUTS.enabled()) {
      timeouts.timedOut(step.id(), a, prompt, timeout, result);
    }
    if (!Boolean.TRUE.equals(result.get("approved")) && a.onReject() != OnReject.CONTINUE) {
      throw StepFailed.withResult(
          new StepError(
              ErrorTypes.APPROVAL_REJECTED,
              "rejected by "
                  + result.get("approver")
                  + (result.get("comment") == null ? "" : ": " + result.get("comment")),
              null),
          result);
    }
    return result;
  }

  /**
   * Runs the called runbook as a child workflow. The child's depth ({@link RunState#callDepth} + 1)
   * travels in its start context as {@code callDepth}, so the guard needs no command of its own:
   * above the call's {@code maxDepth} (or {@link RunbookCompiler#MAX_CALL_DEPTH} when it declares
   * none) the step fails with {@code CallDepthExceeded} before a child starts. Runs recorded before
   * the guard carry no {@code callDepth}, count as depth 0 and so never reach a limit (at least 1)
   * when replayed: their commands are unchanged.
   */
  @SuppressWarnings("unchecked")
  private Object call(Step step, StepBody.Call c, StepScope scope, StepRecord rec) {
    int depth = runtime.state().callDepth() + 1;
    int limit = c.maxDepth() != null ? c.maxDepth() : RunbookCompiler.MAX_CALL_DEPTH;
    if (depth > limit) {
      throw StepFailed.withResult(
          new StepError(
              ErrorTypes.CALL_DEPTH_EXCEEDED,
              "runbook "
                  + c.runbook()
                  + " would run "
                  + depth
                  + " calls deep, above the limit of "
                  + limit
                  + (c.maxDepth() != null ? " (maxDepth)" : ""),
              null),
          Map.of("callDepth", runtime.state().callDepth(), "maxDepth", limit));
    }
    Map<String, Object> inputs =
        (Map<String, Object>) Templates.renderTree(c.inputs(), runtime.variables(scope));
    String childId = runtime.state().workflowId + "/" + step.id() + "/" + rec.executions();
    ChildWorkflowOptions.Builder options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(childId)
            .setTaskQueue(Workflow.getInfo().getTaskQueue());
    RunMetadata metadata =
        RunMetadata.ofCall(
            c.runbook(),
            runtime.state().runbook,
            runtime.state().workflowId,
            step.id(),
            runtime.runVariable("alert") instanceof Map<?, ?> alert && alert.get("name") != null
                ? String.valueOf(alert.get("name"))
                : null,
            childId);
    options.setStaticSummary(metadata.summary()).setStaticDetails(metadata.details());
    if (!c.await()) {
      options.setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON);
    }
    ChildWorkflowStub child = Workflow.newUntypedChildWorkflowStub(c.runbook(), options.build());
    Map<String, Object> alertContext = new LinkedHashMap<>();
    alertContext.put("alert", runtime.runVariable("alert"));
    if (runtime.state().dryRun()) {
      alertContext.put("dryRun", true);
    }
    alertContext.put("callDepth", depth);
    if (!c.await()) {
      child.executeAsync(Map.class, inputs, alertContext);
      var execution = child.getExecution().get();
      return Map.of("workflowId", execution.getWorkflowId(), "runId", execution.getRunId());
    }
    Map<String, Object> report;
    try {
      report = child.execute(Map.class, inputs, alertContext);
    } catch (ChildWorkflowFailure failure) {
      Throwable cause = failure.getCause();
      String message = cause == null ? failure.getMessage() : cause.getMessage();
      throw StepFailed.withResult(
          new StepError(
              ErrorTypes.CHILD_RUNBOOK_FAILED,
              "runbook " + c.runbook() + " failed: " + message,
              null),
          Map.of("workflowId", childId));
    }
    Object outcome = report == null ? null : report.get("outcome");
    Outcome ended = Outcome.parse(outcome);
    if (ended != Outcome.RESOLVED) {
      throw StepFailed.withResult(
          new StepError(
              ended != null
                  ? ErrorTypes.childRunbook(ended)
                  : "ChildRunbook" + capitalize(String.valueOf(outcome)),
              "runbook "
                  + c.runbook()
                  + " ended "
                  + outcome
                  + (report.get("message") == null ? "" : ": " + report.get("message")),
              null),
          report);
    }
    return report;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
