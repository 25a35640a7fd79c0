package dev.runbooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.api.DecisionAction;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PinningAndInputsTest {
  private static final String V1 =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: pinned
      inputs:
        retries:
          type: int
          required: true
      steps:
        - id: wait_for_human
          approval:
            prompt: go?
        - id: say
          log: "version one, ${{ inputs.retries }} retries"
      """;

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
  @SuppressWarnings("unchecked")
  void aRunKeepsTheVersionItStartedWith() throws Exception {
    env.publish(V1);
    WorkflowStub first = env.start("pinned", Map.of("retries", 3));
    awaitApproval(first);
    env.publish(V1.replace("version one", "version two"));
    env.decide(first, DecisionAction.APPROVE, Map.of("approver", "alice"));
    Map<String, Object> report = first.getResult(Map.class);
    assertThat(RunbookTestEnv.step(report, "say").get("result").toString())
        .contains("version one, 3 retries");

    WorkflowStub second = env.start("pinned", Map.of("retries", 3));
    awaitApproval(second);
    env.decide(second, DecisionAction.APPROVE, Map.of("approver", "alice"));
    Map<String, Object> report2 = second.getResult(Map.class);
    assertThat(RunbookTestEnv.step(report2, "say").get("result").toString())
        .contains("version two");
    assertThat(report2.get("version")).isNotEqualTo(report.get("version"));
  }

  @Test
  void badInputsFailTheRunAtOnceNamingTheInput() {
    env.publish(V1);
    WorkflowStub run = env.start("pinned", Map.of("retries", "many"));
    assertThatThrownBy(() -> run.getResult(Map.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("InvalidInputs");
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).contains("retries");
            });
    WorkflowStub missing = env.start("pinned", Map.of());
    assertThatThrownBy(() -> missing.getResult(Map.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .hasMessageContaining("input 'retries' is required");
  }

  @Test
  void anUnknownRunbookFailsTheRunAtOnce() {
    WorkflowStub run = env.start("no-such-runbook", Map.of());
    assertThatThrownBy(() -> run.getResult(Map.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo("UnknownRunbook"));
  }

  /** Waits until the run's approval is pending: a decision sent earlier would be ignored. */
  private static void awaitApproval(WorkflowStub run) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (!((List<?>) run.query("status", Map.class).get("waiting")).isEmpty()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the run never waited for approval");
  }
}
