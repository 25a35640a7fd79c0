package dev.runbooks.starter.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.inbox.internal.InboxStore;
import dev.runbooks.starter.testing.TestCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The webhooks against a real PostgreSQL with the dispatcher off: what each source's payload
 * becomes in the inbox, every error with its body and nothing stored, and each authentication mode.
 */
@SpringBootTest(
    classes = IntakeTestApplication.class,
    properties = {
      "runbook.intake.dispatcher.enabled=false",
      "runbook.intake.max-body-size=64KB",
      "runbook.intake.sources.alertmanager.auth.type=bearer",
      "runbook.intake.sources.alertmanager.auth.token=am-secret-token",
      "runbook.intake.sources.grafana.auth.type=basic",
      "runbook.intake.sources.grafana.auth.username=grafana",
      "runbook.intake.sources.grafana.auth.password-file=src/test/resources/intake/grafana-password.txt",
      "runbook.intake.sources.uptime.auth.type=hmac",
      "runbook.intake.sources.uptime.auth.secret=" + WebhookIntakeTest.SECRET,
      "runbook.intake.sources.uptime.fields.alerts=checks",
      "runbook.intake.sources.uptime.fields.labels=tags",
      "runbook.intake.sources.uptime.fields.annotations=meta",
      "runbook.intake.sources.uptime.fields.fingerprint=id",
      "runbook.intake.sources.uptime.fields.status=state",
      "runbook.intake.sources.uptime.fields.severity=level",
      "runbook.intake.sources.uptime.fields.resolved-values=up",
      "runbook.intake.sources.plain.auth.type=none"
    })
@AutoConfigureMockMvc
class WebhookIntakeTest {
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String AM_TOKEN = "Bearer am-secret-token";

  @Autowired MockMvc mvc;
  // The responses are written by Spring MVC (Jackson 3); the tests read them with Jackson 2.
  private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
  @Autowired InboxStore inbox;

  @Test
  void storesAlertmanagerNotificationsOneRowPerAlert() throws Exception {
    Map<String, Object> answer =
        call(
            webhook("/webhooks/alertmanager", fixture("alertmanager-v4.json"))
                .header(HttpHeaders.AUTHORIZATION, AM_TOKEN),
            202);
    assertThat(answer).containsEntry("status", "accepted").containsEntry("accepted", 2);
    List<?> ids = (List<?>) answer.get("ids");
    Map<String, Object> first = call(get("/api/alerts/" + ids.get(0)), 200);
    assertThat(first)
        .containsEntry("source", "alertmanager")
        .containsEntry("status", "firing")
        .containsEntry("name", "DiskFull")
        .containsEntry("fingerprint", "5ad3c6b4c2e7a1f0")
        .containsEntry("severity", "critical")
        .containsEntry("state", "pending");
    Map<String, Object> alert = obj(first.get("alert"));
    assertThat(obj(alert.get("labels"))).containsEntry("instance", "db-1:9100");
    assertThat(alert.get("generatorURL").toString()).startsWith("http://prometheus:9090/graph");
    Map<String, Object> context = obj(first.get("context"));
    assertThat(context)
        .containsEntry("receiver", "runbooks")
        .containsEntry("externalURL", "http://alertmanager:9093")
        .containsEntry("truncatedAlerts", 0);
    assertThat(call(get("/api/alerts/" + ids.get(1)), 200))
        .containsEntry("status", "resolved")
        .containsEntry("fingerprint", "9e1f00d3b7a2c4e8");
  }

  @Test
  void storesGrafanaAlertsWithValuesAndLinks() throws Exception {
    Map<String, Object> answer =
        call(
            webhook("/webhooks/grafana", fixture("grafana-v1.json"))
                .header(HttpHeaders.AUTHORIZATION, basic("grafana", "grafana-pass")),
            202);
    Map<String, Object> row = call(get("/api/alerts/" + ((List<?>) answer.get("ids")).get(0)), 200);
    assertThat(row).containsEntry("name", "CpuHigh").containsEntry("severity", "warning");
    Map<String, Object> alert = obj(row.get("alert"));
    assertThat(obj(alert.get("values"))).containsEntry("A", 93.5);
    assertThat(obj(alert.get("annotations")).get("dashboardURL").toString())
        .contains("/d/node-cpu");
    assertThat(obj(row.get("context")))
        .containsEntry("orgId", 1)
        .containsEntry("state", "alerting");
  }

  @Test
  void mapsGenericPayloadsByConfiguredPathsAndChecksSignatures() throws Exception {
    String body = fixture("generic-uptime.json");
    String id = "msg_" + System.nanoTime();
    Map<String, Object> answer = call(signed("/webhooks/generic/uptime", body, id, now()), 202);
    List<?> ids = (List<?>) answer.get("ids");
    assertThat(ids).hasSize(2);
    Map<String, Object> down = call(get("/api/alerts/" + ids.get(0)), 200);
    assertThat(down)
        .containsEntry("source", "generic/uptime")
        .containsEntry("name", "HomepageDown")
        .containsEntry("status", "firing")
        .containsEntry("fingerprint", "chk-42")
        .containsEntry("severity", "critical");
    assertThat(call(get("/api/alerts/" + ids.get(1)), 200)).containsEntry("status", "resolved");

    long before = inbox.count();
    Map<String, Object> replay = call(signed("/webhooks/generic/uptime", body, id, now()), 200);
    assertThat(replay).containsEntry("status", "duplicate").containsEntry("accepted", 0);
    assertThat(inbox.count()).isEqualTo(before);

    assertRefused(
        signed("/webhooks/generic/uptime", body, "msg-stale", now() - 301), 401, "unauthorized");
    assertRefused(
        signed("/webhooks/generic/uptime", body, "msg-future", now() + 301), 401, "unauthorized");
    assertRefused(
        signed("/webhooks/generic/uptime", body, "msg-tampered", now())
            .content(body.replace("chk-42", "chk-99")),
        401,
        "unauthorized");
    assertRefused(webhook("/webhooks/generic/uptime", body), 401, "unauthorized");
    assertThat(inbox.count()).isEqualTo(before);
  }

