package dev.runbooks.workflows.internal;

import dev.runbooks.api.ErrorTypes;
import dev.runbooks.api.Outcome;
import dev.runbooks.api.RunPhase;
import dev.runbooks.language.expr.Templates;
import dev.runbooks.language.model.LockSpec;
import dev.runbooks.language.model.OnLocked;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import dev.runbooks.workflows.ChangeId;
import dev.runbooks.workflows.LockActivities;
import dev.runbooks.workflows.RunbookLockWorkflow;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The run's side of resource locks ({@link RunbookLockWorkflow}): a step's {@code lock:} held
 * around the step, a runbook's held from before its first step until the run ends ({@code finally}
 * included), and the lock {@code restart/<target>} every restart step takes implicitly (so the
 * restart ledger's check-then-act is atomic across runbooks). All behind {@link
 * ChangeId#RESOURCE_LOCKS}. Releases run in a detached cancellation scope, so an abort releases
 * too. Request ids are deterministic within a run's chain, so a run that continued as new while
 * holding asks again with the same id and is granted again at once.
 */
final class Locks {
  /** Requests that found their lock held, by result. */
  static final String CONTENDED = "runbook.lock.contended";

  /** The prefix of the lock every restart step takes on its target. */
  static final String RESTART_PREFIX = "restart/";

  /** The onLocked of a run that asked for a lock and did not get it. */
  static final class Skipped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Skipped(String message) {
      super(message, null, false, false);
    }
  }

  /** A lock held: what to release. */
  record Hold(LockBook.Use use, boolean owned) {}

  private final RunState state;
  private final LockActivities activities =
      Workflow.newLocalActivityStub(
          LockActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(10))
              .setScheduleToCloseTimeout(Duration.ofMinutes(5))
              .setRetryOptions(
                  RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(10)).build())
              .build());

  Locks(RunState state) {
    this.state = state;
  }

  /**
   * Runs a step's body holding the locks it names: its {@code lock:} and, for a restart step, the
   * lock on its target. Without them (or in a run recorded before locks) it just runs the body.
   *
   * @throws Skipped when a lock is held and the step says {@code onLocked: skip}
   * @throws StepFailed {@code Locked} or {@code LockTimeout}
   */
  Object around(
      Step step, StepRecord rec, Supplier<Map<String, Object>> vars, Supplier<Object> body) {
    LockSpec own = step.rails().lock();
    boolean restart =
        step.body() instanceof StepBody.Action a
            && "restart".equals(a.type())
            && a.config().get("target") != null;
    if ((own == null && !restart) || !ChangeId.RESOURCE_LOCKS.enabled()) {
      return body.get();
    }
    List<Hold> held = new ArrayList<>();
    try {
      String request = step.id() + "#" + rec.executions();
      if (own != null) {
        held.add(
            acquire(render(own.name(), vars.get()), step.id(), request, own, rec, () -> false));
      }
      if (restart) {
        StepBody.Action action = (StepBody.Action) step.body();
        String target =
            Templates.asText(
                Templates.render(String.valueOf(action.config().get("target")), vars.get()));
        LockSpec implicit = new LockSpec(RESTART_PREFIX + target, OnLocked.WAIT, null);
        held.add(
            acquire(implicit.name(), step.id(), request + "/restart", implicit, rec, () -> false));
      }
      return body.get();
    } finally {
      release(held);
    }
  }

  /**
   * Runs the whole run holding the runbook's {@code lock:}; a run refused ends at once (nothing
   * runs, not even {@code finally}): skipped, failed ({@code Locked}, {@code LockTimeout}) or
   * aborted while it waited.
   */
  void holdingRunLock(
      LockSpec spec,
      Map<String, Object> vars,
      BooleanSupplier aborted,
      Supplier<String> abortMessage,
      Runnable run) {
    if (spec == null || !ChangeId.RESOURCE_LOCKS.enabled()) {
      run.run();
      return;
    }
    Hold hold;
    try {
      hold = acquire(render(spec.name(), vars), null, "run", spec, null, aborted);
    } catch (Skipped skipped) {
      refused(Outcome.SKIPPED, skipped.getMessage());
      return;
    } catch (StepFailed failed) {
      refused(Outcome.FAILED, failed.error.type() + ": " + failed.getMessage());
      return;
    } catch (CanceledFailure canceled) {
      refused(Outcome.ABORTED, abortMessage.get());
      return;
    }
    if (hold == null) {
      refused(Outcome.ABORTED, abortMessage.get());
      return;
    }
    try {
      run.run();
    } finally {
      release(List.of(hold));
    }
  }

  private void refused(Outcome outcome, String message) {
    state.end(outcome, message, null);
    state.phase(RunPhase.DONE);
  }

  private static String render(String template, Map<String, Object> vars) {
    return Templates.asText(Templates.render(template, vars));
  }

  /**
   * Asks for a lock and waits for the answer as {@code spec} says. Returns the hold, or null when
   * {@code stop} became true while waiting (the request is withdrawn).
   */
  private Hold acquire(
      String lock,
      String step,
      String requestId,
      LockSpec spec,
      StepRecord rec,
      BooleanSupplier stop) {
    LockBook book = state.locks;
    if (book.holds(lock)) {
      return new Hold(null, false); // the run holds it already (its runbook's lock, say)
    }
    long now = Workflow.currentTimeMillis();
    LockBook.Use use = book.open(lock, requestId, step, now);
    boolean wait = spec.onLocked() == OnLocked.WAIT;
    try {
      ask(
          use,
          new RunbookLockWorkflow.Request(
              lock,
              state.workflowId,
              Workflow.getInfo().getFirstExecutionRunId(),
              requestId,
              state.runbook,
              step,
              wait,
              Times.iso(now)));
      if (rec != null) {
        rec.waiting();
      }
      boolean done =
          Workflow.await(
              spec.timeout(), () -> use.granted || (!wait && use.busy) || stop.getAsBoolean());
      if (rec != null) {
        rec.running();
      }
      if (use.granted) {
        event("lockAcquired", lock, step, use.holder);
        if (use.busy) {
          contended("acquired");
        }
        return new Hold(use, true);
      }
      withdraw(use);
      if (stop.getAsBoolean()) {
        return null;
      }
      String holder = use.holder == null ? "another run" : use.holder;
      if (!done) {
        event("lockTimeout", lock, step, holder);
        contended("timeout");
        throw StepFailed.action(
            new StepError(
                ErrorTypes.LOCK_TIMEOUT,
                "lock "
                    + lock
                    + " not granted within "
                    + spec.timeout()
                    + " (held by "
                    + holder
                    + ")",
                Map.of("lock", lock, "holder", holder)));
      }
      if (spec.onLocked() == OnLocked.SKIP) {
        event("lockSkipped", lock, step, holder);
        contended("skipped");
        throw new Skipped("onLocked: skip; lock " + lock + " is held by " + holder);
      }
      event("lockRefused", lock, step, holder);
      contended("refused");
      throw StepFailed.action(
          new StepError(
              ErrorTypes.LOCKED,
              "lock " + lock + " is held by " + holder,
              Map.of("lock", lock, "holder", holder)));
    } catch (CanceledFailure canceled) {
      withdraw(use);
      throw canceled;
    }
  }

  /**
   * Asks the lock; a lock that cannot be asked (Temporal unreachable for minutes) fails the step.
   */
  private void ask(LockBook.Use use, RunbookLockWorkflow.Request request) {
    try {
      activities.acquire(request);
    } catch (ActivityFailure failure) {
      state.locks.close(use);
      throw StepFailed.action(
          new StepError(
              ErrorTypes.LOCK_TIMEOUT,
              "lock " + request.lock() + " could not be asked for: " + failure.getMessage(),
              Map.of("lock", request.lock())));
    }
  }

  /** Withdraws a request (releasing a grant that crossed it), even while the run is cancelled. */
  private void withdraw(LockBook.Use use) {
    state.locks.close(use);
    Workflow.newDetachedCancellationScope(
            () ->
                activities.release(
                    use.lock, new RunbookLockWorkflow.Release(state.workflowId, use.requestId)))
        .run();
  }

  /** Releases what was held, last first, even while the run is cancelled. */
  private void release(List<Hold> held) {
    for (int i = held.size() - 1; i >= 0; i--) {
      Hold hold = held.get(i);
      if (hold.owned()) {
        withdraw(hold.use());
        event("lockReleased", hold.use().lock, hold.use().step, null);
      }
    }
  }

  /**
   * Counts a request that found the lock held ({@value #CONTENDED}, Prometheus {@code
   * runbook_lock_contended_total}); tags: runbook, result ({@code acquired} after waiting, {@code
   * timeout}, {@code skipped}, {@code refused}). Replays count nothing, as in {@link RunMetrics}.
   */
  private void contended(String result) {
    Workflow.getMetricsScope()
        .tagged(Map.of("runbook", state.runbook, "result", result))
        .counter(CONTENDED)
        .inc(1);
  }

  private void event(String kind, String lock, String step, String holder) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("lock", lock);
    if (step != null) {
      details.put("step", step);
    }
    if (holder != null) {
      details.put("holder", holder);
    }
    state.event(kind, details, Workflow.currentTimeMillis());
  }
}
