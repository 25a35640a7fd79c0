package dev.runbooks.worker.ui;

import static dev.runbooks.worker.ui.UiFixtures.form;
import static dev.runbooks.worker.ui.UiFixtures.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The decision forms of the web page against the live application: approve and reject decide a
 * waiting approval as the caller and the run goes on; posts from elsewhere, with an unknown action
 * or to a closed run are refused and change nothing.
 */
class UiDecisionsTest {
  private final UiHarness ui = UiHarness.get();

  @AfterEach
  void abortLeftovers() {
    ui.abortLeftovers();
  }

  @Test
  void approveFormDecidesTheWaitingApprovalAndTheRunProceeds() {
    String id = ui.startRestart();
    ui.awaitWaiting(id);
    String page = ui.get("/ui/runs/" + id).body();
    assertThat(page)
        .contains("data-refresh=\"60\"")
        .contains("<form method=\"post\" action=\"/ui/runs/" + id + "/approve\">")
        .contains("formaction=\"/ui/runs/" + id + "/reject\"")
        .contains("<input type=\"hidden\" name=\"step\" value=\"ask\">");

    UiHarness.Answer sent =
        ui.postForm(
            "/ui/runs/" + id + "/approve",
            form("name", "alice", "comment", "looks safe", "step", "ask"),
            "Origin",
            ui.base());

    assertThat(sent.status()).isEqualTo(303);
    assertThat(sent.header("Location")).isEqualTo("/ui/runs/" + id);
    JsonNode run = ui.awaitClosed(id);
    assertThat(run.path("report").path("outcome").asText()).isEqualTo("resolved");
    JsonNode ask = step(run, "ask");
    assertThat(ask.path("result").path("approved").asBoolean()).isTrue();
    // the decider is the caller (the test token's owner), never the form's "name"
    assertThat(ask.path("result").path("approver").asText()).isEqualTo("admin");
    assertThat(ask.path("result").path("comment").asText()).isEqualTo("looks safe");
    String after = ui.get("/ui/runs/" + id).body();
    assertThat(after)
        .contains("<span class=\"badge ok\">resolved</span>")
        .doesNotContain("<form method=\"post\" action=\"/ui/runs/");
    assertThat(section(after, "<h2>Audit trail</h2>")).contains("approval", "admin");
  }

  @Test
  void rejectFormFailsTheRunAndAcceptsTheSameOriginReferer() {
    String id = ui.startRestart();
    ui.awaitWaiting(id);

    UiHarness.Answer sent =
        ui.postForm(
            "/ui/runs/" + id + "/reject",
            form("name", "bob", "comment", "not now"),
            "Referer",
            ui.base() + "/ui/runs/" + id);

    assertThat(sent.status()).isEqualTo(303);
    JsonNode run = ui.awaitClosed(id);
    assertThat(run.path("report").path("outcome").asText()).isEqualTo("failed");
    assertThat(ui.get("/ui/runs/" + id).body())
        .contains("ApprovalRejected")
        .contains("rejected by admin: not now");
  }

  @Test
  void formPostsFromElsewhereOrIncompleteAreRefused() {
    String id = ui.startRestart();
    ui.awaitWaiting(id);
    Map<String, String> fields = form("name", "mallory", "comment", "");
    String path = "/ui/runs/" + id + "/approve";

    // A cross-site page cannot read the form's CSRF token: whatever it claims, it is refused.
    UiHarness.Answer crossSite =
        ui.postFormWithoutCsrf(path, fields, "Origin", "http://evil.example");
    UiHarness.Answer noOrigin = ui.postFormWithoutCsrf(path, fields);
    UiHarness.Answer nullOrigin = ui.postFormWithoutCsrf(path, fields, "Origin", "null");
    UiHarness.Answer sameOrigin = ui.postFormWithoutCsrf(path, fields, "Origin", ui.base());
    UiHarness.Answer forgedToken =
        ui.postFormWithoutCsrf(
            path, form("name", "mallory", "_csrf", "forged"), "Referer", ui.base() + "/ui");

    for (UiHarness.Answer refused :
        new UiHarness.Answer[] {crossSite, noOrigin, nullOrigin, sameOrigin, forgedToken}) {
      assertThat(refused.status()).isEqualTo(403);
    }
    UiHarness.Answer badAction =
        ui.postForm("/ui/runs/" + id + "/launch", form("name", "x"), "Origin", ui.base());
    assertThat(badAction.status()).isEqualTo(404);
    assertThat(badAction.body()).contains("No such action");

    JsonNode still = ui.json("/api/runs/" + id);
    assertThat(still.path("executionStatus").asText()).isEqualTo("running");
    assertThat(still.path("status").path("waiting").get(0).path("step").asText()).isEqualTo("ask");

    ui.postForm(path, form("name", "alice"), "Origin", ui.base());
    ui.awaitClosed(id);
    UiHarness.Answer closed = ui.postForm(path, form("name", "alice"), "Origin", ui.base());
    assertThat(closed.status()).isEqualTo(409);
    assertThat(closed.body()).contains("Run is closed.");
  }

  private static String section(String page, String start) {
    int from = page.indexOf(start);
    assertThat(from).as(start).isNotNegative();
    return page.substring(from);
  }
}