  @Test
  void refusesWrongCredentials() throws Exception {
    String am = fixture("alertmanager-v4.json");
    assertRefused(webhook("/webhooks/alertmanager", am), 401, "unauthorized");
    assertRefused(
        webhook("/webhooks/alertmanager", am).header(HttpHeaders.AUTHORIZATION, "Bearer nope"),
        401,
        "unauthorized");
    String grafana = fixture("grafana-v1.json");
    assertRefused(
        webhook("/webhooks/grafana", grafana)
            .header(HttpHeaders.AUTHORIZATION, basic("grafana", "wrong")),
        401,
        "unauthorized");
    MvcResult challenge =
        mvc.perform(TestCredentials.api(webhook("/webhooks/grafana", grafana))).andReturn();
    assertThat(challenge.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
  }

  @Test
  void malformedPayloadsNameTheFieldAndStoreNothing() throws Exception {
    String good = fixture("alertmanager-v4.json");
    assertInvalid(good.replace("\"version\": \"4\"", "\"version\": \"3\""), "version");
    assertInvalid(
        good.replace(
            "\"alertname\": \"DiskFull\",\n        \"instance\": \"db-2:9100\"",
            "\"instance\": \"db-2:9100\""),
        "alerts[1].labels.alertname");
    assertInvalid(
        good.replaceFirst("\"status\": \"resolved\"", "\"status\": \"pending\""),
        "alerts[1].status");
    assertInvalid("{\"version\": \"4\", \"alerts\": {}}", "alerts");
    assertInvalid(
        "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":[\"a\"]}]}",
        "alerts[0].labels");
    assertInvalid(
        "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"X\","
            + "\"nested\":{\"a\":1}}}]}",
        "alerts[0].labels.nested");
    assertInvalid("{\"version\": \"4\", \"alerts\": [", "body");
    assertInvalid("", "body");
  }

  @Test
  void refusesOtherMediaTypesLargeBodiesAndUnknownSources() throws Exception {
    long before = inbox.count();
    assertRefused(
        post("/webhooks/generic/plain").contentType("text/plain").content("{\"name\":\"X\"}"),
        415,
        "unsupported media type");
    assertRefused(post("/webhooks/generic/plain").content("{}"), 415, "unsupported media type");
    String big = "{\"name\":\"Big\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}";
    assertRefused(webhook("/webhooks/generic/plain", big), 413, "payload too large");
    assertRefused(webhook("/webhooks/generic/nowhere", "{\"name\":\"X\"}"), 404, "unknown source");
    assertThat(inbox.count()).isEqualTo(before);

    Map<String, Object> ok =
        call(
            webhook("/webhooks/generic/plain", "{\"name\":\"Plain\",\"labels\":{\"a\":\"b\"}}"),
            202);
    Map<String, Object> row = call(get("/api/alerts/" + ((List<?>) ok.get("ids")).get(0)), 200);
    assertThat(row.get("fingerprint").toString()).hasSize(16);
    assertThat(call(get("/api/alerts?source=generic/plain&status=firing"), 200).get("count"))
        .isEqualTo(1);
    assertThat(call(get("/api/alerts/999999"), 404)).containsKey("error");
    assertThat(call(get("/api/alerts?state=nope"), 400)).containsKey("error");
  }

  private void assertInvalid(String body, String field) throws Exception {
    long before = inbox.count();
    Map<String, Object> error =
        call(
            webhook("/webhooks/alertmanager", body).header(HttpHeaders.AUTHORIZATION, AM_TOKEN),
            400);
    assertThat(error).containsEntry("error", "invalid payload").containsEntry("field", field);
    assertThat(error.get("message").toString()).isNotBlank();
    assertThat(inbox.count()).isEqualTo(before);
  }

  private void assertRefused(MockHttpServletRequestBuilder request, int status, String error)
      throws Exception {
    long before = inbox.count();
    assertThat(call(request, status)).containsEntry("error", error).containsKey("message");
    assertThat(inbox.count()).isEqualTo(before);
  }

  static MockHttpServletRequestBuilder webhook(String path, String body) {
    return post(path).contentType("application/json").content(body);
  }

  static MockHttpServletRequestBuilder signed(String path, String body, String id, long ts)
      throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring(6)), "HmacSHA256"));
    byte[] sig = mac.doFinal((id + "." + ts + "." + body).getBytes(StandardCharsets.UTF_8));
    return webhook(path, body)
        .header("webhook-id", id)
        .header("webhook-timestamp", Long.toString(ts))
        .header("webhook-signature", "v1,bm90IGl0 v1," + Base64.getEncoder().encodeToString(sig));
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static String fixture(String name) throws Exception {
    return Files.readString(Path.of("src/test/resources/intake/payloads", name));
  }

  private Map<String, Object> obj(Object value) {
    return json.convertValue(value, new TypeReference<Map<String, Object>>() {});
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  private Map<String, Object> call(MockHttpServletRequestBuilder request, int status)
      throws Exception {
    MvcResult result = mvc.perform(TestCredentials.api(request)).andReturn();
    String text = result.getResponse().getContentAsString();
    assertThat(result.getResponse().getStatus()).as(text).isEqualTo(status);
    assertThat(result.getResponse().getContentType()).contains("application/json");
    return json.readValue(text, new TypeReference<>() {});
  }
}
