package dev.runbooks.workflows.internal;

import dev.runbooks.api.Abort;
import dev.runbooks.api.Acknowledge;
import dev.runbooks.api.AlertSignal;
import dev.runbooks.api.Decision;
import dev.runbooks.workflows.RunbookWorkflow;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's inbox for people and alerts: approval decisions, acknowledgements of escalation
 * ladders, abort requests and alert signals. Signal handlers only record; the interpreter's waits
 * observe the records. Decisions are idempotent: the first valid one for a pending approval (or the
 * first acknowledgement of a waiting ladder) counts, repeats are noted and ignored.
 */
final class Signals {
  /** A pending approval: the step, who may decide, and the decision once made. */
  static final class Pending {
    final String stepId;
    final List<String> approvers;
    Map<String, Object> decision;

    Pending(String stepId, List<String> approvers) {
      this.stepId = stepId;
      this.approvers = approvers;
    }
  }

  /** Who a signal that names nobody comes from. */
  private static final String ANONYMOUS = "anonymous";

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

  Pending open(String stepId, List<String> approvers) {
    Pending p = new Pending(stepId, approvers);
    pending.put(stepId, p);
    return p;
  }

  void close(String stepId) {
    pending.remove(stepId);
  }

  /** An escalation ladder starts waiting for an acknowledgement. */
  Pending openAcknowledgement(String stepId) {
    Pending p = new Pending(stepId, List.of());
    acknowledgements.put(stepId, p);
    return p;
  }

  void closeAcknowledgement(String stepId) {
    acknowledgements.remove(stepId);
  }

  /**
   * Handles an acknowledge signal {@code {by, comment, step?}}: the first one for a waiting ladder
   * counts; anyone may acknowledge.
   */
  void acknowledge(Map<String, Object> payload) {
    Acknowledge signal = Acknowledge.from(payload);
    String by = signal.by() == null ? ANONYMOUS : signal.by();
    String comment = signal.comment();
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("by", by);
    if (comment != null) {
      ev.put("comment", comment);
    }
    Pending target = ladderFor(signal.step(), ev);
    long now = Workflow.currentTimeMillis();
    if (target != null && target.decision != null) {
      ev.put("ignored", "already acknowledged by " + target.decision.get("by"));
    } else if (target != null) {
      Map<String, Object> ack = new LinkedHashMap<>();
      ack.put("by", by);
      ack.put("comment", comment);
      ack.put("acknowledgedAt", Times.iso(now));
      target.decision = ack;
    }
    state.event(RunbookWorkflow.SIGNAL_ACKNOWLEDGE, ev, now);
  }

  /**
   * The waiting ladder an acknowledgement is for: the named step's, or the only one. Null, with the
   * reason in {@code ev.ignored}, when there is none or the signal must name one of several.
   */
  private Pending ladderFor(String step, Map<String, Object> ev) {
    Pending target = null;
    if (step != null) {
      target = acknowledgements.get(step);
      ev.put("step", step);
    } else if (acknowledgements.size() == 1) {
      target = acknowledgements.values().iterator().next();
      ev.put("step", target.stepId);
    }
    if (target == null) {
      String waiting = " (waiting: " + acknowledgements.keySet() + ")";
      ev.put(
          "ignored",
          acknowledgements.isEmpty()
              ? "no escalation is waiting for an acknowledgement"
              : step != null
                  ? "step " + step + " is not waiting for an acknowledgement" + waiting
                  : "several escalations are waiting; name the step" + waiting);
    }
    return target;
  }

  /** Handles an approve or reject signal. */
  void decide(boolean approve, Map<String, Object> payload) {
    Decision signal = Decision.from(payload);
    String approver = signal.approver() == null ? ANONYMOUS : signal.approver();
    String comment = signal.comment();
    String step = signal.step();
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("approver", approver);
    if (comment != null) {
      ev.put("comment", comment);
    }
    Pending target = null;
    if (step != null) {
      target = pending.get(step);
      ev.put("step", step);
    } else if (pending.size() == 1) {
      target = pending.values().iterator().next();
      ev.put("step", target.stepId);
    }
    String kind = approve ? RunbookWorkflow.SIGNAL_APPROVE : RunbookWorkflow.SIGNAL_REJECT;
    long now = Workflow.currentTimeMillis();
    if (target == null) {
      ev.put(
          "ignored",
          pending.isEmpty()
              ? "no approval is pending"
              : "several approvals are pending; name the step (one of " + pending.keySet() + ")");
      state.event(kind, ev, now);
      return;
    }
    if (target.decision != null) {
      ev.put("ignored", "already decided by " + target.decision.get("approver"));
      state.event(kind, ev, now);
      return;
    }
    if (!target.approvers.isEmpty() && !target.approvers.contains(approver)) {
      ev.put("ignored", approver + " is not an allowed approver " + target.approvers);
      state.event(kind, ev, now);
      return;
    }
    Map<String, Object> decision = new LinkedHashMap<>();
    decision.put("approved", approve);
    decision.put("approver", approver);
    decision.put("comment", comment);
    decision.put("decidedAt", Times.iso(now));
    decision.put("timedOut", false);
    target.decision = decision;
    state.event(kind, ev, now);
  }

  /** Handles an abort signal; the first one counts. */
  void abort(Map<String, Object> payload) {
    Abort signal = Abort.from(payload);
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("by", signal.by() == null ? ANONYMOUS : signal.by());
    String reason = signal.reason();
    if (reason != null) {
      ev.put("reason", reason);
    }
    if (abortRequested) {
      ev.put("ignored", "already aborting");
    } else {
      abortRequested = true;
      abortedBy = ev;
    }
    state.event(RunbookWorkflow.SIGNAL_ABORT, ev, Workflow.currentTimeMillis());
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
