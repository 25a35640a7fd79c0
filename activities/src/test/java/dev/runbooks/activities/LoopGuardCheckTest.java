package dev.runbooks.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runbooks.language.steps.ActionRequest;
import dev.runbooks.language.steps.LoopGuards;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A step's loopGuard counts invocations per key across runs on the worker's ledger. */
class LoopGuardCheckTest {
  private final RestartLedger ledger = StepEnvironment.defaults().ledger();
  private final LoopGuardCheck check = new LoopGuardCheck(ledger);

  private static ActionRequest request(String workflowId, Map<String, Object> guard) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("datasource", "juggernaut");
    config.put("action", "retry");
    config.put(LoopGuards.FIELD, guard);
    return new ActionRequest("drain", workflowId, "retry_dlq", "dlq", config);
  }

  @Test
  void theConfigLosesTheGuardBeforeTheExecutorSeesIt() {
    var split = LoopGuards.split(request("wf-1", Map.of("max", 2, "window", "1h")).config());

    assertThat(split.getKey()).doesNotContainKey(LoopGuards.FIELD).containsKey("datasource");
    assertThat(split.getValue()).contains(new LoopGuards.Guard(2, "1h", null));
  }

  @Test
  void theRunAfterMaxWithinTheWindowIsRefusedAcrossRuns() {
    Map<String, Object> guard = Map.of("max", 2, "window", "1h");
    for (String wf : new String[] {"wf-1", "wf-2"}) {
      var split = LoopGuards.split(request(wf, guard).config());
      check.check(
          request(wf, guard).withConfig(split.getKey()),
          split.getValue().get(),
          StepContext.detached());
    }
    // a retried attempt of an invocation already counted is not refused by its own record
    var again = LoopGuards.split(request("wf-2", guard).config());
    check.check(
        request("wf-2", guard).withConfig(again.getKey()),
        again.getValue().get(),
        StepContext.detached());

    var third = LoopGuards.split(request("wf-3", guard).config());
    ApplicationFailure refused =
        catchThrowableOfType(
            ApplicationFailure.class,
            () ->
                check.check(
                    request("wf-3", guard).withConfig(third.getKey()),
                    third.getValue().get(),
                    StepContext.detached()));

    assertThat(refused.getType()).isEqualTo(StepFailures.LOOP_GUARD_TRIPPED);
    assertThat(refused.isNonRetryable()).isTrue();
    assertThat(refused.getOriginalMessage())
        .isEqualTo(
            "loop guard: step retry_dlq already ran 2 times on dlq:juggernaut/dead_letter_queue in"
                + " the last 1h (loopGuard.max 2); not running it again");
  }

  @Test
  void anExplicitKeyCountsApart() {
    Map<String, Object> guard = Map.of("max", 1, "window", "10m", "key", "queue-a");
    var split = LoopGuards.split(request("wf-1", guard).config());
    check.check(
        request("wf-1", guard).withConfig(split.getKey()),
        split.getValue().get(),
        StepContext.detached());

    assertThat(ledger.restartsSince("loop:queue-a", java.time.Instant.EPOCH)).isEqualTo(1);
    assertThat(
            ledger.restartsSince("loop:dlq:juggernaut/dead_letter_queue", java.time.Instant.EPOCH))
        .isZero();
  }
}
