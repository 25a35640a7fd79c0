package dev.runbooks.activities;

import dev.runbooks.activities.internal.SecretScope;
import dev.runbooks.activities.internal.StepExecutors;
import dev.runbooks.language.steps.ActionRequest;
import dev.runbooks.language.steps.LoopGuards;
import dev.runbooks.language.targets.TargetPolicy;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.activity.DynamicActivity;
import io.temporal.common.converter.EncodedValues;
import io.temporal.failure.ApplicationFailure;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one activity implementation behind every action step: the workflow calls an untyped stub
 * whose activity type is the step type ({@code http}, {@code tcp}, {@code command}, ...) with a
 * single {@link ActionRequest}, and this routes it to the {@link StepExecutor} registered for that
 * type. Register an instance with a worker like any activity implementation; as a {@link
 * DynamicActivity} it receives every activity type the worker has no other implementation for.
 */
public final class ActionActivities implements DynamicActivity {
  private static final Logger log = LoggerFactory.getLogger(ActionActivities.class);

  /**
   * The counter of step attempts after the first (Temporal retries), through the activity's metrics
   * scope; tags: runbook, step_type. In Prometheus: {@code runbook_step_retries_total}.
   */
  public static final String RETRIES = "runbook.step.retries";

  /** The MDC key naming the runbook on every line logged while a step's activity runs. */
  public static final String MDC_RUNBOOK = "runbook";

  /** The MDC key naming the step on every line logged while a step's activity runs. */
  public static final String MDC_STEP = "step";

  private final Map<String, StepExecutor> executors;
  private final Secrets secrets;
  private final TargetPolicy targets;
  private final LoopGuardCheck loopGuards;

  /**
   * Runs every action step type with the executor {@link StepExecutors} builds for it from {@code
   * env}. The {@code ${{ secrets.NAME }}} references the runbook's source wrote in a step's config
   * (the request's {@code secretRefs} locate them; the same text from run data is not one) are
   * resolved from the environment's secrets just before the step runs, and their values are masked
   * as {@code ***}, in every encoding, in its result, its failures of any type and its heartbeat
   * details (see {@link SecretScope}). Every destination of every step is checked against the
   * environment's destination lists joined with the runbook's own {@code targets:} (see {@link
   * Destinations}).
   *
   * @throws IllegalStateException when an action step type has no executor
   */
  public ActionActivities(StepEnvironment env) {
    this(StepExecutors.create(env), env);
  }

  private ActionActivities(Map<String, StepExecutor> executors, StepEnvironment env) {
    this.executors = Collections.unmodifiableMap(new TreeMap<>(executors));
    this.secrets = env.secrets();
    this.targets = env.targets();
    this.loopGuards = new LoopGuardCheck(env.ledger());
  }

  /**
   * For tests: like {@link #ActionActivities(StepEnvironment)}, but the given executors stand in
   * for the built ones of their types, or add types the language does not know (to test dispatch
   * itself). Each stand-in is logged.
   *
   * @throws IllegalStateException when two stand-ins claim the same type
   */
  public static ActionActivities withStandIns(
      StepEnvironment env, Collection<? extends StepExecutor> standIns) {
    Map<String, StepExecutor> given = new TreeMap<>();
    for (StepExecutor executor : standIns) {
      StepExecutor previous = given.put(executor.type(), executor);
      if (previous != null) {
        throw new IllegalStateException(
            "two step executors claim type '"
                + executor.type()
                + "': "
                + previous.getClass().getName()
                + " and "
                + executor.getClass().getName());
      }
      log.info(
          "step type '{}' runs with the stand-in {}",
          executor.type(),
          executor.getClass().getName());
    }
    Map<String, StepExecutor> all = new TreeMap<>(StepExecutors.create(env));
    all.putAll(given);
    return new ActionActivities(all, env);
  }

  /** The step types this instance can run, sorted. */
  public Set<String> types() {
    return executors.keySet();
  }

  @Override
  public Object execute(EncodedValues args) {
    ActivityExecutionContext activity = Activity.getExecutionContext();
    ActivityInfo info = activity.getInfo();
    String type = info.getActivityType();
    StepExecutor executor = executors.get(type);
    if (executor == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no executor for step type '" + type + "' (known: " + executors.keySet() + ")",
          StepFailures.UNKNOWN_STEP_TYPE);
    }
    ActionRequest request = args.get(0, ActionRequest.class);
    if (request == null) {
      throw StepFailures.invalidConfig(type, "request", "is missing: expected one ActionRequest");
    }
    if (request.type() != null && !request.type().equals(type)) {
      throw StepFailures.invalidConfig(
          type, "type", "is '" + request.type() + "' but the activity type is '" + type + "'");
    }
    SecretScope secretScope = new SecretScope(secrets, type);
    var split = LoopGuards.split(secretScope.resolve(request.config(), request.secretRefs()));
    ActionRequest resolved = request.withConfig(split.getKey());
    TargetPolicy policy;
    try {
      policy = targets.withTargets(request.targets());
    } catch (IllegalArgumentException e) {
      throw StepFailures.invalidConfig(type, "targets", e.getMessage());
    }
    StepContext ctx =
        new StepContext(
            info.getAttempt(),
            details -> activity.heartbeat(secretScope.mask(details)),
            () -> lastHeartbeat(activity),
            info.getActivityId(),
            new Destinations(policy, request.hostFromAlert()));
    String runbook = request.runbook() == null ? info.getWorkflowType() : request.runbook();
    if (info.getAttempt() > 1) {
      activity
          .getMetricsScope()
          .tagged(Map.of("runbook", runbook, "step_type", type))
          .counter(RETRIES)
          .inc(1);
    }
    MDC.put(MDC_RUNBOOK, runbook);
    MDC.put(MDC_STEP, String.valueOf(request.stepId()));
    long started = System.nanoTime();
    try {
      log.info(
          "step {} ({}) of {} attempt {} started",
          request.stepId(),
          type,
          request.workflowId(),
          info.getAttempt());
      if (split.getValue().isPresent()) {
        loopGuards.check(resolved, split.getValue().get(), ctx);
      }
      Map<String, Object> result = executor.execute(resolved, ctx);
      log.info("step {} ({}) succeeded in {} ms", request.stepId(), type, elapsedMillis(started));
      return secretScope.mask(result);
    } catch (ApplicationFailure e) {
      log.info(
          "step {} ({}) failed in {} ms: {}",
          request.stepId(),
          type,
          elapsedMillis(started),
          e.getType());
      throw secretScope.maskFailure(e);
    } catch (RuntimeException | Error e) {
      log.info(
          "step {} ({}) failed in {} ms: {}",
          request.stepId(),
          type,
          elapsedMillis(started),
          e.getClass().getName());
      throw secretScope.maskFailure(e);
    } finally {
      MDC.remove(MDC_RUNBOOK);
      MDC.remove(MDC_STEP);
    }
  }

  /**
   * The details of the last heartbeat an earlier attempt recorded, when they are a JSON object.
   * Details of another shape (or none) read as empty.
   */
  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> lastHeartbeat(ActivityExecutionContext activity) {
    try {
      return activity.getHeartbeatDetails(Map.class).map(m -> (Map<String, Object>) m);
    } catch (RuntimeException e) {
      log.debug("heartbeat details of an earlier attempt are not a JSON object", e);
      return Optional.empty();
    }
  }

  private static long elapsedMillis(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
