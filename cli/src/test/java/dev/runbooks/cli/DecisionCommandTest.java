package dev.runbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.cli.ValidateCommandTest.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Approve, reject, acknowledge and abort print what the run answered: the decision taken (exit 0),
 * refused with the reason (exit 3), the API's old "sent" answer, and the other errors as before.
 */
class DecisionCommandTest {
  private static final String TOKEN = "rbk_" + "D".repeat(43);
  private static final String ID = "runbook/gated/a b";
  private static final String RUN = "/api/runs/runbook/gated/a%20b";

  private FakeApi api;

  @BeforeEach
  void start() throws Exception {
    api = new FakeApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void printsAnAcceptedApproval() {
    api.answer(
        "POST " + RUN + "/approve",
        200,
        "{\"workflowId\":\""
            + ID
            + "\",\"action\":\"approve\",\"result\":\"accepted\","
            + "\"step\":\"ask\"}");
    Result approved = api.cli("approve", ID, "--comment", "go", "--token", TOKEN);
    assertThat(approved.code()).as(approved.err()).isZero();
    assertThat(approved.out()).isEqualTo("approved " + ID + " (step ask)\n");
    assertThat(approved.err()).isEmpty();
    FakeApi.Request request = api.only();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(request.header("X-Runbook-Channel")).isEqualTo("cli");
    assertThat(request.body()).contains("\"comment\":\"go\"");
  }

  @Test
  void printsTheReasonOfARefusalAndExitsThree() {
    api.answer(
        "POST " + RUN + "/approve",
        403,
        "{\"error\":\"mallory is not an approver of ask\",\"result\":\"not-allowed\","
            + "\"reason\":\"mallory is not an approver of ask\"}");
    Result refused = api.cli("approve", ID, "--token", TOKEN);
    assertThat(refused.code()).isEqualTo(3);
    assertThat(refused.out()).isEmpty();
    assertThat(refused.err())
        .isEqualTo("not approved: mallory is not an approver of ask (not-allowed)\n");

    api.answer(
        "POST " + RUN + "/reject",
        409,
        "{\"error\":\"nothing waits for an approval\",\"result\":\"not-waiting\"}");
    Result notWaiting = api.cli("reject", ID, "--token", TOKEN);
    assertThat(notWaiting.code()).isEqualTo(3);
    assertThat(notWaiting.err())
        .isEqualTo("not rejected: nothing waits for an approval (not-waiting)\n");

    api.answer(
        "POST " + RUN + "/acknowledge",
        409,
        "{\"result\":\"already-decided\",\"reason\":\"bob acknowledged at 10:02\"}");
    Result decided = api.cli("ack", ID, "--token", TOKEN);
    assertThat(decided.code()).isEqualTo(3);
    assertThat(decided.err())
        .isEqualTo("not acknowledged: bob acknowledged at 10:02 (already-decided)\n");
  }

  @Test
  void acceptedAcknowledgementsAndAborts() {
    api.answer(
        "POST " + RUN + "/acknowledge",
        200,
        "{\"workflowId\":\""
            + ID
            + "\",\"action\":\"acknowledge\",\"result\":\"accepted\","
            + "\"step\":\"page\"}");
    api.answer(
        "POST " + RUN + "/abort",
        200,
        "{\"workflowId\":\"" + ID + "\",\"action\":\"abort\",\"result\":\"accepted\"}");
    Result acked = api.cli("acknowledge", ID, "--comment", "on it", "--token", TOKEN);
    assertThat(acked.code()).as(acked.err()).isZero();
    assertThat(acked.out()).isEqualTo("acknowledged " + ID + " (step page)\n");
    Result aborted = api.cli("abort", ID, "--reason", "wrong host", "--token", TOKEN);
    assertThat(aborted.code()).as(aborted.err()).isZero();
    assertThat(aborted.out()).isEqualTo("aborted " + ID + "\n");
    assertThat(api.requests.get(1).body()).contains("\"reason\":\"wrong host\"");
  }

  @Test
  void theOldDeciderOptionsAreIgnoredWithANote() {
    api.answer(
        "POST " + RUN + "/approve",
        200,
        "{\"workflowId\":\"" + ID + "\",\"action\":\"approve\",\"result\":\"accepted\"}");
    Result approved = api.cli("approve", ID, "--as", "alice", "--token", TOKEN);
    assertThat(approved.code()).isZero();
    assertThat(approved.out()).isEqualTo("approved " + ID + "\n");
    assertThat(approved.err())
        .isEqualTo(
            "note: --as/--approver is ignored: the API records the decision as the user of your"
                + " token\n");
    assertThat(api.cli("approve", ID, "--approver", "alice").code()).isZero();
  }

  @Test
  void anApiFromBeforeDecisionsAnsweredOnlySaysSent() {
    api.answer(
        "POST " + RUN + "/approve",
        200,
        "{\"workflowId\":\"" + ID + "\",\"runId\":\"r1\",\"signal\":\"approve\",\"payload\":{}}");
    Result sent = api.cli("approve", ID, "--as", "alice", "--token", TOKEN);
    assertThat(sent.code()).isZero();
    assertThat(sent.out()).isEqualTo("approve sent to " + ID + " as alice\n");
    assertThat(api.only().body()).contains("\"approver\":\"alice\"");
  }

  @Test
  void aClosedRunAndAMissingRoleKeepTheirExitCodes() {
    api.answer(
        "POST " + RUN + "/abort",
        409,
        "{\"error\":\"run runbook/gated/a b is closed (COMPLETED)\"}");
    Result closed = api.cli("abort", ID, "--token", TOKEN);
    assertThat(closed.code()).isEqualTo(1);
    assertThat(closed.err()).contains("error: run runbook/gated/a b is closed (COMPLETED) (409)");

    api.answer("POST " + RUN + "/approve", 403, "{\"error\":\"Forbidden\",\"status\":403}");
    Result role = api.cli("approve", ID, "--token", TOKEN);
    assertThat(role.code()).isEqualTo(77);
    assertThat(role.err()).contains("error: not allowed: Forbidden (403)");
  }
}
