package dev.runbooks.workflows.internal;

import dev.runbooks.api.Actor;
import dev.runbooks.api.DecisionAction;
import dev.runbooks.api.DecisionAnswer;
import dev.runbooks.api.DecisionAnswer.Result;
import dev.runbooks.api.DecisionRequest;
import dev.runbooks.language.model.DecisionVia;
import java.util.Map;

/**
 * Whether a run takes a decision: the one judgement behind both the update validators (which refuse
 * with the answer) and the handlers of updates and signals (which record it), so that the two never
 * disagree. Pure: it reads the inbox and changes nothing.
 */
final class DecisionJudge {
  private DecisionJudge() {}

  /** The answer and, when there is one, the approval or ladder it is about. */
  record Verdict(DecisionAnswer answer, Signals.Pending target) {
    boolean accepted() {
      return answer.result() == Result.ACCEPTED;
    }
  }

  /**
   * An approve or reject: the pending approval it is for (the named one, or the only one), not
   * decided yet, and a decider its rules allow. Approvals opened before the rules existed (no
   * {@link Signals.Rules}) keep the old check: a listed name, whatever the seal.
   */
  static Verdict approval(
      Map<String, Signals.Pending> pending,
      DecisionAction action,
      DecisionRequest r,
      boolean verified,
      Actor startedBy) {
    Signals.Pending target = target(pending, r.step());
    if (target == null) {
      return new Verdict(
          refuse(
              Result.NOT_WAITING,
              pending.isEmpty()
                  ? "no approval is pending"
                  : r.step() != null
                      ? "step "
                          + r.step()
                          + " is not waiting for a decision (pending: "
                          + pending.keySet()
                          + ")"
                      : "several approvals are pending; name the step (one of "
                          + pending.keySet()
                          + ")",
              r.step()),
          null);
    }
    String step = target.stepId;
    if (target.decision != null) {
      return new Verdict(
          refuse(
              Result.ALREADY_DECIDED,
              "already decided by " + target.decision.get("approver"),
              step),
          target);
    }
    Signals.Rules rules = target.rules;
    if (rules == null) {
      if (!target.approvers.isEmpty() && !target.approvers.contains(r.name())) {
        return new Verdict(
            refuse(
                Result.NOT_ALLOWED,
                r.name() + " is not an allowed approver " + target.approvers,
                step),
            target);
      }
      return new Verdict(DecisionAnswer.accepted(step), target);
    }
    String why = notAllowed(target, rules, action, r, verified, startedBy);
    return new Verdict(
        why == null ? DecisionAnswer.accepted(step) : refuse(Result.NOT_ALLOWED, why, step),
        target);
  }

  /** Why the rules refuse the decider, or null when they allow it. */
  private static String notAllowed(
      Signals.Pending target,
      Signals.Rules rules,
      DecisionAction action,
      DecisionRequest r,
      boolean verified,
      Actor startedBy) {
    if (rules.via() == DecisionVia.ENGINE && !verified) {
      return "this approval takes only decisions the engine checked (via: engine), and this one"
          + " carries no valid seal (sent to Temporal directly?)";
    }
    Actor actor = r.actor();
    if (!target.approvers.isEmpty() && !actor.isAnyOf(target.approvers)) {
      return r.name() + " is not an allowed approver " + target.approvers;
    }
    if (action == DecisionAction.APPROVE
        && rules.distinct()
        && startedBy != null
        && startedBy.name().equals(r.name())) {
      return r.name() + " started this run and cannot approve it (four eyes: distinct)";
    }
    if (action == DecisionAction.APPROVE && target.approvals.contains(r.name())) {
      int left = rules.required() - target.approvals.size();
      return r.name()
          + " already approved; "
          + left
          + " more distinct approver"
          + (left == 1 ? " is" : "s are")
          + " needed";
    }
    return null;
  }

  /**
   * An acknowledgement: the ladder it is for (the named one, or the only one), not acknowledged.
   */
  static Verdict acknowledgement(Map<String, Signals.Pending> ladders, DecisionRequest r) {
    Signals.Pending target = target(ladders, r.step());
    if (target == null) {
      String waiting = " (waiting: " + ladders.keySet() + ")";
      return new Verdict(
          refuse(
              Result.NOT_WAITING,
              ladders.isEmpty()
                  ? "no escalation is waiting for an acknowledgement"
                  : r.step() != null
                      ? "step " + r.step() + " is not waiting for an acknowledgement" + waiting
                      : "several escalations are waiting; name the step" + waiting,
              r.step()),
          null);
    }
    if (target.decision != null) {
      return new Verdict(
          refuse(
              Result.ALREADY_DECIDED,
              "already acknowledged by " + target.decision.get("by"),
              target.stepId),
          target);
    }
    return new Verdict(DecisionAnswer.accepted(target.stepId), target);
  }

  /** An abort: the first one counts. */
  static Verdict abort(boolean abortRequested) {
    return new Verdict(
        abortRequested
            ? refuse(Result.ALREADY_DECIDED, "already aborting", null)
            : DecisionAnswer.accepted(null),
        null);
  }

  private static Signals.Pending target(Map<String, Signals.Pending> waiting, String step) {
    if (step != null) {
      return waiting.get(step);
    }
    return waiting.size() == 1 ? waiting.values().iterator().next() : null;
  }

  private static DecisionAnswer refuse(Result result, String reason, String step) {
    return new DecisionAnswer(result, reason, step);
  }
}
