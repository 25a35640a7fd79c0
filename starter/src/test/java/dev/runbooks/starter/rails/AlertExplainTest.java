package dev.runbooks.starter.rails;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.intake.IntakeTestApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code GET /api/alerts/{id}/explain} on the real application with its PostgreSQL and the real
 * dispatcher: an alert over its per-target limit says which limit held and how many starts the
 * window holds; an alert in a maintenance window names the window; an alert no trigger matches says
 * why for each trigger; an unknown alert is a 404.
 */
@SpringBootTest(
    classes = IntakeTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "runbook.test.catalog-dir=src/test/resources/rails/runbooks",
      "runbook.intake.dispatcher.interval=200ms",
      "runbook.intake.allow-unauthenticated=true",
      "runbook.security.bootstrap.token=" + AlertExplainTest.TOKEN
    })
class AlertExplainTest {
  static final String TOKEN = "rbk_alertExplainTestToken0123456789abcdefghijkl";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @LocalServerPort int port;

  @Test
  void anAlertOverItsPerTargetLimitSaysWhichLimitHeld() throws Exception {
    long first = send("FlapTarget", "i-1", "fp-1");
    awaitState(first, "dispatched");
    long second = send("FlapTarget", "i-1", "fp-2");
    awaitState(second, "dispatched");
    long third = send("FlapTarget", "i-1", "fp-3");
    awaitState(third, "limited");

    Map<String, Object> x = call("GET", "/api/alerts/" + third + "/explain", null, 200);
    assertThat(x.get("verdict").toString())
        .isEqualTo("flap-target would not start now: limits holds");
    assertThat(x.toString())
        .contains("recorded={state=limited")
        .contains("rail=limits, holds=true, detail=")
        .contains("target i-1: 2 of 2/1h used")
        .contains("rail=kill switch, holds=false")
        .contains("rail=autonomy, holds=false, detail=mutating steps run auto (as written)");
    Map<String, Object> other = call("GET", "/api/alerts/" + first + "/explain", null, 200);
    assertThat(other.toString()).contains("recorded={state=dispatched");

    assertThat(call("GET", "/api/alerts/424242/explain", null, 404).get("error"))
        .isEqualTo("no such alert: '424242'");
    assertThat(call("GET", "/api/alerts/abc/explain", null, 404)).containsKey("error");
  }

  @Test
  void aMaintenanceWindowAndAnUnmatchedAlertSayWhy() throws Exception {
    call(
        "POST",
        "/api/maintenance-windows",
        "{\"matchers\":[{\"name\":\"instance\",\"value\":\"i-9\",\"isRegex\":false,"
            + "\"isEqual\":true}],\"endsAt\":\""
            + Instant.now().plus(Duration.ofHours(1))
            + "\",\"comment\":\"patching i-9\"}",
        201);
    long held = send("FlapTarget", "i-9", "fp-9");
    awaitState(held, "suppressed");
    Map<String, Object> x = call("GET", "/api/alerts/" + held + "/explain", null, 200);
    assertThat(x.toString())
        .contains("rail=maintenance, holds=true, detail=maintenance window ")
        .contains("(patching i-9)")
        .contains("maintenance=[{id=");

    long nobody = send("NobodyListens", "i-1", "fp-n");
    awaitState(nobody, "unmatched");
    Map<String, Object> none = call("GET", "/api/alerts/" + nobody + "/explain", null, 200);
    assertThat(none.get("verdict")).isEqualTo("no runbook's trigger matches this alert");
    assertThat(none.toString())
        .contains("runbook=flap-target")
        .contains("matched=false")
        .contains("alertname NobodyListens is not FlapTarget");
  }

  @Test
  void aRunbookUrlRoutesAnAlertNoTriggerMatchesAndAnUnknownOneIsIgnoredWithAReason()
      throws Exception {
    long hinted =
        send(
            "FlapTargetRenamed",
            "i-hint",
            "fp-h",
            Map.of("runbook_url", "https://runbooks.example.com/ui/runbooks/flap-target"));
    awaitState(hinted, "dispatched");
    Map<String, Object> x = call("GET", "/api/alerts/" + hinted + "/explain", null, 200);
    assertThat(x.toString())
        .contains("action=started, runbook=flap-target")
        .contains("runbookUrl={url=https://runbooks.example.com/ui/runbooks/flap-target,")
        .contains("runbook=flap-target, used=true, reason=no trigger matches the alert");

    long ghost =
        send(
            "NobodyListens",
            "i-1",
            "fp-g",
            Map.of("runbook_url", "http://localhost:8080/ui/runbooks/ghost"));
    awaitState(ghost, "unmatched");
    Map<String, Object> none = call("GET", "/api/alerts/" + ghost + "/explain", null, 200);
    assertThat(none.get("verdict"))
        .isEqualTo(
            "no runbook's trigger matches this alert; runbook_url ignored: no runbook 'ghost' in"
                + " the catalog");
    assertThat(none.toString()).contains("used=false");
  }

  private long send(String name, String instance, String fingerprint) throws Exception {
    return send(name, instance, fingerprint, Map.of());
  }

  private long send(
      String name, String instance, String fingerprint, Map<String, String> annotations)
      throws Exception {
    String body =
        json.writeValueAsString(
            Map.of(
                "receiver", "runbooks",
                "status", "firing",
                "version", "4",
                "groupKey", "{}:{alertname=\"" + name + "\"}",
                "alerts",
                    List.of(
                        Map.of(
                            "status",
                            "firing",
                            "labels",
                            Map.of("alertname", name, "instance", instance),
                            "annotations",
                            annotations,
                            "startsAt",
                            Instant.now().toString(),
                            "fingerprint",
                            fingerprint))));
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/webhooks/alertmanager"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    return ((Number) ((List<?>) json.readValue(answer.body(), Map.class).get("ids")).get(0))
        .longValue();
  }

  private void awaitState(long id, String state) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    Object now = null;
    while (Instant.now().isBefore(deadline)) {
      now = call("GET", "/api/alerts/" + id, null, 200).get("state");
      if (state.equals(now)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("alert " + id + " is " + now + ", not " + state);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> call(String method, String path, String body, int status)
      throws Exception {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(status);
    return json.readValue(answer.body(), Map.class);
  }
}
