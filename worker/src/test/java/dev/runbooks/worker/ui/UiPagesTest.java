package dev.runbooks.worker.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The web page over HTTP against the live application and the real Temporal dev server: the home
 * page, a runbook's page, the filtered run list, a run's timeline and evidence, escaping of alert
 * text and inputs, and the error pages ({@link UiDecisionsTest} has the decision forms).
 */
class UiPagesTest {
  private final UiHarness ui = UiHarness.get();

  @AfterEach
  void abortLeftovers() {
    ui.abortLeftovers();
  }

  @Test
  void homeListsWaitingApprovalsRecentRunsAndTheCatalog() {
    String waiting = ui.startRestart();
    ui.awaitWaiting(waiting);

    UiHarness.Answer home = ui.awaitPage("/ui", body -> body.contains(waiting), "lists the run");

    assertThat(home.status()).isEqualTo(200);
    assertThat(home.header("Content-Type")).startsWith("text/html");
    assertThat(home.header("Content-Security-Policy")).contains("script-src 'self'");
    String approvals = section(home.body(), "approvals");
    assertThat(approvals)
        .contains("approval: Restart checkout? It answered 200.")
        .contains("href=\"/ui/runs/" + waiting + "#decide\"");
    assertThat(section(home.body(), "recent")).contains(waiting).contains("ui-restart");
    assertThat(section(home.body(), "catalog"))
        .contains("href=\"/ui/runbooks/ui-quick\"", "href=\"/ui/runbooks/ui-restart\"")
        .contains("Restart checkout once a person approves")
        .contains("<th>Effective</th>", "<td class=\"effective\">–</td>")
        .contains("UiCheckoutDown")
        .contains("Files the catalog rejected")
        .contains("ui-broken.yaml")
        .contains(
            "<li>line 8:10: steps[0].log: unknown step &#39;missing&#39; in steps.missing</li>");
    assertThat(ui.get("/ui/").body()).contains("Waiting for a decision");
  }

  @Test
  void runbookPageShowsGraphInputsTriggersAndItsRuns() {
    String quick = ui.start("ui-quick", Map.of("who", "grace"));
    ui.awaitClosed(quick);

    UiHarness.Answer page =
        ui.awaitPage("/ui/runbooks/ui-quick", body -> body.contains(quick), "lists the run");
    assertThat(page.body())
        .contains("Says hello and resolves")
        .contains("<pre class=\"mermaid\">flowchart TD")
        .contains("Say hello")
        .contains("<td class=\"mono\">who</td><td>string</td><td>yes</td>")
        .contains("Started by hand or by a schedule only.")
        .containsPattern("<script src=\"/webjars/mermaid/[0-9.]+/dist/mermaid.min.js\">");
    String script =
        page.body().replaceAll("(?s).*<script src=\"(/webjars/mermaid/[^\"]+)\">.*", "$1");
    UiHarness.Answer mermaid = ui.get(script);
    assertThat(mermaid.status()).isEqualTo(200);
    assertThat(mermaid.header("Content-Type")).contains("javascript");
    assertThat(mermaid.body()).contains("mermaid");

    assertThat(ui.get("/ui/runbooks/ui-restart").body())
        .contains("<span class=\"badge plain\">alertmanager</span> UiCheckoutDown")
        .contains("The health endpoint to probe.")
        .contains("platform-oncall");
  }

  @Test
  void runListFiltersByRunbookOutcomeAndService() {
    UiHarness.ThreeRuns runs = ui.startThree();
    String quick = runs.quick();
    String fails = runs.fails();
    String restart = runs.waiting();

    String byRunbook =
        ui.awaitPage("/ui/runs?runbook=ui-quick", body -> body.contains(quick), "lists it").body();
    assertThat(byRunbook).doesNotContain(fails).doesNotContain(restart);
    assertThat(byRunbook).contains("<option value=\"ui-quick\" selected=\"selected\">");

    String failed =
        ui.awaitPage("/ui/runs?outcome=failed", body -> body.contains(fails), "lists it").body();
    assertThat(failed).doesNotContain(quick).doesNotContain(restart);
    assertThat(failed).contains("<span class=\"badge bad\">failed</span>");

    String billing =
        ui.awaitPage(
                "/ui/runs?service=billing&outcome=resolved",
                body -> body.contains(quick),
                "lists it")
            .body();
    assertThat(billing).doesNotContain(fails).doesNotContain(restart);

    String checkout =
        ui.awaitPage("/ui/runs?service=checkout", body -> body.contains(restart), "lists it")
            .body();
    assertThat(checkout).doesNotContain(quick).doesNotContain(fails);
    assertThat(ui.get("/ui/runs?runbook=ui-quick&outcome=failed").body())
        .contains("No run matches.");
  }

