package dev.runbooks.workflows.internal;

import dev.runbooks.api.ErrorTypes;
import dev.runbooks.language.model.RetrySpec;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import dev.runbooks.language.steps.ActionKind;
import dev.runbooks.language.steps.ActionKinds;
import dev.runbooks.language.steps.ActionRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.ActivityStub;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs action steps as activities named after their type, with the step's retry policy and timeout
 * set on every stub (activity options of a dynamic workflow are never inherited); cheap read-only
 * probes run as local activities ({@link LocalProbes}).
 */
final class ActionRunner {
  /** Per-attempt timeout when a step sets none. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final List<String> ALWAYS_NON_RETRYABLE =
      List.of(ErrorTypes.INVALID_STEP_CONFIG, ErrorTypes.UNKNOWN_STEP_TYPE);

  private final String runbook;
  private final String workflowId;
  private final boolean dryRun;
  private final Incidents incidents;
  private final RunMetrics metrics;
  private final List<String> targets;
  private final Set<String> alertHostSteps;
  private final DryRunDecisions dryRunDecisions = new DryRunDecisions();
  private final DryRuns dryRuns;
  private final LocalProbes local;
  private Map<String, Step> steps = Map.of();

  ActionRunner(
      String runbook, String workflowId, boolean dryRun, Incidents incidents, RunMetrics metrics) {
    this(runbook, workflowId, dryRun, incidents, metrics, null, Set.of(), null);
  }

  /**
   * A runner that tells each activity where the runbook may act.
   *
   * @param targets the runbook's {@code targets:}, or null when it declares none
   * @param alertHostSteps the steps whose destination hosts came from the alert that started this
   *     run (empty when no alert started it)
   * @param dryRuns the run's dry-run stand-ins, or null for the results of dry runs recorded before
   *     {@link dev.runbooks.workflows.ChangeId#DRY_RUN_RESULTS}
   */
  ActionRunner(
      String runbook,
      String workflowId,
      boolean dryRun,
      Incidents incidents,
      RunMetrics metrics,
      List<String> targets,
      Set<String> alertHostSteps,
      DryRuns dryRuns) {
    this.dryRuns = dryRuns;
    this.local = new LocalProbes(!dryRun);
    this.runbook = runbook;
    this.workflowId = workflowId;
    this.dryRun = dryRun;
    this.incidents = incidents;
    this.metrics = metrics;
    this.targets = targets;
    this.alertHostSteps = alertHostSteps;
  }

  /**
   * Names the runbook's steps by id, so that each activity's summary in the Temporal Web UI shows
   * its step's name as well as its id ({@link StepSummaries}).
   */
  void describeSteps(Map<String, Step> stepsById) {
    this.steps = stepsById;
  }

  /**
   * Renders the action's templates, runs its activity and returns the result.
   *
   * @throws StepFailed when the activity failed after its retries
   */
  Map<String, Object> run(
      String stepId,
      StepBody.Action action,
      RetrySpec retry,
      Duration timeout,
      Map<String, Object> variables) {
    return run(stepId, action, retry, timeout, null, variables);
  }

  /**
   * Like {@link #run(String, StepBody.Action, RetrySpec, Duration, Map)}, with the step's own
   * heartbeat timeout (null for the default).
   */
  Map<String, Object> run(
      String stepId,
      StepBody.Action action,
      RetrySpec retry,
      Duration timeout,
      Duration heartbeatTimeout,
      Map<String, Object> variables) {
    return runRendered(
        stepId, action.type(), render(action, variables), retry, timeout, heartbeatTimeout);
  }

  /** The action's config with its templates rendered (expression fields left as they are). */
  static Map<String, Object> render(StepBody.Action action, Map<String, Object> variables) {
    Set<String> expressionFields =
        ActionKinds.find(action.type()).map(ActionKind::expressionFields).orElse(Set.of());
    Set<String> urlFields =
        ActionKinds.find(action.type()).map(ActionKind::urlFields).orElse(Set.of());
    return ConfigRenderer.render(action.config(), expressionFields, urlFields, variables);
  }

  /**
   * Runs the activity of an action whose config is already rendered (it is not rendered again, so
   * text that came from run data is never evaluated) and returns the result. In a dry run a
   * mutating action only returns what it would have done. The config may hold {@link
   * dev.runbooks.language.expr.SecretText} values (the source's secret references, from {@link
   * #render}); they become the request's {@code secretRefs}, and only they are resolved by the
   * activity. Configs built here from run data (approval notices) hold none.
   *
   * @throws StepFailed when the activity failed after its retries
   */
  Map<String, Object> runRendered(
      String stepId, String type, Map<String, Object> config, RetrySpec retry, Duration timeout) {
    return runRendered(stepId, type, config, retry, timeout, null);
  }

  /**
   * Like {@link #runRendered(String, String, Map, RetrySpec, Duration)}; an activity whose kind
   * heartbeats ({@link ActionKind#heartbeats()}) gets a heartbeat timeout (see {@link
   * ActivityTimeouts}).
   *
   * @param heartbeatTimeout the step's {@code heartbeatTimeout}, or null for the default
   */
  Map<String, Object> runRendered(
      String stepId,
      String type,
      Map<String, Object> config,
      RetrySpec retry,
      Duration timeout,
      Duration heartbeatTimeout) {
    return runRendered(stepId, type, config, retry, timeout, heartbeatTimeout, null);
  }

