package dev.runbooks.worker.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Headless Chromium signs in to the page through the OIDC provider (the in-process issuer of {@link
 * UiHarness}: its login form, the authorization code with PKCE, back to the page): alice, an
 * approver by her groups claim, approves a waiting run with a click; bob, in no group (a viewer),
 * sees the run but is refused the decision, and the run keeps waiting.
 */
class UiOidcBrowserTest {
  private static UiHarness ui;

  @BeforeAll
  static void start() {
    ui = UiHarness.get();
  }

  @AfterEach
  void abortLeftovers() {
    ui.abortLeftovers();
  }

  @Test
  void anApproverSignsInThroughTheProviderAndApproves() throws Exception {
    String id = ui.startRestart();
    ui.awaitWaiting(id);
    try (Chromium browser = Chromium.start(Path.of("target/ui-oidc-alice"), 1280, 900)) {
      signIn(browser, "alice");
      browser.open(ui.base() + "/ui/runs/" + id);
      assertThat(browser.eval("document.querySelector('.who').innerText").asText())
          .isEqualTo("alice");
      browser.eval("document.querySelector('button.approve').click(); true");
      browser.awaitTrue(
          "!!document.querySelector('p.flash')"
              + " && document.querySelector('p.flash').innerText === 'Approved.'",
          "the run's answer on the run page");
    }
    JsonNode run = ui.awaitClosed(id);
    assertThat(run.path("report").path("outcome").asText()).isEqualTo("resolved");
    assertThat(run.path("report").toString()).contains("\"approver\":\"alice\"");
  }

  @Test
  void aViewerIsRefusedTheDecision() throws Exception {
    String id = ui.startRestart();
    ui.awaitWaiting(id);
    try (Chromium browser = Chromium.start(Path.of("target/ui-oidc-bob"), 1280, 900)) {
      signIn(browser, "bob");
      browser.open(ui.base() + "/ui/runs/" + id);
      assertThat(browser.eval("document.querySelector('.who').innerText").asText())
          .isEqualTo("bob");
      browser.eval("document.querySelector('button.approve').click(); true");
      browser.awaitTrue(
          "location.pathname.endsWith('/approve') && document.readyState === 'complete'",
          "the refusal");
      assertThat(browser.eval("document.body.innerText").asText()).contains("forbidden");
    }
    JsonNode still = ui.awaitWaiting(id);
    assertThat(still.path("executionStatus").asText()).isEqualTo("running");
  }

  /** The provider login: the page's link, the issuer's form, and back to the page. */
  private static void signIn(Chromium browser, String name) {
    browser.open(ui.base() + "/ui/login");
    browser.eval("document.querySelector('a[href=\"/oauth2/authorization/oidc\"]').click(); true");
    browser.awaitTrue(
        "location.href.startsWith('"
            + ui.issuer().issuer()
            + "/login')"
            + " && document.readyState === 'complete'",
        "the issuer's login form");
    browser.eval(
        "document.querySelector('input[name=username]').value = '"
            + name
            + "';"
            + "document.querySelector('input[name=password]').value = '"
            + name
            + "-password';"
            + "document.querySelector('form').submit(); true");
    browser.awaitTrue(
        "location.href.startsWith('" + ui.base() + "/ui') && document.readyState === 'complete'",
        "signed in on the page");
  }
}
