package dev.runbooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.api.DecisionAction;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code ApprovalWaitingSince} search attribute the worker's approval gauges read: set to the
 * oldest pending approval's start while one waits, moved on when that one is decided, unset when
 * none is left, and unset when the run is aborted while waiting.
 */
class ApprovalWaitingTest {
  private static final String TWO_APPROVALS =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata: {name: two-approvals}
      steps:
        - id: both
          parallel:
            branches:
              - steps:
                  - id: first
                    approval: {prompt: "first?", timeout: 2h}
              - steps:
                  - id: later
                    sleep: 10m
                  - id: second
                    approval: {prompt: "second?", timeout: 2h}
        - id: after
          log: both approved
      """;

  private RunbookTestEnv env;

  @BeforeEach
  void setUp() {
    env = new RunbookTestEnv();
    env.publish(TWO_APPROVALS);
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void showsTheOldestPendingApprovalUntilNoneIsLeft() throws Exception {
    WorkflowStub run = env.start("two-approvals", Map.of());
    EscalationTestBase.awaitWaiting(run, w -> "first".equals(w.get("step")));
    Instant first = startedAt(run, "first");
    awaitSince(run, first);

    env.env.sleep(Duration.ofMinutes(11));
    EscalationTestBase.awaitWaiting(run, w -> "second".equals(w.get("step")));
    Instant second = startedAt(run, "second");
    assertThat(second).isAfterOrEqualTo(first.plus(Duration.ofMinutes(10)));
    assertThat(waitingSince(run)).as("the oldest of the two").isEqualTo(first);

    env.decide(run, DecisionAction.APPROVE, Map.of("approver", "alice", "step", "first"));
    awaitSince(run, second);

    env.decide(run, DecisionAction.APPROVE, Map.of("approver", "alice", "step", "second"));
    assertThat(run.getResult(Map.class).get("outcome")).isEqualTo("resolved");
    assertThat(waitingSince(run)).isNull();
  }

  @Test
  void anAbortedRunNoLongerWaits() throws Exception {
    WorkflowStub run = env.start("two-approvals", Map.of());
    EscalationTestBase.awaitWaiting(run, w -> "first".equals(w.get("step")));
    awaitSince(run, startedAt(run, "first"));

    run.signal("abort", Map.of("by", "bob"));
    assertThat(run.getResult(Map.class).get("outcome")).isEqualTo("aborted");
    assertThat(waitingSince(run)).isNull();
  }

  private static Instant waitingSince(WorkflowStub run) {
    OffsetDateTime since =
        run.describe()
            .getTypedSearchAttributes()
            .get(RunbookSearchAttributes.APPROVAL_WAITING_SINCE);
    return since == null ? null : since.toInstant();
  }

  private static void awaitSince(WorkflowStub run, Instant expected) throws InterruptedException {
    for (int i = 0; i < 200 && !expected.equals(waitingSince(run)); i++) {
      Thread.sleep(50);
    }
    assertThat(waitingSince(run)).isEqualTo(expected);
  }

  @SuppressWarnings("unchecked")
  private static Instant startedAt(WorkflowStub run, String step) {
    for (Map<String, Object> s :
        (List<Map<String, Object>>) EscalationTestBase.status(run).get("steps")) {
      if (step.equals(s.get("id"))) {
        return Instant.parse((String) s.get("startedAt"));
      }
    }
    throw new AssertionError("no step " + step);
  }
}
