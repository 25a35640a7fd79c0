package dev.runbooks.language.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One step of a runbook: the fields every step has, and its body, which says what kind of step it
 * is. Expressions ({@code when}, output expressions) are CEL source text; the compiler has checked
 * them.
 *
 * @param id unique within the runbook; {@code [a-z][a-z0-9_]*} so CEL can say {@code steps.<id>}
 * @param name optional human name
 * @param when CEL condition; the step is skipped when it is false; null means always
 * @param retry retry policy for action steps; null means the engine default
 * @param timeout per-attempt timeout for action steps, overall deadline for others; null = default
 * @param heartbeatTimeout how long an attempt of an action step whose kind heartbeats may go
 *     without a heartbeat before Temporal gives it to another worker; null = {@link
 *     #DEFAULT_HEARTBEAT_TIMEOUT}
 * @param onFailure what to do when the step fails
 * @param outputs named CEL expressions over {@code result}, evaluated when the step succeeds
 * @param compensate steps that undo this one, run in reverse step order when the run fails
 * @param body the kind-specific part
 * @param rails the step's lock and blast radius ({@link StepRails#NONE} without them)
 * @param location where the step starts in the source
 * @param path the field path of the step, such as {@code steps[3]}
 * @param dryRunResult what an action step that a dry run does not send answers instead of its
 *     result (templates, rendered when the dry run reaches the step), or null for a placeholder of
 *     its kind's result type
 */
public record Step(
    String id,
    String name,
    String when,
    RetrySpec retry,
    Duration timeout,
    Duration heartbeatTimeout,
    OnFailure onFailure,
    Map<String, String> outputs,
    List<Step> compensate,
    StepBody body,
    StepRails rails,
    Location location,
    String path,
    Map<String, Object> dryRunResult) {
  /**
   * The heartbeat timeout of an action step whose kind heartbeats ({@link
   * dev.runbooks.language.steps.ActionKind#heartbeats()}) when the step sets none.
   */
  public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(30);

  public Step {
    onFailure = onFailure == null ? OnFailure.ABORT : onFailure;
    outputs =
        outputs == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    compensate = compensate == null ? List.of() : List.copyOf(compensate);
    rails = rails == null ? StepRails.NONE : rails;
    dryRunResult =
        dryRunResult == null
            ? null
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dryRunResult));
  }

  /** A step without a {@code dryRunResult}. */
  public Step(
      String id,
      String name,
      String when,
      RetrySpec retry,
      Duration timeout,
      Duration heartbeatTimeout,
      OnFailure onFailure,
      Map<String, String> outputs,
      List<Step> compensate,
      StepBody body,
      StepRails rails,
      Location location,
      String path) {
    this(
        id,
        name,
        when,
        retry,
        timeout,
        heartbeatTimeout,
        onFailure,
        outputs,
        compensate,
        body,
        rails,
        location,
        path,
        null);
  }

  /** A step without rails of its own. */
  public Step(
      String id,
      String name,
      String when,
      RetrySpec retry,
      Duration timeout,
      Duration heartbeatTimeout,
      OnFailure onFailure,
      Map<String, String> outputs,
      List<Step> compensate,
      StepBody body,
      Location location,
      String path) {
    this(
        id,
        name,
        when,
        retry,
        timeout,
        heartbeatTimeout,
        onFailure,
        outputs,
        compensate,
        body,
        null,
        location,
        path);
  }

  /** A step without a heartbeat timeout of its own. */
  public Step(
      String id,
      String name,
      String when,
      RetrySpec retry,
      Duration timeout,
      OnFailure onFailure,
      Map<String, String> outputs,
      List<Step> compensate,
      StepBody body,
      Location location,
      String path) {
    this(
        id,
        name,
        when,
        retry,
        timeout,
        null,
        onFailure,
        outputs,
        compensate,
        body,
        null,
        location,
        path);
  }

  /** The step type as written in YAML, such as {@code http} or {@code approval}. */
  public String type() {
    return body.type();
  }

  /**
   * Every step list nested in this step, in the order they are written: the cases and default of a
   * {@code switch}, the body of a {@code foreach}, the branches of a {@code parallel}, then its
   * {@code compensate} steps and its {@code onFailure} handler's steps.
   */
  public List<List<Step>> nestedLists() {
    List<List<Step>> out = new java.util.ArrayList<>();
    if (body instanceof StepBody.Switch s) {
      s.cases().forEach(c -> out.add(c.steps()));
      out.add(s.defaultSteps());
    } else if (body instanceof StepBody.Foreach f) {
      out.add(f.steps());
    } else if (body instanceof StepBody.Parallel p) {
      p.branches().forEach(b -> out.add(b.steps()));
    }
    out.add(compensate);
    if (onFailure instanceof OnFailure.Handle h) {
      out.add(h.steps());
    }
    return out;
  }
}
