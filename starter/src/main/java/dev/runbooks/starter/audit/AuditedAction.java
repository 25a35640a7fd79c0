package dev.runbooks.starter.audit;

import dev.runbooks.api.Actor;
import dev.runbooks.api.Channel;
import dev.runbooks.api.DecisionAnswer;
import dev.runbooks.starter.security.Caller;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the audit trail: who did what, through which channel and from which address, to
 * which runbook, run or target, and what came of it. Built from a {@link Caller} (or an {@link
 * Actor} for actions without a request, such as alert-started runs) and refined with the {@code
 * with…} methods:
 *
 * <pre>{@code
 * audit.record(AuditedAction.of(AuditAction.ABORT, caller).run(runbook, workflowId)
 *     .answered(AuditResult.of(answer)));
 * }</pre>
 *
 * @param action what was done
 * @param actor who did it, and through which channel
 * @param address the client's address; null when there was no request
 * @param runbook the runbook acted on, or null
 * @param workflowId the run acted on, or null
 * @param target the other thing acted on (a window id, a quarantined target, a token id), or null
 * @param result what came of it
 * @param details more facts (inputs' names, a comment, a reason), written as JSON
 */
public record AuditedAction(
    AuditAction action,
    Actor actor,
    String address,
    String runbook,
    String workflowId,
    String target,
    AuditResult result,
    Map<String, Object> details) {
  /** Checks the parts and copies the details. */
  public AuditedAction {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(result, "result");
    details =
        details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** An accepted action of a caller (status 200 until {@link #answered} says otherwise). */
  public static AuditedAction of(AuditAction action, Caller caller) {
    return new AuditedAction(
        action,
        caller.actor(),
        caller.address(),
        null,
        null,
        null,
        AuditResult.accepted(200),
        null);
  }

  /**
   * A caller's decision (approve, reject, acknowledge, abort) on a run, with the step, comment and
   * reason the request gave; accepted (200) until {@link #answered} says otherwise.
   */
  public static AuditedAction decision(
      AuditAction action, Caller caller, String runbook, String workflowId, Map<String, ?> body) {
    AuditedAction decision = of(action, caller).run(runbook, workflowId);
    for (String key : List.of("step", "comment", "reason")) {
      Object value = body == null ? null : body.get(key);
      if (value != null && !value.toString().isBlank()) {
        decision = decision.detail(key, value.toString());
      }
    }
    return decision;
  }

  /** An accepted action without a request, such as a run an alert of {@code source} started. */
  public static AuditedAction system(AuditAction action, String principal, Channel channel) {
    return new AuditedAction(
        action,
        new Actor(principal, List.of(), channel),
        null,
        null,
        null,
        null,
        AuditResult.accepted(0),
        null);
  }

  /** The same action, on a runbook's run ({@code workflowId} may be null for a refused start). */
  public AuditedAction run(String runbook, String workflowId) {
    return new AuditedAction(action, actor, address, runbook, workflowId, target, result, details);
  }

  /** The same action, on a target (a window id, a quarantined target, a token id). */
  public AuditedAction target(String target) {
    return new AuditedAction(action, actor, address, runbook, workflowId, target, result, details);
  }

  /** The same action, with what came of it. */
  public AuditedAction answered(AuditResult result) {
    return new AuditedAction(action, actor, address, runbook, workflowId, target, result, details);
  }

  /** The same action, with a run's answer to a decision. */
  public AuditedAction answered(DecisionAnswer answer) {
    return answered(AuditResult.of(answer));
  }

  /** The same action, with one more detail (a null value is left out). */
  public AuditedAction detail(String key, Object value) {
    if (value == null) {
      return this;
    }
    Map<String, Object> more = new LinkedHashMap<>(details);
    more.put(key, value);
    return new AuditedAction(action, actor, address, runbook, workflowId, target, result, more);
  }
}
