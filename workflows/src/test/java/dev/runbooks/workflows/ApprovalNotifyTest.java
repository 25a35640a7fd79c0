package dev.runbooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.api.DecisionAction;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An approval with {@code notify} posts the question, the approvers, the deadline and approve and
 * reject links to each route when it starts waiting, without making the decision wait for them.
 */
class ApprovalNotifyTest extends EscalationTestBase {
  static final String GATED =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata: {name: gated-notify}
      inputs:
        route: {type: string, default: chat}
      steps:
        - id: ok_to_purge
          approval:
            prompt: |
              Purge the DLQ of 42 items?
              They failed on invalid credentials.
            approvers: [alice, bob]
            timeout: 30m
            notify: [chat, oncall]
        - id: purge
          log: purged
      """;

  /** Waits until the run's status lists n events of a kind. */
  private static void awaitEvents(WorkflowStub run, String kind, int n)
      throws InterruptedException {
    for (int i = 0; i < 200 && events(status(run), kind).size() < n; i++) {
      Thread.sleep(50);
    }
    assertThat(events(status(run), kind)).as(kind).hasSize(n);
  }

  private void awaitHits(String path, int n) throws InterruptedException {
    for (int i = 0; i < 200 && http.hits(path) < n; i++) {
      Thread.sleep(50);
    }
    assertThat(http.hits(path)).as(path).isEqualTo(n);
  }

  @Test
  @SuppressWarnings("unchecked")
  void eachRouteGetsTheQuestionTheApproversTheDeadlineAndLinks() throws Exception {
    WorkflowStub run = env.start(env.publish(GATED), Map.of());
    Map<String, Object> waiting = awaitWaiting(run, w -> "approval".equals(w.get("kind")));
    assertThat(waiting.get("notified")).isEqualTo(List.of("chat", "oncall"));
    awaitHits("/chat", 1);
    awaitHits("/pd", 1);
    String id = run.getExecution().getWorkflowId();
    String runUrl = API_URL + "/api/runs/" + id;

    String slack = http.received.get("/chat").get(0);
    assertThat(slack)
        .contains("Approval needed: Purge the DLQ of 42 items?")
        .contains("They failed on invalid credentials.")
        .contains("alice", "bob", (String) waiting.get("deadline"))
        .contains(runUrl + "/approve", runUrl + "/reject")
        .contains("bin/runbook approve|reject " + id + " --step ok_to_purge");
    Map<String, Object> page = (Map<String, Object>) http.json("/pd").get(0);
    assertThat(page).containsEntry("dedup_key", id + "/ok_to_purge");
    assertThat((List<Object>) page.get("links"))
        .contains(
            Map.of("href", runUrl + "/approve", "text", "Approve"),
            Map.of("href", runUrl + "/reject", "text", "Reject"));
    Map<String, Object> payload = (Map<String, Object>) page.get("payload");
    assertThat(payload).containsEntry("severity", "info");
    assertThat(payload.get("custom_details").toString())
        .contains("question=Purge the DLQ", "approvers=[alice, bob]", "step=ok_to_purge");

    awaitEvents(run, "approvalNotified", 2);
    env.decide(run, DecisionAction.APPROVE, Map.of("approver", "alice"));
    Map<String, Object> report = run.getResult(Map.class);
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(events(report, "approvalNotified"))
        .extracting(e -> e.get("route") + " " + e.get("status"))
        .containsExactlyInAnyOrder("chat 200", "oncall 200");
    assertThat(pagerDutyEvents("/pd"))
        .containsExactly("trigger " + id + "/ok_to_purge", "resolve " + id + "/ok_to_purge");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRouteThatFailsIsAnEventAndTheDecisionStillCounts() throws Exception {
    http.script("/chat", 400);
    String yaml = GATED.replace("notify: [chat, oncall]", "notify: [chat, pager]");
    WorkflowStub run = env.start(env.publish(yaml), Map.of());
    awaitWaiting(run, w -> "approval".equals(w.get("kind")));
    awaitEvents(run, "approvalNotifyFailed", 2);
    env.decide(run, DecisionAction.REJECT, Map.of("approver", "bob", "comment", "not now"));
    Map<String, Object> report = run.getResult(Map.class);

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("failed");
    assertThat(report.get("message").toString()).contains("rejected by bob: not now");
    List<Map<String, Object>> failed = events(report, "approvalNotifyFailed");
    assertThat(failed).hasSize(2);
    Map<String, Map<String, Object>> byRoute =
        Map.of(
            failed.get(0).get("route").toString(),
            (Map<String, Object>) failed.get(0).get("error"),
            failed.get(1).get("route").toString(),
            (Map<String, Object>) failed.get(1).get("error"));
    assertThat(byRoute.get("chat")).containsEntry("type", "EscalationRejected");
    assertThat(byRoute.get("pager")).containsEntry("type", "InvalidStepConfig");
    assertThat(byRoute.get("pager").get("message").toString())
        .contains("unknown route 'pager'", "[chat, engineering, oncall]");
  }
}
