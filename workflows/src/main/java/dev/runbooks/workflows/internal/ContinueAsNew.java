package dev.runbooks.workflows.internal;

import dev.runbooks.api.RunPhase;
import dev.runbooks.workflows.ChangeId;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each execution of a run under its history limits: at a safe point (between steps, between
 * waitUntil polls, between foreach items) whose execution's history has passed {@link
 * HistoryLimits} or whose Temporal suggests it, the run continues as new with the interpreter's
 * state as a {@link Checkpoint}; the new execution (same workflow id) re-enters the position
 * without running finished steps again. When the state is too large to carry, the run ends failed
 * with {@code HistoryBudgetExceeded} instead, so compensation, {@code finally} and the report still
 * happen. Runs recorded before this existed replay without it ({@code ChangeId#CONTINUE_AS_NEW},
 * asked when a run first passes a limit).
 */
final class ContinueAsNew {
  /** The error type of a run whose state no longer fits in a new execution. */
  static final String BUDGET_EXCEEDED = dev.runbooks.api.ErrorTypes.HISTORY_BUDGET_EXCEEDED;

  /** The event that says a run continued as new, and how many executions it has had. */
  static final String CONTINUED = "continuedAsNew";

  private final Interpreter in;
  private final Signals signals;
  private final HistoryLimits limits;
  private final int generation;
  private Boolean enabled;

  ContinueAsNew(Interpreter in, Signals signals, HistoryLimits limits, int generation) {
    this.in = in;
    this.signals = signals;
    this.limits = limits;
    this.generation = generation;
  }

  /** Whether a checkpoint may be taken here and this execution's history has passed a limit. */
  boolean due() {
    if (!in.position.safe()
        || in.state.outcome() != null
        || in.state.phase() != RunPhase.RUNNING
        || signals.abortRequested) {
      return false;
    }
    WorkflowInfo info = Workflow.getInfo();
    boolean over =
        info.getHistoryLength() > limits.events()
            || info.getHistorySize() > limits.bytes()
            || info.isContinueAsNewSuggested();
    if (!over) {
      return false;
    }
    if (enabled == null) {
      enabled = ChangeId.CONTINUE_AS_NEW.enabled();
    }
    return enabled;
  }

  /**
   * A safe point: when {@link #due()}, continues as new (this method then does not return) or, when
   * the state is too large to carry, ends the run failed with {@code HistoryBudgetExceeded}.
   */
  void safePoint() {
    if (!due()) {
      return;
    }
    Checkpoint checkpoint = checkpoint();
    long size = size(checkpoint);
    if (size > limits.stateBytes()) {
      Map<String, Object> ev = new LinkedHashMap<>();
      ev.put("type", BUDGET_EXCEEDED);
      ev.put("stateBytes", size);
      ev.put("limit", limits.stateBytes());
      ev.put("historyEvents", Workflow.getInfo().getHistoryLength());
      in.state.event("historyBudgetExceeded", ev, Workflow.currentTimeMillis());
      Position.Level level = in.position.current();
      String stepId = level == null ? null : level.frame().stepId();
      throw new ControlTransfer.EndRun(
          dev.runbooks.api.Outcome.FAILED,
          BUDGET_EXCEEDED
              + ": the run's state ("
              + size
              + " bytes as JSON) is larger than "
              + limits.stateBytes()
              + " bytes, so it cannot continue as new; its history has "
              + Workflow.getInfo().getHistoryLength()
              + " events",
          stepId);
    }
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("continuedFrom", Workflow.getInfo().getRunId());
    context.put("generation", checkpoint.generation());
    if (in.state.startedBy() != null) {
      context.put("startedBy", StartContext.toMap(in.state.startedBy()));
    }
    // The inputs travel once, in the checkpoint: the first argument stays empty so the new
    // execution's input is the checkpoint's size, which was checked above.
    Workflow.continueAsNew(
        ContinueAsNewOptions.newBuilder().build(), Map.of(), context, checkpoint);
  }

  /** The interpreter's state now. */
  @SuppressWarnings("unchecked")
  Checkpoint checkpoint() {
    RunState state = in.state;
    List<Checkpoint.StepSnapshot> steps = new ArrayList<>();
    state.records().forEach(r -> steps.add(r.snapshot()));
    return new Checkpoint(
        generation + 1,
        state.startedAt,
        (Map<String, Object>) in.runVariables.get("run"),
        (Map<String, Object>) in.runVariables.get("alert"),
        state.inputs(),
        state.dryRun(),
        state.callDepth(),
        limits,
        steps,
        state.events(),
        in.compensations().snapshot(),
        in.incidents.snapshot(),
        new Checkpoint.SignalSnapshot(
            signals.abortRequested, signals.abortedBy, signals.alertResolved, signals.alertRepeats),
        in.position.frames(),
        in.gate.stopBeforeMutation);
  }

  /** Puts a checkpoint's records, events and inbox back into a new execution's state. */
  static void restore(Checkpoint checkpoint, RunState state, Signals signals) {
    for (Checkpoint.StepSnapshot s : checkpoint.steps()) {
      state.record(s.id(), s.name(), s.type()).restore(s);
    }
    // One event says how many executions the run has had: the latest replaces the one before.
    state.restoreEvents(checkpoint.events(), CONTINUED);
    Checkpoint.SignalSnapshot inbox = checkpoint.signals();
    if (inbox != null) {
      signals.abortRequested = inbox.abortRequested();
      signals.abortedBy = inbox.abortedBy();
      signals.alertResolved = inbox.alertResolved();
      signals.alertRepeats = inbox.alertRepeats();
    }
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("executions", (long) checkpoint.generation() + 1);
    state.event(CONTINUED, ev, Workflow.currentTimeMillis());
  }

  /** The step error a checkpoint's map describes. */
  static StepError error(Map<String, Object> m) {
    if (m == null) {
      return null;
    }
    return new StepError(
        String.valueOf(m.get("type")), String.valueOf(m.get("message")), m.get("details"));
  }

  /** The size of a checkpoint as JSON, as Temporal's converter will write it. */
  static long size(Checkpoint checkpoint) {
    return io.temporal.common.converter.DefaultDataConverter.STANDARD_INSTANCE
        .toPayload(checkpoint)
        .map(p -> (long) p.getSerializedSize())
        .orElse(0L);
  }
}
