package dev.runbooks.workflows;

import static dev.runbooks.workflows.RunbookTestEnv.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.api.DecisionAction;
import dev.runbooks.api.DecisionAnswer;
import dev.runbooks.api.DecisionAnswer.Result;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Decisions as updates: the answers (accepted, not-waiting, already-decided, not-allowed and why),
 * the approval rules (users and groups, four eyes, quorum, via) and signals alongside.
 */
class DecisionUpdatesTest {
  private static final String RULES =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: %s
      steps:
        - id: gate
          approval:
            prompt: Delete the files?
            timeout: 30m
      %s
        - id: done
          log: "approved by ${{ steps.gate.result.approver }}"
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

  private WorkflowStub start(String name, String rules, Map<String, ?> context) throws Exception {
    String indented = rules.lines().map(l -> "      " + l).reduce("", (a, b) -> a + b + "\n");
    WorkflowStub run =
        env.start(env.publish(RULES.formatted(name, indented.stripTrailing())), Map.of(), context);
    awaitWaiting(run);
    return run;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> status(WorkflowStub run) {
    return run.query(RunbookWorkflow.QUERY_STATUS, Map.class);
  }

  private static void awaitWaiting(WorkflowStub run) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (!((List<?>) status(run).get("waiting")).isEmpty()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run never started waiting: " + status(run));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> waiting(WorkflowStub run) {
    return ((List<Map<String, Object>>) status(run).get("waiting")).get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> result(WorkflowStub run) {
    return (Map<String, Object>) step(run.getResult(Map.class), "gate").get("result");
  }

  private static Map<String, Object> by(String name, String... groups) {
    return Map.of("approver", name, "groups", List.of(groups));
  }

  @Test
  void anAcceptedApprovalAnswersAndRecordsTheVerifiedDecider() throws Exception {
    WorkflowStub run = start("accepted", "approvers: [user:alice]", Map.of());

    assertThat(env.decide(run, DecisionAction.APPROVE, by("alice")))
        .isEqualTo(DecisionAnswer.accepted("gate"));

    Map<String, Object> decision = result(run);
    assertThat(decision)
        .containsEntry("approved", true)
        .containsEntry("approver", "alice")
        .containsEntry("channel", "api")
        .containsEntry("verified", true);
  }

  @Test
  void aDecisionWithNothingWaitingIsRefused() throws Exception {
    WorkflowStub run = start("refusals", "approvers: [alice, bob]", Map.of());

    assertThat(env.decide(run, DecisionAction.ACKNOWLEDGE, Map.of("by", "alice")))
        .isEqualTo(
            new DecisionAnswer(
                Result.NOT_WAITING, "no escalation is waiting for an acknowledgement", null));
    assertThat(env.decide(run, DecisionAction.APPROVE, Map.of("approver", "alice", "step", "x")))
        .isEqualTo(
            new DecisionAnswer(
                Result.NOT_WAITING,
                "step x is not waiting for a decision (pending: [gate])",
                null));
    assertThat(waiting(run)).containsEntry("step", "gate");
  }

  @Test
  void aSecondAbortIsAlreadyDecidedAndADecisionAfterTheApprovalIsNotWaiting() throws Exception {
    String yaml =
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata:
          name: aborts
        steps:
          - id: gate
            approval: {prompt: "go?", approvers: [alice], timeout: 30m}
          - id: nap
            sleep: 1h
        finally:
          - id: linger
            sleep: 1h
        """;
    WorkflowStub run = env.start(env.publish(yaml), Map.of());
    awaitWaiting(run);
    assertThat(env.decide(run, DecisionAction.APPROVE, by("alice")).result())
        .isEqualTo(Result.ACCEPTED);
    awaitWaiting(run);
    assertThat(env.decide(run, DecisionAction.REJECT, by("alice")))
        .isEqualTo(new DecisionAnswer(Result.NOT_WAITING, "no approval is pending", null));

    assertThat(env.decide(run, DecisionAction.ABORT, Map.of("by", "carol", "reason", "wrong host")))
        .isEqualTo(DecisionAnswer.accepted(null));
    assertThat(env.decide(run, DecisionAction.ABORT, Map.of("by", "dave")))
        .isEqualTo(new DecisionAnswer(Result.ALREADY_DECIDED, "already aborting", null));

    env.env.sleep(java.time.Duration.ofHours(2));
    @SuppressWarnings("unchecked")
    Map<String, Object> report = run.getResult(Map.class);
    assertThat(report.get("outcome")).isEqualTo("aborted");
    assertThat(report.get("message")).isEqualTo("aborted by carol: wrong host");
  }

  @Test
  void aUserOutsideTheApproversIsNotAllowedAndAGroupMemberIs() throws Exception {
    WorkflowStub run = start("groups", "approvers: [user:alice, group:sre-leads]", Map.of());

    assertThat(env.decide(run, DecisionAction.APPROVE, by("mallory", "devs")))
        .isEqualTo(
            new DecisionAnswer(
                Result.NOT_ALLOWED,
                "mallory is not an allowed approver [user:alice, group:sre-leads]",
                null));
    assertThat(waiting(run)).containsEntry("step", "gate");
    assertThat(env.decide(run, DecisionAction.APPROVE, by("erin", "devs", "sre-leads")).result())
        .isEqualTo(Result.ACCEPTED);
    assertThat(result(run)).containsEntry("approver", "erin");
  }

  @Test
  void underFourEyesTheStarterCannotApproveButAnotherApproverCan() throws Exception {
    Map<String, Object> context =
        Map.of("startedBy", Map.of("name", "alice", "groups", List.of("sre"), "channel", "api"));
    WorkflowStub run = start("four-eyes", "approvers: [group:sre]\ndistinct: true", context);
    assertThat(waiting(run)).containsEntry("distinct", true).containsEntry("via", "engine");
    assertThat(status(run).get("startedBy"))
        .isEqualTo(Map.of("name", "alice", "groups", List.of("sre"), "channel", "api"));

    assertThat(env.decide(run, DecisionAction.APPROVE, by("alice", "sre")))
        .isEqualTo(
            new DecisionAnswer(
                Result.NOT_ALLOWED,
                "alice started this run and cannot approve it (four eyes: distinct)",
                null));
    assertThat(env.decide(run, DecisionAction.APPROVE, by("bob", "sre")).result())
        .isEqualTo(Result.ACCEPTED);
    @SuppressWarnings("unchecked")
    Map<String, Object> report = run.getResult(Map.class);
    assertThat(report.get("startedBy"))
        .isEqualTo(Map.of("name", "alice", "groups", List.of("sre"), "channel", "api"));
  }

  @Test
  void underViaEngineAnUnsealedDecisionIsNotAllowedAndASignalIsIgnored() throws Exception {
    WorkflowStub run = start("via-engine", "approvers: [alice]", Map.of());

    DecisionAnswer unsealed = env.decideUnsealed(run, DecisionAction.APPROVE, by("alice"));
    assertThat(unsealed.result()).isEqualTo(Result.NOT_ALLOWED);
    assertThat(unsealed.reason()).contains("via: engine", "no valid seal");
    run.signal("approve", Map.of("approver", "alice", "comment", "from temporal"));
    assertThat(env.decide(run, DecisionAction.APPROVE, by("alice")).result())
        .isEqualTo(Result.ACCEPTED);

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events =
        (List<Map<String, Object>>) run.getResult(Map.class).get("events");
    assertThat(events.get(0))
        .containsEntry("approver", "alice")
        .containsEntry("channel", "temporal")
        .containsEntry("verified", false);
    assertThat(events.get(0).get("ignored").toString()).contains("via: engine");
    assertThat(events.get(1)).containsEntry("verified", true).doesNotContainKey("ignored");
  }

  @Test
  void underViaAnyAnUnsealedDecisionCountsAndIsRecordedUnverified() throws Exception {
    WorkflowStub run = start("via-any", "approvers: [alice]\nvia: any", Map.of());

    assertThat(env.decideUnsealed(run, DecisionAction.APPROVE, by("alice")).result())
        .isEqualTo(Result.ACCEPTED);

    assertThat(result(run))
        .containsEntry("approver", "alice")
        .containsEntry("channel", "temporal")
        .containsEntry("verified", false);
  }

  @Test
  void aSignalStillDecidesAnApprovalViaAny() throws Exception {
    WorkflowStub run = start("signal-any", "approvers: [alice]\nvia: any", Map.of());

    run.signal("approve", Map.of("approver", "alice", "comment", "from temporal"));

    assertThat(result(run))
        .containsEntry("approved", true)
        .containsEntry("approver", "alice")
        .containsEntry("channel", "temporal")
        .containsEntry("verified", false);
  }

  @Test
  void aQuorumOfTwoNeedsTwoDistinctApproversAndARejectionRejects() throws Exception {
    WorkflowStub run = start("quorum", "approvers: [alice, bob, carol]\nrequired: 2", Map.of());

    assertThat(env.decide(run, DecisionAction.APPROVE, by("alice")).result())
        .isEqualTo(Result.ACCEPTED);
    assertThat(waiting(run))
        .containsEntry("required", 2)
        .containsEntry("approvals", List.of("alice"));
    assertThat(env.decide(run, DecisionAction.APPROVE, by("alice")))
        .isEqualTo(
            new DecisionAnswer(
                Result.NOT_ALLOWED,
                "alice already approved; 1 more distinct approver is needed",
                null));
    assertThat(env.decide(run, DecisionAction.APPROVE, by("bob")).result())
        .isEqualTo(Result.ACCEPTED);

    assertThat(result(run))
        .containsEntry("approved", true)
        .containsEntry("approver", "alice, bob")
        .containsEntry("approvers", List.of("alice", "bob"));

    WorkflowStub rejected =
        start(
            "quorum-reject", "approvers: [alice, bob]\nrequired: 2\nonReject: continue", Map.of());
    env.decide(rejected, DecisionAction.APPROVE, by("alice"));
    assertThat(env.decide(rejected, DecisionAction.REJECT, by("bob")).result())
        .isEqualTo(Result.ACCEPTED);
    assertThat(result(rejected)).containsEntry("approved", false).containsEntry("approver", "bob");
  }
}
