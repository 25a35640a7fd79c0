package dev.runbooks.workflows.internal;

import dev.runbooks.language.Durations;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import dev.runbooks.workflows.ChangeId;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code timeout} of a composite step ({@code parallel}, {@code foreach}, {@code switch},
 * {@code call}, {@code sleep}, {@code approval}) as an overall deadline: the step's body runs in a
 * cancellation scope of its own while a durable timer runs; when the timer fires first, the body is
 * cancelled (its running activities, child runs, timers and inner steps are cancelled and show as
 * such) and the step fails with {@link #ERROR_TYPE}, which its {@code onFailure} handles like any
 * failure. Action steps, {@code waitUntil} probes and escalation ladder posts keep their {@code
 * timeout} as the timeout of each activity attempt.
 *
 * <p>The timer is a command that runs recorded before this class did not issue, so the deadline
 * sits behind {@link ChangeId#COMPOSITE_TIMEOUTS}, asked only when a composite step with a timeout
 * starts: a history without the marker runs such a step without a deadline, as it did.
 */
final class Deadlines {
  /** The error type of a composite step that did not finish within its timeout. */
  static final String ERROR_TYPE = dev.runbooks.api.ErrorTypes.STEP_TIMEOUT;

  /** How the cancellation reason of a scope cancelled by a deadline begins. */
  static final String REASON = "deadline: ";

  private Deadlines() {}

  /**
   * When the current scope was cancelled by a deadline, waits (in a detached scope) until {@code
   * settled} holds: a fan-out calls it so that its cancelled branches end, and show as cancelled,
   * before the step fails. A run aborted by a person is not held up.
   */
  static void settle(java.util.function.BooleanSupplier settled) {
    String reason = CancellationScope.current().getCancellationReason();
    if (reason != null && reason.startsWith(REASON)) {
      Workflow.newDetachedCancellationScope(() -> Workflow.await(settled::getAsBoolean)).run();
    }
  }

  /** Whether the step's {@code timeout} is an overall deadline that this class enforces. */
  static boolean applies(Step step) {
    StepBody body = step.body();
    return step.timeout() != null
        && (body instanceof StepBody.Parallel
            || body instanceof StepBody.Foreach
            || body instanceof StepBody.Switch
            || body instanceof StepBody.Call
            || body instanceof StepBody.Sleep
            || body instanceof StepBody.Approval);
  }

  /** How the body ended: its value or what it threw. */
  private static final class Outcome {
    boolean done;
    Object value;
    RuntimeException thrown;
  }

  /**
   * Runs the body of a step, within the step's timeout when {@link #applies} and the run's history
   * allows; otherwise simply runs it. The deadline counts from {@code startedAt}, when the step
   * started: in an execution that continued a run as new inside the step, it is what remains.
   *
   * @throws StepFailed with {@link #ERROR_TYPE} when the deadline passed first
   */
  static Object run(Step step, long startedAt, Supplier<Object> body) {
    if (!applies(step) || !ChangeId.COMPOSITE_TIMEOUTS.enabled()) {
      return body.get();
    }
    Duration timeout = step.timeout();
    long elapsed = Math.max(0, Workflow.currentTimeMillis() - startedAt);
    Duration remaining = timeout.minusMillis(elapsed);
    if (remaining.toMillis() < 1) {
      remaining = Duration.ofMillis(1);
    }
    Outcome outcome = new Outcome();
    CancellationScope scope =
        Workflow.newCancellationScope(
            () ->
                Async.procedure(
                    () -> {
                      try {
                        outcome.value = body.get();
                      } catch (RuntimeException e) {
                        outcome.thrown = e;
                      } finally {
                        outcome.done = true;
                      }
                    }));
    scope.run();
    boolean finished = Workflow.await(remaining, () -> outcome.done);
    if (!finished) {
      scope.cancel(REASON + "timeout of step '" + step.id() + "' (" + timeout + ") passed");
      Workflow.await(() -> outcome.done);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("timedOut", true);
      result.put("timeout", timeout.toString());
      result.put("waitedMs", Workflow.currentTimeMillis() - startedAt);
      throw StepFailed.withResult(
          new StepError(
              ERROR_TYPE,
              "step '"
                  + step.id()
                  + "' did not finish within its timeout of "
                  + Durations.format(timeout),
              null),
          result);
    }
    if (outcome.thrown != null) {
      throw outcome.thrown;
    }
    return outcome.value;
  }
}