  /**
   * Like {@link #runRendered(String, String, Map, RetrySpec, Duration, Duration)}, with what a dry
   * run answers instead when it does not send the action.
   *
   * @param dryRunResult the step's rendered {@code dryRunResult} (asked only when needed), or null
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> runRendered(
      String stepId,
      String type,
      Map<String, Object> config,
      RetrySpec retry,
      Duration timeout,
      Duration heartbeatTimeout,
      Supplier<Object> dryRunResult) {
    ActionRequest request =
        ActionRequest.rendered(
            runbook, workflowId, stepId, type, config, targets, alertHostSteps.contains(stepId));
    if (dryRun && dryRunDecisions.stubs(type, request.config())) {
      return notSent(request, dryRunResult);
    }
    RetrySpec r = (retry == null ? RetrySpec.DEFAULT : retry).withDefaults();
    List<String> nonRetryable = new ArrayList<>(ALWAYS_NON_RETRYABLE);
    nonRetryable.addAll(r.nonRetryable());
    Duration startToClose = timeout == null ? DEFAULT_TIMEOUT : timeout;
    RetryOptions retryOptions =
        RetryOptions.newBuilder()
            .setMaximumAttempts(r.maxAttempts())
            .setInitialInterval(r.initialInterval())
            .setBackoffCoefficient(r.backoffCoefficient())
            .setMaximumInterval(r.maxInterval())
            .setDoNotRetry(nonRetryable.toArray(new String[0]))
            .build();
    Map<String, Object> result;
    try {
      Object answer =
          local.runsLocally(type, request.config())
              ? LocalProbes.execute(type, request, startToClose, retryOptions, summary(stepId))
              : activity(type, startToClose, heartbeatTimeout, retryOptions, stepId)
                  .execute(type, Map.class, request);
      result = answer == null ? new LinkedHashMap<>() : (Map<String, Object>) answer;
    } catch (ActivityFailure failure) {
      StepError error = StepError.of(failure);
      countEscalation(type, config, false);
      throw StepFailed.action(error);
    }
    countEscalation(type, config, true);
    incidents.observe(stepId, type, config, result);
    return result;
  }

  /** The stub of an action's activity, with the step's timeouts, retry policy and summary. */
  private ActivityStub activity(
      String type,
      Duration startToClose,
      Duration heartbeatTimeout,
      RetryOptions retry,
      String stepId) {
    ActivityOptions.Builder builder = ActivityOptions.newBuilder();
    ActivityTimeouts.heartbeat(type, startToClose, heartbeatTimeout)
        .ifPresent(builder::setHeartbeatTimeout);
    return Workflow.newUntypedActivityStub(
        builder
            .setStartToCloseTimeout(startToClose)
            .setRetryOptions(retry)
            .setSummary(summary(stepId))
            .build());
  }

  /**
   * Whether an action of this type and config runs as a local activity in this run ({@link
   * LocalProbes}).
   */
  boolean runsLocally(String type, Map<String, Object> config) {
    return local.runsLocally(type, config);
  }

  /** Every action of this run runs as an activity: the worker was registered without them. */
  void withoutLocalProbes() {
    local.disallow();
  }

  /**
   * The activity's summary: its step's id and name (the Web UI shows the activity type beside it).
   */
  private String summary(String stepId) {
    Step step = steps.get(stepId);
    return StepSummaries.of(stepId, step == null ? null : step.name(), null);
  }

  /**
   * What a dry run records for an action instead of running it: {@code {dryRun: true, wouldRun,
   * config}}. A run whose autonomy is {@code dry-run} records its mutating steps so, one at a time.
   */
  Map<String, Object> simulate(
      String stepId, String type, Map<String, Object> config, Supplier<Object> dryRunResult) {
    return notSent(
        ActionRequest.rendered(
            runbook, workflowId, stepId, type, config, targets, alertHostSteps.contains(stepId)),
        dryRunResult);
  }

  /**
   * What an action not sent answers: its dry-run stand-in when the run is a dry run that tells the
   * truth, else {@code {dryRun, wouldRun, config}}.
   */
  private Map<String, Object> notSent(ActionRequest request, Supplier<Object> dryRunResult) {
    if (dryRuns != null && dryRuns.truthful()) {
      return dryRuns.standIn(request.stepId(), request.type(), request.config(), dryRunResult);
    }
    return wouldRun(request.type(), request);
  }

  /** The run's dry-run stand-ins, or null (see the constructor). */
  DryRuns dryRuns() {
    return dryRuns;
  }

  private static Map<String, Object> wouldRun(String type, ActionRequest request) {
    Map<String, Object> would = new LinkedHashMap<>();
    would.put("dryRun", true);
    would.put("wouldRun", type);
    would.put("config", request.config());
    return would;
  }

  /**
   * Counts an escalation message: an escalate activity that pages people, not the resolve events of
   * auto-resolve nor the notices of an approval.
   */
  private void countEscalation(String type, Map<String, Object> config, boolean delivered) {
    if ("escalate".equals(type)
        && !"resolve".equals(config.get("action"))
        && config.get("approvalFor") == null) {
      metrics.escalation(config.get("route"), delivered);
    }
  }
}
