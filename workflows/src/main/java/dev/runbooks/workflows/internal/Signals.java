package dev.runbooks.workflows.internal;

import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's inbox for people and alerts: approval decisions, abort requests and alert signals.
 * Signal handlers only record; the interpreter's waits observe the records. Decisions are
 * idempotent: the first valid one for a pending approval counts, repeats are noted and ignored.
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

  private final RunState state;
  private final Map<String, Pending> pending = new LinkedHashMap<>();
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

  /** Handles an approve or reject signal. */
  void decide(boolean approve, Map<String, Object> payload) {
    String approver = string(payload, "approver", "anonymous");
    String comment = string(payload, "comment", null);
    String step = string(payload, "step", null);
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
    String kind = approve ? "approve" : "reject";
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
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("by", string(payload, "by", "anonymous"));
    String reason = string(payload, "reason", null);
    if (reason != null) {
      ev.put("reason", reason);
    }
    if (abortRequested) {
      ev.put("ignored", "already aborting");
    } else {
      abortRequested = true;
      abortedBy = ev;
    }
    state.event("abort", ev, Workflow.currentTimeMillis());
  }

  /** Handles alertRepeated and alertResolved signals from the intake. */
  void alert(boolean resolved, Map<String, Object> payload) {
    Map<String, Object> ev = new LinkedHashMap<>();
    if (payload.get("fingerprint") != null) {
      ev.put("fingerprint", payload.get("fingerprint"));
    }
    if (resolved) {
      alertResolved = true;
    } else {
      alertRepeats++;
      ev.put("repeats", alertRepeats);
    }
    state.event(resolved ? "alertResolved" : "alertRepeated", ev, Workflow.currentTimeMillis());
  }

  List<String> pendingSteps() {
    return new ArrayList<>(pending.keySet());
  }

  private static String string(Map<String, Object> payload, String key, String fallback) {
    Object v = payload == null ? null : payload.get(key);
    return v == null ? fallback : String.valueOf(v);
  }
}
