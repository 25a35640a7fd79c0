package dev.runbooks.starter.intake;

import static dev.runbooks.starter.intake.WebhookIntakeTest.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.testing.TestCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Replays the notifications the real Alertmanager (Debian {@code prometheus-alertmanager} 0.25)
 * posted in the worker's {@code RealAlertmanagerTest}, byte for byte: {@code
 * intake/alertmanager-captured.json} (firing) and {@code alertmanager-captured-resolved.json}. Both
 * are accepted with the bearer token and parsed field by field, and the fingerprint stored is
 * Alertmanager's own.
 */
@SpringBootTest(
    classes = IntakeTestApplication.class,
    properties = {
      "runbook.intake.dispatcher.enabled=false",
      "runbook.intake.sources.alertmanager.auth.type=bearer",
      "runbook.intake.sources.alertmanager.auth.token=" + CapturedAlertmanagerPayloadTest.TOKEN
    })
@AutoConfigureMockMvc
class CapturedAlertmanagerPayloadTest {
  static final String TOKEN = "real-alertmanager-test-token";
  private static final Path DIR = Path.of("src/test/resources/intake");

  @Autowired MockMvc mvc;
  // The responses are written by Spring MVC (Jackson 3); the tests read them with Jackson 2.
  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

  @Test
  void theCapturedFiringNotificationIsAcceptedAndParsed() throws Exception {
    String body = Files.readString(DIR.resolve("alertmanager-captured.json"));
    JsonNode sent = json.readTree(body).path("alerts").path(0);
    JsonNode row = stored(body);
    assertThat(row.path("source").asText()).isEqualTo("alertmanager");
    assertThat(row.path("status").asText()).isEqualTo("firing");
    assertThat(row.path("name").asText()).isEqualTo("RealAlertmanagerDiskPressure");
    assertThat(row.path("severity").asText()).isEqualTo("warning");
    assertThat(row.path("fingerprint").asText())
        .isEqualTo(sent.path("fingerprint").asText())
        .isEqualTo(alertmanagerFingerprint(sent.path("labels")))
        .isEqualTo("1eb2bc1afbcb9a36");

    JsonNode alert = row.path("alert");
    assertThat(alert.path("labels")).isEqualTo(sent.path("labels"));
    assertThat(alert.path("labels").path("instance").asText()).isEqualTo("db-1:9100");
    assertThat(alert.path("annotations")).isEqualTo(sent.path("annotations"));
    assertThat(alert.path("annotations").path("summary").asText()).contains("93% full");
    assertThat(alert.path("startsAt").asText()).isEqualTo(sent.path("startsAt").asText());
    assertThat(alert.path("generatorURL").asText())
        .isEqualTo(sent.path("generatorURL").asText())
        .startsWith("http://prometheus.example:9090/graph?g0.expr=");

    JsonNode context = row.path("context");
    assertThat(context.path("receiver").asText()).isEqualTo("runbooks");
    assertThat(context.path("groupKey").asText())
        .isEqualTo("{}:{alertname=\"RealAlertmanagerDiskPressure\", instance=\"db-1:9100\"}");
    assertThat(context.path("externalURL").asText()).startsWith("http://127.0.0.1:");
    assertThat(context.path("truncatedAlerts").asInt(-1)).isZero();
  }

  @Test
  void theCapturedResolvedNotificationIsAcceptedWithTheSameFingerprint() throws Exception {
    String body = Files.readString(DIR.resolve("alertmanager-captured-resolved.json"));
    JsonNode sent = json.readTree(body).path("alerts").path(0);
    JsonNode row = stored(body);
    assertThat(row.path("status").asText()).isEqualTo("resolved");
    assertThat(row.path("fingerprint").asText()).isEqualTo("1eb2bc1afbcb9a36");
    assertThat(row.path("alert").path("endsAt").asText())
        .isEqualTo(sent.path("endsAt").asText())
        .isNotEqualTo("0001-01-01T00:00:00Z");
  }

  @Test
  void theCapturedNotificationWithoutTheTokenIsRefusedAndNothingIsStored() throws Exception {
    String body = Files.readString(DIR.resolve("alertmanager-captured.json"));
    int before = call(get("/api/alerts"), 200).path("count").asInt();
    MvcResult refused =
        mvc.perform(TestCredentials.api(webhook("/webhooks/alertmanager", body))).andReturn();
    assertThat(refused.getResponse().getStatus()).isEqualTo(401);
    assertThat(call(get("/api/alerts"), 200).path("count").asInt()).isEqualTo(before);
  }

  /** Posts the body with the token, expects 202 with one id, and answers the stored row. */
  private JsonNode stored(String body) throws Exception {
    JsonNode answer =
        call(
            webhook("/webhooks/alertmanager", body)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN),
            202);
    assertThat(answer.path("status").asText()).isEqualTo("accepted");
    assertThat(answer.path("accepted").asInt()).isEqualTo(1);
    return call(get("/api/alerts/" + answer.path("ids").path(0).asLong()), 200);
  }

  private JsonNode call(MockHttpServletRequestBuilder request, int status) throws Exception {
    MvcResult result = mvc.perform(TestCredentials.api(request)).andReturn();
    String text = result.getResponse().getContentAsString();
    assertThat(result.getResponse().getStatus()).as(text).isEqualTo(status);
    return json.readTree(text);
  }

  /** Alertmanager's fingerprint of a label set, as the intake computes it for alerts without. */
  static String alertmanagerFingerprint(JsonNode labels) {
    Map<String, String> map = new TreeMap<>();
    labels.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    return dev.runbooks.starter.inbox.internal.InboundAlert.fingerprintOf(map);
  }
}
