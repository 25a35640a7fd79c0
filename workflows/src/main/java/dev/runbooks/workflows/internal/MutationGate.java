package dev.runbooks.workflows.internal;

import dev.runbooks.api.Actor;
import dev.runbooks.api.Channel;
import dev.runbooks.api.ErrorTypes;
import dev.runbooks.api.Outcome;
import dev.runbooks.language.model.AccessAction;
import dev.runbooks.language.model.Autonomy;
import dev.runbooks.language.model.DecisionVia;
import dev.runbooks.language.model.OnApprovalTimeout;
import dev.runbooks.language.model.OnFailure;
import dev.runbooks.language.model.OnReject;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import dev.runbooks.workflows.ChangeId;
import dev.runbooks.workflows.GuardRailActivities;
import dev.runbooks.workflows.Preflight;
import dev.runbooks.workflows.PreflightRequest;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guard rails before each mutating action step ({@link Mutations}), since {@link
 * ChangeId#GUARD_RAILS}, in this order: (1) a run whose trigger said {@code onResolved:
 * stopBeforeMutation} and whose alert resolved ends {@code resolved-externally}; (2) the runbook's
 * {@code guards:} run as actions, and the first that fails runs its handler and ends the run {@code
 * guarded}; (3) the {@code GuardRailPreflight} local activity answers the autonomy the step runs
 * under (approve: it waits for an approval; dry-run: it is only recorded) and whether its target
 * passes its blast radius ({@code BlastRadiusExceeded}). Steps 1 and 2 do not apply once the run is
 * ending (compensation, finally), nor inside a guard's handler. A dry run skips the preflight: it
 * changes nothing anyway.
 */
final class MutationGate {
  /** How long an autonomy approval waits; unanswered, the step is rejected. */
  static final Duration APPROVAL_TIMEOUT = Duration.ofHours(1);

  /** What the interpreter does with a mutating step once the gate let it through. */
  enum Go {
    /** Run its activity. */
    RUN,
    /** Record what it would have done (autonomy {@code dry-run}). */
    SIMULATE
  }

  private final Interpreter in;
  private final Signals signals;

  /** Whether the run's trigger said {@code onResolved: stopBeforeMutation}. */
  boolean stopBeforeMutation;

  private Boolean enabled;
  private boolean guarding;

  MutationGate(Interpreter in, Signals signals) {
    this.in = in;
    this.signals = signals;
  }

  /**
   * Applies the rails before an action step. Returns {@link Go#RUN} at once, issuing no command,
   * when the step is not mutating or the run was recorded before the rails.
   *
   * @throws ControlTransfer.EndRun when the run stops (resolved externally, guarded)
   * @throws StepFailed when the step is refused (blast radius, rejected, rails unavailable)
   */
  Go before(Step step, String type, Map<String, Object> config, StepScope scope) {
    if (!Mutations.mutating(type, config)) {
      return Go.RUN;
    }
    if (enabled == null) {
      enabled = ChangeId.GUARD_RAILS.enabled();
    }
    if (!enabled) {
      return Go.RUN;
    }
    if (!guarding && in.state.outcome() == null) {
      stopIfResolved(step);
      runGuards(step, scope);
    }
    if (in.state.dryRun()) {
      return Go.RUN;
    }
    String target = Mutations.target(type, config).orElse(null);
    Preflight answer = preflight(step, type, target);
    if (answer.held() != null && startedAutomatically()) {
      String message =
          answer.held() + "; this automatic run stopped before mutating step " + step.id();
      event("killSwitch", step, "message", message);
      in.metrics.guardStop("kill-switch");
      throw new ControlTransfer.EndRun(Outcome.GUARDED, message, step.id());
    }
    Autonomy autonomy = answer.autonomy() == null ? written() : answer.autonomy();
    if (autonomy == Autonomy.DRY_RUN) {
      // The step does nothing, so its blast radius cannot refuse it; the event says if it would.
      decided(step, autonomy, target, answer, answer.blastRadiusExceeded());
      notice(step, type, target, answer);
      return Go.SIMULATE;
    }
    if (answer.blastRadiusExceeded()) {
      refuse(step, target, answer);
    }
    if (autonomy == Autonomy.AUTO) {
      return Go.RUN;
    }
    decided(step, autonomy, target, answer, false);
    approve(step, type, target, answer.autonomyReason());
    return Go.RUN;
  }

