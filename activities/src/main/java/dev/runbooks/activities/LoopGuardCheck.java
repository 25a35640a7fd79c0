package dev.runbooks.activities;

import dev.runbooks.language.Durations;
import dev.runbooks.language.steps.ActionKinds;
import dev.runbooks.language.steps.ActionRequest;
import dev.runbooks.language.steps.LoopGuards;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;

/**
 * Enforces a step's {@code loopGuard} before its executor runs, on the same durable ledger as the
 * restart-loop guard (the worker's PostgreSQL, under keys {@code loop:<key>}): an invocation of the
 * step is recorded once (a retried attempt is the same invocation, so it is neither counted twice
 * nor refused by its own record), and an invocation that would be the {@code max + 1}-th on its key
 * within the window fails with {@code LoopGuardTripped} without acting. The key is the guard's
 * rendered {@code key}, else the step kind's target ({@code dlq:juggernaut/dead_letter_queue}),
 * else the runbook and step.
 */
final class LoopGuardCheck {
  private final RestartLedger ledger;

  LoopGuardCheck(RestartLedger ledger) {
    this.ledger = ledger;
  }

  /**
   * Checks and records the invocation.
   *
   * @param request the request, its config without the guard
   * @param guard the step's guard
   * @param ctx the attempt's context (for the invocation's identity)
   * @throws ApplicationFailure of type {@link StepFailures#LOOP_GUARD_TRIPPED} when refused
   */
  void check(ActionRequest request, LoopGuards.Guard guard, StepContext ctx) {
    String key = key(request, guard);
    String effect = ctx.effectKey(request.stepId());
    if (ledger.restartedBy(key, request.workflowId(), effect).isPresent()) {
      return; // this invocation was counted by an earlier attempt
    }
    Duration window;
    try {
      window = Durations.parse(guard.window());
    } catch (IllegalArgumentException e) {
      throw StepFailures.invalidConfig(request.type(), "loopGuard.window", e.getMessage());
    }
    Instant now = Instant.now();
    int before = ledger.restartsSince(key, now.minus(window));
    if (before >= guard.max()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "loop guard: step "
              + request.stepId()
              + " already ran "
              + before
              + " times on "
              + key.substring("loop:".length())
              + " in the last "
              + Durations.format(window)
              + " (loopGuard.max "
              + guard.max()
              + "); not running it again",
          StepFailures.LOOP_GUARD_TRIPPED);
    }
    ledger.recordRestart(key, request.workflowId(), effect, now);
  }

  private static String key(ActionRequest request, LoopGuards.Guard guard) {
    if (guard.key() != null && !guard.key().isBlank()) {
      return "loop:" + guard.key().strip();
    }
    return "loop:"
        + ActionKinds.find(request.type())
            .flatMap(kind -> kind.target(request.config()))
            .map(target -> request.type() + ":" + target)
            .orElse(request.runbook() + "/" + request.stepId());
  }
}
