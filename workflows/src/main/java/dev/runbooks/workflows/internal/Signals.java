package dev.runbooks.workflows.internal;

import dev.runbooks.api.AlertSignal;
import dev.runbooks.api.DecisionAction;
import dev.runbooks.api.DecisionAnswer;
import dev.runbooks.api.DecisionRequest;
import dev.runbooks.api.Wait;
import dev.runbooks.language.model.DecisionVia;
import dev.runbooks.workflows.RunbookWorkflow;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's inbox for people and alerts: approval decisions, acknowledgements of escalation
 * ladders, abort requests and alert signals. Handlers only record; the interpreter's waits observe
 * the records. Whether a decision counts is {@link DecisionJudge}'s answer, the same for an update
 * (whose validator refuses with it) and a signal (which is recorded as ignored with its reason).
 * Decisions are idempotent: the first valid one for a pending approval (or the first
 * acknowledgement of a waiting ladder) counts, repeats are noted and ignored.
 */
final class Signals {
  /**
   * The rules of an approval opened since they exist ({@code ChangeId.DECISION_RULES}).
   *
   * @param distinct whether whoever started the run is kept from approving
   * @param required how many distinct approvers must approve
   * @param via which decisions count
   */
  record Rules(boolean distinct, int required, DecisionVia via) {}

  /** A pending approval or ladder: the step, who may decide, and the decision once made. */
  static final class Pending {
    final String stepId;
    final List<String> approvers;

    /** The approval's rules; null for a ladder and for an approval opened before rules. */
    final Rules rules;

    /** Who approved so far, short of the quorum. */
    final List<String> approvals = new ArrayList<>();

    Wait.Approval wait;
    Map<String, Object> decision;

    Pending(String stepId, List<String> approvers, Rules rules, Wait.Approval wait) {
      this.stepId = stepId;
      this.approvers = approvers;
      this.rules = rules;
      this.wait = wait;
    }
  }

  private final RunState state;
  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private final Map<String, Pending> acknowledgements = new LinkedHashMap<>();
  boolean abortRequested;
  Map<String, Object> abortedBy;
  boolean alertResolved;
  long alertRepeats;

  Signals(RunState state) {
    this.state = state;
  }

  /** An approval starts waiting; {@code rules} null for one that keeps the old check. */
  Pending open(String stepId, List<String> approvers, Rules rules, Wait.Approval wait) {
    Pending p = new Pending(stepId, approvers, rules, wait);
    pending.put(stepId, p);
    return p;
  }

  void close(String stepId) {
    pending.remove(stepId);
  }

  /** An escalation ladder starts waiting for an acknowledgement. */
  Pending openAcknowledgement(String stepId) {
    Pending p = new Pending(stepId, List.of(), null, null);
    acknowledgements.put(stepId, p);
    return p;
  }

  void closeAcknowledgement(String stepId) {
    acknowledgements.remove(stepId);
  }

  /** Whether the run would take the decision now; changes nothing (an update's validator). */
  DecisionAnswer judge(DecisionAction action, DecisionRequest request, boolean verified) {
    return verdict(action, request, verified).answer();
  }

  private DecisionJudge.Verdict verdict(
      DecisionAction action, DecisionRequest request, boolean verified) {
    return switch (action) {
      case APPROVE, REJECT ->
          DecisionJudge.approval(pending, action, request, verified, state.startedBy());
      case ACKNOWLEDGE -> DecisionJudge.acknowledgement(acknowledgements, request);
      case ABORT -> DecisionJudge.abort(abortRequested);
    };
  }

  /**
   * Handles a decision (an update's handler, or a signal, never verified): takes it when the judge
   * accepts it, records it either way in the run's events, and returns the answer.
   */
  DecisionAnswer decide(DecisionAction action, DecisionRequest request, boolean verified) {
    DecisionJudge.Verdict verdict = verdict(action, request, verified);
    long now = Workflow.currentTimeMillis();
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put(action.nameKey(), request.name());
    if (request.comment() != null) {
      ev.put("comment", request.comment());
    }
    if (action == DecisionAction.ABORT && request.reason() != null) {
      ev.put("reason", request.reason());
    }
    if (verdict.answer().step() != null) {
      ev.put("step", verdict.answer().step());
    } else if (request.step() != null) {
      ev.put("step", request.step());
    }
    boolean legacy =
        action.decidesApproval() && verdict.target() != null && verdict.target().rules == null;
    if (!legacy) {
      ev.put("channel", request.channel().wire());
      ev.put("verified", verified);
    }
    if (!verdict.accepted()) {
      ev.put("ignored", verdict.answer().reason());
    } else {
      take(action, request, verified, verdict.target(), ev, now);
    }
    state.event(action.wire(), ev, now);
    return verdict.answer();
  }

  private void take(
      DecisionAction action,
      DecisionRequest request,
      boolean verified,
      Pending target,
      Map<String, Object> ev,
      long now) {
    switch (action) {
      case ABORT -> {
        abortRequested = true;
        abortedBy = ev;
      }
      case ACKNOWLEDGE -> {
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("by", request.name());
        ack.put("comment", request.comment());
        ack.put("acknowledgedAt", Times.iso(now));
        target.decision = ack;
      }
      case APPROVE, REJECT -> approvalTaken(action, request, verified, target, ev, now);
    }
  }

  private void approvalTaken(
      DecisionAction action,
      DecisionRequest request,
      boolean verified,
      Pending target,
      Map<String, Object> ev,
      long now) {
    Rules rules = target.rules;
    boolean approve = action == DecisionAction.APPROVE;
    if (approve && rules != null && target.approvals.size() + 1 < rules.required()) {
      target.approvals.add(request.name());
      ev.put("approvals", target.approvals.size() + "/" + rules.required());
      target.wait = target.wait.withApprovals(target.approvals);
      state.waitOn(target.stepId, target.wait);
      return;
    }
    Map<String, Object> decision = new LinkedHashMap<>();
    decision.put("approved", approve);
    if (approve && rules != null && rules.required() > 1) {
      List<String> all = new ArrayList<>(target.approvals);
      all.add(request.name());
      decision.put("approver", String.join(", ", all));
      decision.put("approvers", all);
    } else {
      decision.put("approver", request.name());
    }
    decision.put("comment", request.comment());
    decision.put("decidedAt", Times.iso(now));
    decision.put("timedOut", false);
    if (rules != null) {
      decision.put("channel", request.channel().wire());
      decision.put("verified", verified);
    }
    target.decision = decision;
  }

  /** Handles a decision that came as a signal: unverified, whatever it carries. */
  void signal(DecisionAction action, Map<String, Object> payload) {
    decide(action, DecisionRequest.from(action, payload), false);
  }

  /** Handles alertRepeated and alertResolved signals from the intake. */
  void alert(boolean resolved, Map<String, Object> payload) {
    AlertSignal signal = AlertSignal.from(payload);
    Map<String, Object> ev = new LinkedHashMap<>();
    if (signal.fingerprint() != null) {
      ev.put("fingerprint", signal.fingerprint());
    }
    if (resolved) {
      alertResolved = true;
    } else {
      alertRepeats++;
      ev.put("repeats", alertRepeats);
    }
    state.event(
        resolved ? RunbookWorkflow.SIGNAL_ALERT_RESOLVED : RunbookWorkflow.SIGNAL_ALERT_REPEATED,
        ev,
        Workflow.currentTimeMillis());
  }

  List<String> pendingSteps() {
    return new ArrayList<>(pending.keySet());
  }
}