  /**
   * Whether no person started the run through the engine: an alert, a schedule, a parent run, or a
   * start straight through Temporal. The kill switch stops such runs; a person's run goes on.
   */
  private boolean startedAutomatically() {
    Actor by = in.state.startedBy();
    return by == null
        || by.channel() == null
        || by.channel() == Channel.ALERT
        || by.channel() == Channel.SCHEDULE
        || by.channel() == Channel.TEMPORAL;
  }

  /**
   * Tells the guard-rail route what a {@code dry-run} step would have done (an escalate activity);
   * a notice that cannot be sent is recorded as an event and changes nothing else.
   */
  private void notice(Step step, String type, String target, Preflight answer) {
    if (answer.notifyRoute() == null) {
      return;
    }
    String what = type + (target == null ? "" : " on " + target);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("runbook", in.plan.name());
    details.put("workflowId", in.state.workflowId);
    details.put("step", step.id());
    details.put("type", type);
    if (target != null) {
      details.put("target", target);
    }
    if (answer.autonomyReason() != null) {
      details.put("reason", answer.autonomyReason());
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("route", answer.notifyRoute());
    config.put("severity", "info");
    config.put(
        "summary",
        "Dry run: runbook "
            + in.plan.name()
            + " would have run step "
            + step.id()
            + " ("
            + what
            + ")");
    config.put("details", details);
    config.put("dedupKey", in.state.workflowId + "/" + step.id() + "/dry-run");
    try {
      in.actions.runRendered(step.id(), "escalate", config, null, null);
      event("dryRunNotice", step, "route", answer.notifyRoute());
    } catch (StepFailed failed) {
      event(
          "dryRunNoticeFailed", step, "route", answer.notifyRoute(), "error", failed.error.toMap());
    }
  }

  /** Records a step's autonomy other than auto: an event and a count. */
  private void decided(
      Step step, Autonomy autonomy, String target, Preflight answer, boolean wouldExceed) {
    event(
        "autonomy",
        step,
        "mode",
        autonomy.toString(),
        "target",
        target,
        "reason",
        answer.autonomyReason(),
        "blastRadius",
        wouldExceed ? answer.message() : null);
    in.metrics.autonomy(autonomy.toString());
  }

  private Autonomy written() {
    return in.plan.definition().rails().autonomy();
  }

  private void stopIfResolved(Step step) {
    if (!stopBeforeMutation || !signals.alertResolved) {
      return;
    }
    String message = "the alert resolved; stopped before mutating step " + step.id();
    event("resolvedExternally", step, "message", message);
    in.metrics.guardStop("resolved");
    throw new ControlTransfer.EndRun(Outcome.RESOLVED_EXTERNALLY, message, step.id());
  }

  /** Runs each guard as an action step; the first that fails stops the run after its handler. */
  private void runGuards(Step step, StepScope scope) {
    List<Step> guards = in.plan.definition().rails().guards();
    if (guards.isEmpty()) {
      return;
    }
    guarding = true;
    try {
      for (Step guard : guards) {
        runGuard(guard, step, scope);
      }
    } finally {
      guarding = false;
    }
  }

  private void runGuard(Step guard, Step step, StepScope scope) {
    StepRecord rec = in.state.record(guard.id(), guard.name(), guard.type());
    rec.start(Workflow.currentTimeMillis());
    StepError error;
    try {
      Object result =
          in.actions.run(
              guard.id(),
              (StepBody.Action) guard.body(),
              guard.retry(),
              guard.timeout(),
              guard.heartbeatTimeout(),
              in.variables(scope));
      rec.succeed(result, Map.of(), Workflow.currentTimeMillis(), false);
      scope.remember(guard.id(), rec.toExpressionView());
      return;
    } catch (StepFailed failed) {
      error = failed.error;
    }
    rec.fail(error, Workflow.currentTimeMillis());
    scope.remember(guard.id(), rec.toExpressionView());
    String message =
        "guard " + guard.id() + " failed before step " + step.id() + ": " + error.message();
    event("guardStopped", step, "guard", guard.id(), "error", error.toMap());
    in.metrics.guardStop("guard");
    if (guard.onFailure() instanceof OnFailure.Handle handler) {
      rec.note("onFailure: handler");
      in.position.enterUnsafe();
      try {
        in.runList(handler.steps(), scope.handling(error));
      } catch (StepFailed handlerFailed) {
        rec.note("handler failed: " + handlerFailed.getMessage());
      } finally {
        in.position.exitUnsafe();
      }
    }
    throw new ControlTransfer.EndRun(Outcome.GUARDED, message, step.id());
  }

  private Preflight preflight(Step step, String type, String target) {
    GuardRailActivities rails =
        Workflow.newLocalActivityStub(
            GuardRailActivities.class,
            LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(10))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
                .setSummary(StepSummaries.of(step, "guard rails before " + type))
                .build());
    try {
      return rails.preflight(
          new PreflightRequest(
              in.plan.name(),
              in.state.workflowId,
              step.id(),
              type,
              target,
              step.rails().maxTargets(),
              written()));
    } catch (ActivityFailure failure) {
      String why =
          failure.getCause() instanceof ApplicationFailure app
              ? app.getOriginalMessage()
              : String.valueOf(failure.getCause());
      throw StepFailed.action(
          new StepError(
              ErrorTypes.GUARD_RAILS_UNAVAILABLE,
              "the guard rails could not be checked before step " + step.id() + ": " + why,
              null));
    }
  }

