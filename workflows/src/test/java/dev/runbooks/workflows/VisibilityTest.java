package dev.runbooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.api.DecisionAction;
import io.temporal.client.WorkflowStub;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VisibilityTest {
  private RunbookTestEnv env;

  @BeforeEach
  void setUp() {
    env = new RunbookTestEnv();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void runsCarrySearchAttributesAndMemoForTheWebUi() throws Exception {
    env.publish(
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata:
          name: jarvis-breaker
          title: JARVIS circuit breaker opened
          severity: warning
          labels: {service: jarvis}
        steps:
          - id: wait_for_human
            approval: {prompt: "reset?"}
          - id: page
            fail: {message: paging, outcome: escalated}
        """);
    Map<String, Object> alert =
        Map.of(
            "name", "JarvisCircuitBreakerOpen",
            "fingerprint", "abc123",
            "severity", "critical",
            "labels", Map.of("service", "jarvis-api", "circuit", "model_generation"),
            "annotations", Map.of("summary", "breaker model_generation open"));
    WorkflowStub run = env.start("jarvis-breaker", Map.of(), Map.of("alert", alert));
    for (int i = 0; i < 200; i++) {
      var attrs = run.describe().getTypedSearchAttributes();
      if ("wait_for_human".equals(attrs.get(RunbookSearchAttributes.CURRENT_STEP))) {
        break;
      }
      Thread.sleep(50);
    }
    var running = run.describe();
    var attrs = running.getTypedSearchAttributes();
    assertThat(attrs.get(RunbookSearchAttributes.RUNBOOK_NAME)).isEqualTo("jarvis-breaker");
    assertThat(attrs.get(RunbookSearchAttributes.RUNBOOK_VERSION)).startsWith("sha256:");
    assertThat(attrs.get(RunbookSearchAttributes.ALERT_NAME)).isEqualTo("JarvisCircuitBreakerOpen");
    assertThat(attrs.get(RunbookSearchAttributes.ALERT_FINGERPRINT)).isEqualTo("abc123");
    assertThat(attrs.get(RunbookSearchAttributes.SERVICE)).isEqualTo("jarvis-api");
    assertThat(attrs.get(RunbookSearchAttributes.SEVERITY)).isEqualTo("critical");
    assertThat(attrs.get(RunbookSearchAttributes.OUTCOME)).isEqualTo("running");
    assertThat(attrs.get(RunbookSearchAttributes.CURRENT_STEP)).isEqualTo("wait_for_human");
    assertThat(running.getMemo("title", String.class)).isEqualTo("JARVIS circuit breaker opened");
    assertThat(running.getMemo("alertSummary", String.class))
        .isEqualTo("breaker model_generation open");

    env.decide(run, DecisionAction.APPROVE, Map.of("approver", "alice"));
    run.getResult(Map.class);
    var done = run.describe().getTypedSearchAttributes();
    assertThat(done.get(RunbookSearchAttributes.OUTCOME)).isEqualTo("escalated");
    assertThat(done.containsKey(RunbookSearchAttributes.CURRENT_STEP)).isFalse();
  }
}