  @Test
  void badFilterValuesAreRefusedAndShownAsText() {
    UiHarness.Answer bad =
        ui.get("/ui/runs?outcome=bogus&service=" + UiHarness.encode("x' OR Outcome='y"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body())
        .contains("outcome must be one of running, resolved, escalated, failed, aborted")
        .contains("not a service name")
        .contains("&#39;x&#39; OR Outcome=&#39;y&#39;");
    assertThat(ui.get("/ui/runs?runbook=Not_A_Name").body()).contains("not a runbook name");
  }

  @Test
  void runPageShowsTheTimelineWithEachStepsEvidence() {
    String quick = ui.start("ui-quick", Map.of("who", "ada"));
    String fails = ui.start("ui-fails", Map.of());
    ui.awaitClosed(quick);
    ui.awaitClosed(fails);

    String page = ui.get("/ui/runs/" + quick).body();
    assertThat(page)
        .contains("<span class=\"badge ok\">resolved</span>")
        .contains("greeted ada")
        .contains("<tr class=\"step\" id=\"step-hello\" data-status=\"succeeded\">")
        .contains("Say hello")
        .contains("&quot;said&quot; : &quot;hello ada\\n&quot;")
        .contains("&quot;argv&quot; : [ &quot;echo&quot;, &quot;hello ada&quot; ]")
        .containsPattern("<td class=\"nowrap\">\\d+(ms|\\.\\ds)</td>")
        .contains("<h2>Inputs</h2>")
        .contains("href=\"" + UiHarness.TEMPORAL_UI + "/namespaces/default/workflows/")
        .contains("href=\"/api/runs/" + quick + "\"")
        .contains("<pre class=\"mermaid\">flowchart TD")
        .contains("style hello stroke:#2e8b57")
        .doesNotContain("data-refresh");

    String failed = ui.get("/ui/runs/" + fails).body();
    assertThat(failed)
        .contains("<span class=\"badge bad\">failed</span>")
        .contains("<tr class=\"step\" id=\"step-check\" data-status=\"failed\">")
        .contains("<div class=\"error\">CommandFailed: &#39;false&#39; exited with 1")
        .contains("style check stroke:#c0392b");
  }

  @Test
  void alertLabelsAndInputsAreEscaped() {
    String attack = "<script>alert(\"x\")</script>";
    String byAlert =
        UiFixtures.startedRun(
            ui,
            ui.postJson(
                "/webhooks/alertmanager",
                UiFixtures.alert("UiCheckoutDown", attack, ui.base() + "/actuator/health")));
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("who", "<img src=x onerror=alert(1)>");
    String byHand = ui.start("ui-quick", inputs);
    ui.awaitWaiting(byAlert);
    ui.awaitClosed(byHand);

    String escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;";
    String home = ui.awaitPage("/ui", body -> body.contains(byAlert), "lists the run").body();
    String list =
        ui.awaitPage("/ui/runs?runbook=ui-restart", b -> b.contains(byAlert), "lists it").body();
    String run = ui.get("/ui/runs/" + byAlert).body();
    for (String page : new String[] {home, list, run}) {
      assertThat(page).contains(escaped).doesNotContain("<script>alert");
    }
    assertThat(run).contains("UiCheckoutDown");
    assertThat(ui.get("/ui/runs/" + byHand).body())
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .doesNotContain("<img");
  }

  @Test
  void unknownRunsRunbooksAndActionsAre404Pages() {
    UiHarness.Answer run = ui.get("/ui/runs/runbook/ui-quick/no-such-run");
    assertThat(run.status()).isEqualTo(404);
    assertThat(run.header("Content-Type")).startsWith("text/html");
    assertThat(run.body()).contains("No such run: &#39;runbook/ui-quick/no-such-run&#39;.");

    UiHarness.Answer runbook = ui.get("/ui/runbooks/no-such-runbook");
    assertThat(runbook.status()).isEqualTo(404);
    assertThat(runbook.body()).contains("No such runbook: &#39;no-such-runbook&#39;.");

    UiHarness.Answer open = ui.get("/ui/run?id=" + UiHarness.encode(" runbook/x/1 "));
    assertThat(open.status()).isEqualTo(303);
    assertThat(open.header("Location")).isEqualTo("/ui/runs/runbook/x/1");
    assertThat(ui.get("/ui/run?id=").status()).isEqualTo(400);
  }

  private static String section(String page, String id) {
    return section(page, id, "<section id=\"" + id + "\"");
  }

  private static String section(String page, String id, String start) {
    int from = page.indexOf(start);
    assertThat(from).as("section " + id).isNotNegative();
    int to = page.indexOf("</section>", from);
    return page.substring(from, to < 0 ? page.length() : to);
  }
}