  private void refuse(Step step, String target, Preflight answer) {
    String message =
        answer.message() != null
            ? answer.message()
            : "step " + step.id() + " would pass its blast radius " + step.rails().maxTargets();
    event(
        "blastRadius",
        step,
        "target",
        target,
        "maxTargets",
        String.valueOf(step.rails().maxTargets()),
        "message",
        message);
    in.metrics.blastRadiusRefused(step.id());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("target", target);
    details.put("maxTargets", String.valueOf(step.rails().maxTargets()));
    throw StepFailed.withResult(
        new StepError(ErrorTypes.BLAST_RADIUS_EXCEEDED, message, details), details);
  }

  /**
   * Waits for an approval of the step with the approval machinery: approvers are the runbook's
   * {@code access: approve} list (anyone allowed to approve without one); unanswered within {@link
   * #APPROVAL_TIMEOUT} or rejected, the step fails with {@code MutationRejected}.
   */
  private void approve(Step step, String type, String target, String reason) {
    List<String> approvers = in.plan.definition().access().principals(AccessAction.APPROVE);
    StepBody.Approval approval =
        new StepBody.Approval(
            "approve mutating step " + step.id(),
            approvers,
            APPROVAL_TIMEOUT,
            OnApprovalTimeout.REJECT,
            OnReject.FAIL,
            List.of(),
            false,
            1,
            DecisionVia.ENGINE);
    String prompt =
        "Run mutating step "
            + step.id()
            + " ("
            + type
            + (target == null ? "" : " on " + target)
            + ")? The runbook runs under autonomy approve"
            + (reason == null ? "" : " (" + reason + ")")
            + ".";
    try {
      in.control.approve(step, approval, prompt);
    } catch (StepFailed rejected) {
      throw StepFailed.withResult(
          new StepError(
              ErrorTypes.MUTATION_REJECTED,
              "step " + step.id() + " was not approved: " + rejected.error.message(),
              null),
          rejected.result);
    }
  }

  private void event(String kind, Step step, Object... pairs) {
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("step", step.id());
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        ev.put(String.valueOf(pairs[i]), pairs[i + 1]);
      }
    }
    in.state.event(kind, ev, Workflow.currentTimeMillis());
  }
}
