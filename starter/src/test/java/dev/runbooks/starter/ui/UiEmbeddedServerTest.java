package dev.runbooks.starter.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.starter.testing.ApiTestApplication;
import dev.runbooks.starter.testing.TestCredentials;
import dev.runbooks.starter.testing.UiSession;
import dev.runbooks.starter.ui.internal.UiController;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web page over the in-process Temporal test server, which has no visibility, and without a
 * database: the lists say that runs cannot be listed, a run opened by id still shows its waits and
 * forms, and an escalation ladder is acknowledged from the page.
 */
@SpringBootTest(
    classes = ApiTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "runbook.test.catalog-dir=src/test/resources/runbooks")
class UiEmbeddedServerTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  @LocalServerPort int port;
  private UiSession session;

  @Test
  void listsSayTheServerCannotListRunsAndTheCatalogStillShows() throws Exception {
    String notice = "This Temporal server cannot list runs";

    HttpResponse<String> home = get("/ui");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body())
        .contains(notice)
        .contains("href=\"/ui/runbooks/gated\"", "href=\"/ui/runbooks/laddered\"")
        .contains("broken.yaml")
        .contains("<form method=\"get\" action=\"/ui/run\"");
    assertThat(get("/ui/runs?runbook=greet").body()).contains(notice);
    assertThat(get("/ui/runbooks/greet").body())
        .contains(notice)
        .contains("<pre class=\"mermaid\">flowchart TD");
  }

  @Test
  void acknowledgesAWaitingLadderFromItsRunPage() throws Exception {
    String id = startRun("laddered");
    String page =
        await(
            "/ui/runs/" + id, body -> body.contains("<button type=\"submit\" class=\"approve\">"));
    assertThat(page)
        .contains("acknowledgement of tier 1/2 (oncall): disk full")
        .contains("<form method=\"post\" action=\"/ui/runs/" + id + "/acknowledge\">")
        .contains("Acknowledge")
        .contains("No audit trail: this server has no database.");

    HttpResponse<String> sent =
        session()
            .post(
                "/ui/runs/" + id + "/acknowledge",
                Map.of("name", "mallory", "comment", "on it", "step", "page"));

    assertThat(sent.statusCode()).isEqualTo(303);
    assertThat(sent.headers().firstValue("Location")).hasValue("/ui/runs/" + id);
    assertThat(get("/ui/runs/" + id).body()).contains("<p class=\"flash\">Acknowledged.</p>");
    // the decider is the signed-in user, never the form's "name"
    assertThat(await("/ui/runs/" + id, body -> body.contains("badge ok\">resolved")))
        .contains("taken by admin")
        .doesNotContain("mallory");
  }

  @Test
  void showsTheRunsRefusalOfADecision() throws Exception {
    String id = startRun("four-eyes");
    await("/ui/runs/" + id, body -> body.contains("<button type=\"submit\" class=\"approve\">"));

    HttpResponse<String> sent =
        session()
            .post("/ui/runs/" + id + "/approve", Map.of("comment", "<b>me</b>", "step", "ask"));

    assertThat(sent.statusCode()).isEqualTo(303);
    assertThat(get("/ui/runs/" + id).body())
        .contains(
            "<p class=\"flash\">Refused (not-allowed): admin started this run and cannot"
                + " approve it (four eyes: distinct)</p>")
        .contains("four eyes");
  }

  @Test
  void isLeftOutWhenDisabled() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RunbookUiAutoConfiguration.class))
        .withPropertyValues("runbook.ui.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(UiController.class));
  }

  private String startRun(String runbook) throws Exception {
    HttpResponse<String> started =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/runbooks/" + runbook + "/runs"))
                .header("Content-Type", "application/json")
                .header("Authorization", TestCredentials.BEARER)
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
    return started.body().replaceAll("(?s).*\"workflowId\":\"([^\"]+)\".*", "$1");
  }

  private String await(String path, Predicate<String> condition) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (true) {
      String body = get(path).body();
      if (condition.test(body)) {
        return body;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(path + " never satisfied the condition: " + body);
      }
      Thread.sleep(100);
    }
  }

  private HttpResponse<String> get(String path) {
    return session().get(path);
  }

  private UiSession session() {
    if (session == null) {
      session = UiSession.admin(base());
    }
    return session;
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
