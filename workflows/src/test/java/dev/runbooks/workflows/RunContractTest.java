package dev.runbooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.api.DecisionAction;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON of the {@code status} query and of the run report, as the Web UI, {@code temporal
 * workflow query}, the starter, the CLI and the recorded histories read it, stays what it was: runs
 * of a few runbooks (an approval and a ladder waiting, a foreach with a failing item and a handler,
 * compensation, an escalated end, a dry run, waitUntil and sleep waiting) are compared with the
 * fixtures in {@code contract/}, timestamps, durations, run ids and ports normalised (see {@link
 * ContractFixtures}). Run with {@code -Dcontract.record=true} to write the fixtures again.
 */
class RunContractTest extends EscalationTestBase {
  private static final String APPROVAL =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata: {name: contract-approval, title: Approval contract}
      inputs:
        cause: {type: string, default: memory}
      steps:
        - id: check
          log: "checking ${{ inputs.cause }}"
          outputs:
            cause: inputs.cause
        - id: gate
          approval:
            prompt: "restart for ${{ inputs.cause }}?"
            approvers: [alice, bob]
            timeout: 2h
        - id: restart
          log: restarting
      """;

  private static final String FOREACH =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata: {name: contract-foreach}
      inputs:
        base: {type: string, required: true}
      steps:
        - id: first
          log: first
          compensate:
            - id: undo_first
              log: undo first
        - id: each
          foreach:
            items: "['200', '503', '200']"
            steps:
              - id: probe
                http: {url: "${{ inputs.base }}/status/${{ item }}"}
                retry: {maxAttempts: 1}
                outputs:
                  at: index
          onFailure:
            - id: explain
              log: "each failed: ${{ error.type }}"
        - id: broken
          http: {url: "${{ inputs.base }}/status/500"}
          retry: {maxAttempts: 1}
        - id: never
          log: never
      finally:
        - id: tidy
          log: tidy
      """;

  private static final String ESCALATED =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata: {name: contract-escalated}
      steps:
        - id: look
          when: "1 > 2"
          log: skipped
        - id: decide
          switch:
            cases:
              - when: "1 < 2"
                steps:
                  - id: give_up
                    fail: {message: "needs a person", outcome: escalated}
      """;

  private static final String DRY_RUN =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata: {name: contract-dry-run}
      inputs:
        base: {type: string, required: true}
      steps:
        - id: restart
          http: {method: POST, url: "${{ inputs.base }}/json/restart"}
        - id: said
          log: done
      """;

  private static final String WAITS =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata: {name: contract-waits}
      inputs:
        base: {type: string, required: true}
      steps:
        - id: both
          parallel:
            branches:
              - name: poll
                steps:
                  - id: until_ready
                    waitUntil:
                      probe:
                        http: {url: "${{ inputs.base }}/flip/3"}
                      condition: result.body.ready
                      interval: 5m
                      deadline: 1h
              - name: nap
                steps:
                  - id: pause
                    sleep: 10m
      """;

  @Test
  void approvalWaitingThenApproved() throws Exception {
    WorkflowStub run = env.start(env.publish(APPROVAL), Map.of());
    awaitWaiting(run, w -> "gate".equals(w.get("step")));
    ContractFixtures.check("approval-status.json", run.query("status", JsonNode.class), http);
    env.decide(run, DecisionAction.APPROVE, Map.of("approver", "alice", "comment", "go"));
    ContractFixtures.check("approval-report.json", run.getResult(JsonNode.class), http);
  }

  @Test
  void ladderWaitingThenAcknowledged() throws Exception {
    WorkflowStub run = env.start(env.publish(LadderTest.LADDER), Map.of());
    awaitWaiting(run, w -> "page".equals(w.get("step")));
    ContractFixtures.check("ladder-status.json", run.query("status", JsonNode.class), http);
    env.env.sleep(Duration.ofMinutes(11));
    awaitWaiting(run, w -> Long.valueOf(2).equals(((Number) w.get("tier")).longValue()));
    ContractFixtures.check("ladder-status-tier2.json", run.query("status", JsonNode.class), http);
    run.signal("acknowledge", Map.of("by", "carol", "comment", "on it"));
    ContractFixtures.check("ladder-report.json", run.getResult(JsonNode.class), http);
  }

  @Test
  void foreachFailureWithHandlerCompensationAndFinally() {
    WorkflowStub run = env.start(env.publish(FOREACH), Map.of("base", http.url()));
    ContractFixtures.check("foreach-failed-report.json", run.getResult(JsonNode.class), http);
  }

  @Test
  void escalatedByAFailStep() {
    WorkflowStub run = env.start(env.publish(ESCALATED), Map.of());
    ContractFixtures.check("escalated-report.json", run.getResult(JsonNode.class), http);
  }

  @Test
  void dryRun() {
    WorkflowStub run =
        env.start(env.publish(DRY_RUN), Map.of("base", http.url()), Map.of("dryRun", true));
    ContractFixtures.check("dry-run-report.json", run.getResult(JsonNode.class), http);
  }

  @Test
  void waitUntilAndSleepWaiting() throws Exception {
    WorkflowStub run = env.start(env.publish(WAITS), Map.of("base", http.url()));
    awaitWaiting(run, w -> "until_ready".equals(w.get("step")));
    awaitWaiting(run, w -> "pause".equals(w.get("step")));
    ContractFixtures.check("waits-status.json", run.query("status", JsonNode.class), http);
    ContractFixtures.check("waits-report.json", run.getResult(JsonNode.class), http);
  }

  @Test
  void abortedWhileWaiting() throws Exception {
    WorkflowStub run = env.start(env.publish(APPROVAL), Map.of("cause", "disk"));
    awaitWaiting(run, w -> "gate".equals(w.get("step")));
    run.signal("abort", Map.of("by", "dave", "reason", "wrong host"));
    JsonNode report = run.getResult(JsonNode.class);
    assertThat(report.path("outcome").asText()).isEqualTo("aborted");
    ContractFixtures.check("aborted-report.json", report, http);
  }

  @Test
  void holdingOneLockAndWaitingForAnother() throws Exception {
    WorkflowStub holder = env.start(env.publish(ReplayTest.LOCK_HOLDER), Map.of());
    WorkflowStub run = env.start(env.publish(ReplayTest.LOCK_WAITER), Map.of());
    JsonNode status = run.query("status", JsonNode.class);
    for (int i = 0; i < 200 && !status.path("locks").path(1).has("holder"); i++) {
      Thread.sleep(50);
      status = run.query("status", JsonNode.class);
    }
    ContractFixtures.check("locks-status.json", status, http);
    assertThat(run.getResult(JsonNode.class).path("outcome").asText()).isEqualTo("resolved");
    assertThat(holder.getResult(JsonNode.class).path("outcome").asText()).isEqualTo("resolved");
  }
}
