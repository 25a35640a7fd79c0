package dev.runbooks.starter.rails;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.intake.IntakeTestApplication;
import dev.runbooks.starter.testing.UiSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The guard rails on the page and the alert explanation, on the real application with its
 * PostgreSQL: a runbook disabled through the form shows disabled, its alert's explanation (API and
 * page) names the kill switch, all automation and a freeze put a banner on every page, and every
 * change is audited with the signed-in person.
 */
@SpringBootTest(
    classes = IntakeTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "runbook.intake.dispatcher.enabled=false",
      "runbook.intake.allow-unauthenticated=true",
      "runbook.security.bootstrap.token=" + GuardRailsUiTest.TOKEN
    })
class GuardRailsUiTest {
  static final String TOKEN = "rbk_guardRailsUiTestToken0123456789abcdefghijkl";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired GuardRailService rails;

  private String base() {
    return "http://localhost:" + port;
  }

  @Test
  void aRunbookDisabledThroughTheFormIsDisabledAndItsAlertSaysWhy() throws Exception {
    long alert = sendDiskFull();
    UiSession admin = UiSession.admin(base());
    assertThat(admin.get("/ui/guard-rails").body())
        .contains("<h1>Guard rails</h1>", "id=\"rb-disk-full\"", "automatic starts on");

    HttpResponse<String> sent =
        admin.post(
            "/ui/guard-rails/runbooks/disk-full/disable",
            Map.of("reason", "disk migration", "until", "2h"));
    assertThat(sent.statusCode()).isEqualTo(303);
    assertThat(sent.headers().firstValue("Location")).hasValue("/ui/guard-rails");
    String page = admin.get("/ui/guard-rails").body();
    assertThat(page)
        .contains("Disabled disk-full: its alerts are recorded as disabled.")
        .containsPattern(
            "id=\"rb-disk-full\">.*?badge bad\">disabled</span> by admin: disk migration");
    assertThat(rails.disabled("disk-full"))
        .hasValueSatisfying(s -> assertThat(s.by()).isEqualTo("admin"));

    Map<String, Object> explained = api("/api/alerts/" + alert + "/explain");
    assertThat(explained.get("verdict").toString())
        .contains("disk-full would not start now: kill switch holds");
    assertThat(explained.toString())
        .contains(
            "rail=kill switch, holds=true, detail=runbook disk-full is disabled by admin:"
                + " disk migration")
        .contains("runbook=disk-full, version=")
        .contains("triggerIndex=0, path=triggers[0], matched=true")
        .contains("alertname DiskFull is DiskFull")
        .contains("state=pending");
    assertThat(admin.get("/ui/alerts/" + alert).body())
        .contains("Alert " + alert, "DiskFull")
        .contains("kill switch", "badge bad\">holds", "disabled by admin: disk migration")
        .contains("Triggers considered", "badge ok\">matched");
    assertThat(admin.get("/ui/alerts/999999").statusCode()).isEqualTo(404);

    admin.post("/ui/guard-rails/runbooks/disk-full/enable", Map.of("reason", "done"));
    assertThat(admin.get("/ui/guard-rails").body()).contains("Enabled disk-full again.");
    assertThat(rails.disabled("disk-full")).isEmpty();
    assertThat(api("/api/alerts/" + alert + "/explain").toString())
        .contains("rail=kill switch, holds=false");

    Map<String, Object> audited = api("/api/audit/actions?action=runbook-disable");
    assertThat(audited.toString()).contains("principal=admin", "disk migration");
  }

  @Test
  void allAutomationOffAndAFreezePutABannerOnEveryPage() throws Exception {
    UiSession admin = UiSession.admin(base());
    admin.get("/ui/guard-rails");
    admin.post("/ui/guard-rails/automation/disable", Map.of("reason", "incident 42"));
    assertThat(admin.get("/ui/runs").body())
        .contains("All automatic starts are disabled by admin: incident 42.");
    admin.get("/ui/guard-rails");
    admin.post("/ui/guard-rails/automation/enable", Map.of());
    assertThat(admin.get("/ui").body()).doesNotContain("All automatic starts are disabled");

    admin.get("/ui/guard-rails");
    admin.post(
        "/ui/guard-rails/freezes",
        Map.of("reason", "release week", "until", "1h", "runbooks", "disk-full, cpu-high"));
    String home = admin.get("/ui").body();
    assertThat(home)
        .contains(
            "Change freeze until ",
            ": release week. Auto runbooks (disk-full, cpu-high) run in approve mode.");
    List<GuardRailViews.Freeze> freezes =
        rails.freezes().stream().filter(f -> f.deletedAt() == null).toList();
    assertThat(freezes).hasSize(1);
    assertThat(admin.get("/ui/guard-rails").body())
        .contains("approve (change freeze ")
        .contains(": release week until ");
    admin.post("/ui/guard-rails/freezes/" + freezes.get(0).id() + "/delete", Map.of());
    assertThat(admin.get("/ui").body()).doesNotContain("Change freeze until");

    admin.get("/ui/guard-rails");
    HttpResponse<String> refused =
        admin.post("/ui/guard-rails/runbooks/disk-full/disable", Map.of("reason", " "));
    assertThat(refused.statusCode()).isEqualTo(303);
    assertThat(admin.get("/ui/guard-rails").body())
        .contains("Refused: reason: required (say why automation stops).");
  }

  private long sendDiskFull() throws Exception {
    String body =
        json.writeValueAsString(
            Map.of(
                "receiver", "runbooks",
                "status", "firing",
                "version", "4",
                "groupKey", "{}:{alertname=\"DiskFull\"}",
                "alerts",
                    List.of(
                        Map.of(
                            "status", "firing",
                            "labels", Map.of("alertname", "DiskFull", "instance", "db-1"),
                            "startsAt", "2026-11-24T02:10:00Z",
                            "fingerprint", "fp-explain"))));
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base() + "/webhooks/alertmanager"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    Map<?, ?> read = json.readValue(answer.body(), Map.class);
    return ((Number) ((List<?>) read.get("ids")).get(0)).longValue();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> api(String path) throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Accept", "application/json")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return json.readValue(answer.body(), Map.class);
  }
}
