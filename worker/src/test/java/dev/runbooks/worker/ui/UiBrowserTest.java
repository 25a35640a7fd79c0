package dev.runbooks.worker.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.starter.testing.TestCredentials;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web page in real headless Chromium against the live application: Mermaid draws the graph, a
 * person approves a waiting run by clicking Approve, as the logged-in caller (the browser's own
 * form post, Origin header and redirect), alert text stays text, and the screenshots the README
 * shows ({@code docs/img/ui-home.png}, {@code docs/img/ui-run.png}) are taken.
 */
class UiBrowserTest {
  private static final Path IMAGES = Path.of("..", "docs", "img");
  private static UiHarness ui;
  private static Chromium browser;

  @BeforeAll
  static void start() throws Exception {
    ui = UiHarness.get();
    browser = Chromium.start(Path.of("target/ui-browser"), 1280, 900);
    // Signs in through the login form, as a person does; the session cookie stays for the tests.
    browser.open(ui.base() + "/ui/login");
    browser.eval(
        "document.querySelector('input[name=username]').value = 'admin';"
            + "document.querySelector('input[name=password]').value = '"
            + TestCredentials.ADMIN_PASSWORD
            + "';"
            + "document.querySelector('form.login').submit(); true");
    browser.awaitTrue(
        "location.pathname === '/ui' && document.readyState === 'complete'", "signed in");
  }

  @AfterEach
  void abortLeftovers() {
    ui.abortLeftovers();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void drawsTheGraphAndApprovesAWaitingRunWithAClick() throws Exception {
    UiHarness.ThreeRuns runs = ui.startThree();
    String fails = runs.fails();
    String waiting = runs.waiting();
    ui.awaitPage("/ui", body -> body.contains(fails) && body.contains(waiting), "lists the runs");

    browser.open(ui.base() + "/ui");
    assertThat(browser.eval("document.querySelector('#approvals').innerText").asText())
        .contains(waiting)
        .contains("approval: Restart checkout? It answered 200.");
    browser.screenshot(IMAGES.resolve("ui-home.png"));

    browser.open(ui.base() + "/ui/runs/" + waiting);
    browser.awaitTrue("document.body.dataset.mermaid === 'done'", "Mermaid drew the graph");
    JsonNode svg = browser.eval("document.querySelector('pre.mermaid svg').textContent");
    assertThat(svg.asText()).contains("Probe the health endpoint").contains("Restart the service");
    assertThat(browser.eval("document.querySelector('tr#step-ask .badge').innerText").asText())
        .isEqualTo("waiting");
    assertThat(
            browser.eval("document.querySelector('tr#step-probe pre.outputs').innerText").asText())
        .contains("\"status\" : 200");
    browser.screenshotPage(IMAGES.resolve("ui-run.png"), 1100);

    browser.eval(
        "document.querySelector('input.comment').value = 'go ahead';"
            + "document.querySelector('button.approve').click(); true");
    browser.awaitTrue("document.querySelector('.flash') !== null", "redirected back to the run");
    assertThat(browser.eval("document.querySelector('.flash').innerText").asText())
        .isEqualTo("Approved.");

    JsonNode run = ui.awaitClosed(waiting);
    assertThat(run.path("report").path("outcome").asText()).isEqualTo("resolved");
    JsonNode ask = UiFixtures.step(run, "ask");
    assertThat(ask.path("result").path("approver").asText()).isEqualTo("admin");
    assertThat(ask.path("result").path("comment").asText()).isEqualTo("go ahead");
  }

  @Test
  void alertTextIsShownAsTextAndNeverRuns() throws Exception {
    String attack = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>";
    JsonNode accepted =
        ui.postJson(
            "/webhooks/alertmanager",
            UiFixtures.alert("UiCheckoutDown", attack, ui.base() + "/actuator/health"));
    String id = UiFixtures.startedRun(ui, accepted);
    ui.awaitWaiting(id);
    ui.awaitPage("/ui/runs?runbook=ui-restart", body -> body.contains(id), "lists the run");

    for (String page : List.of("/ui", "/ui/runs?runbook=ui-restart", "/ui/runs/" + id)) {
      browser.open(ui.base() + page);
      browser.awaitTrue("document.body.innerText.includes('window.pwned=2')", page + " shows it");
      assertThat(browser.eval("typeof window.pwned").asText()).as(page).isEqualTo("undefined");
      assertThat(browser.eval("document.querySelectorAll('main script, main img').length").asInt())
          .as(page)
          .isZero();
    }
  }
}
