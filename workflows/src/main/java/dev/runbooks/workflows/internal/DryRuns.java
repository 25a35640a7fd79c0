package dev.runbooks.workflows.internal;

import dev.runbooks.language.steps.ActionKind;
import dev.runbooks.language.steps.ActionKinds;
import dev.runbooks.language.types.ValueType;
import dev.runbooks.language.types.ValueTypes;
import dev.runbooks.workflows.ChangeId;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a dry run does in place of what it does not do, since {@link ChangeId#DRY_RUN_RESULTS}: a
 * mutating action answers its step's {@code dryRunResult} (rendered) or a placeholder of its kind's
 * result type ({@link ValueTypes#fill}) and is recorded as a {@code wouldRun} event with its kind,
 * target and rendered config (secret references stay references); a sleep waits at most {@link
 * #MAX_WAIT}; a waitUntil probes at most {@link #MAX_PROBES} times, {@link #MAX_WAIT} apart, and a
 * condition that did not hold by then does not fail the run; an approval is decided at once by
 * {@value #ACTOR}. Each of these is an event of the report, in order. A dry run recorded before the
 * change answers as it always did ({@code {dryRun, wouldRun, config}}, full waits).
 */
final class DryRuns {
  /** Who decides a dry run's approvals. */
  static final String ACTOR = "dry-run";

  /** The longest a dry run waits at a sleep, or between two probes of a waitUntil. */
  static final Duration MAX_WAIT = Duration.ofSeconds(1);

  /** The most probes a dry run's waitUntil makes. */
  static final int MAX_PROBES = 3;

  private final RunState state;
  private Boolean truthful;

  DryRuns(RunState state) {
    this.state = state;
  }

  /**
   * Whether this run is a dry run with the stand-ins above: asks the change id once, at the first
   * step a dry run does not do as written. False for a run that is not a dry run. Workflow code.
   */
  boolean truthful() {
    if (state == null || !state.dryRun()) {
      return false;
    }
    if (truthful == null) {
      truthful = ChangeId.DRY_RUN_RESULTS.enabled();
    }
    return truthful;
  }

  /**
   * The result an action not sent stands on, recorded as a {@code wouldRun} event.
   *
   * @param config the rendered config as the activity would have received it (secret references not
   *     resolved)
   * @param given the step's rendered {@code dryRunResult}, or null
   */
  StandIn standIn(String stepId, String type, Map<String, Object> config, Supplier<Object> given) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("step", stepId);
    event.put("kind", type);
    Mutations.target(type, config).ifPresent(t -> event.put("target", t));
    event.put("config", config);
    Object dryRunResult = given == null ? null : given.get();
    event.put("result", dryRunResult == null ? "placeholder" : "dryRunResult");
    state.event("wouldRun", event, Workflow.currentTimeMillis());
    // Recorded (a side effect): the placeholder follows the kind's result type, which a later
    // build may change; replay must read the stand-in the run saw, not build it again.
    Object written = dryRunResult;
    Object value =
        Workflow.sideEffect(
                Map.class,
                () -> {
                  ValueType resultType =
                      ActionKinds.find(type).map(k -> resultType(k, config)).orElse(ValueType.ANY);
                  Map<String, Object> boxed = new LinkedHashMap<>();
                  boxed.put("value", ValueTypes.fill(resultType, written));
                  return boxed;
                })
            .get("value");
    StandIn standIn = new StandIn();
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> standIn.put(String.valueOf(k), v));
    } else {
      standIn.put("value", value);
    }
    return standIn;
  }

  private static ValueType resultType(ActionKind kind, Map<String, Object> config) {
    ValueType t = kind.resultType(config);
    return t == null ? ValueType.ANY : t;
  }

  /**
   * How long a dry run waits, at most, for a wait of {@code full}: no longer than {@code max}.
   * Recorded as a {@code dryRunWait} event.
   */
  Duration shorten(String stepId, String kind, Duration full, Duration max) {
    Duration waited = full.compareTo(max) > 0 ? max : full;
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("step", stepId);
    event.put("kind", kind);
    event.put("wouldWaitMs", full.toMillis());
    event.put("waitedMs", waited.toMillis());
    state.event("dryRunWait", event, Workflow.currentTimeMillis());
    return waited;
  }

  /** The decision of an approval in a dry run, recorded as a {@code dryRunApproval} event. */
  Map<String, Object> approve(String stepId, Object approvers, String prompt) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("step", stepId);
    event.put("kind", "approval");
    event.put("approvers", approvers);
    event.put("prompt", prompt);
    state.event("dryRunApproval", event, Workflow.currentTimeMillis());
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("approved", true);
    d.put("approver", ACTOR);
    d.put("comment", "approved by the dry run: a real run waits here for a decision");
    d.put("decidedAt", Times.iso(Workflow.currentTimeMillis()));
    d.put("dryRun", true);
    return d;
  }

  /**
   * The result of an action a dry run did not send: a map like any result, whose type tells the
   * interpreter to record the step as {@code dry-run}. Serialized as a plain map.
   */
  static final class StandIn extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;
  }
}
