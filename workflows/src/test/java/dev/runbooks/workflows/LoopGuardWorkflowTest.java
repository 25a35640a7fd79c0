package dev.runbooks.workflows;

import static dev.runbooks.workflows.RunbookTestEnv.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A step's {@code loopGuard} end to end: the compiler carries it in the planned config, the
 * activity takes it out before the real http executor sees the config, and the run after {@code
 * max} within the window fails with {@code LoopGuardTripped} without calling the endpoint.
 */
class LoopGuardWorkflowTest extends EscalationTestBase {
  private static final String FLUSH =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata: {name: flush-cache}
      inputs:
        base: {required: true}
      steps:
        - id: flush
          http: {method: POST, url: "${{ inputs.base }}/status/204"}
          loopGuard: {max: 2, window: 1h, key: "cache-${{ inputs.base }}"}
      """;

  @Test
  void theThirdRunWithinTheWindowIsRefusedWithoutActing() {
    String name = env.publish(FLUSH);
    Map<String, Object> inputs = Map.of("base", http.url());
    for (int i = 0; i < 2; i++) {
      @SuppressWarnings("unchecked")
      Map<String, Object> ok = env.start(name, inputs).getResult(Map.class);
      assertThat(ok.get("outcome")).as("run %s: %s", i, ok).isEqualTo("resolved");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> third = env.start(name, inputs).getResult(Map.class);

    assertThat(third.get("outcome")).isEqualTo("failed");
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) step(third, "flush").get("error");
    assertThat(error).containsEntry("type", "LoopGuardTripped");
    assertThat(String.valueOf(error.get("message")))
        .startsWith("loop guard: step flush already ran 2 times on cache-" + http.url());
    assertThat(http.hits("/status/204")).isEqualTo(2);
  }
}
