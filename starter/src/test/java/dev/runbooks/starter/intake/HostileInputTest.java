package dev.runbooks.starter.intake;

import static dev.runbooks.starter.intake.WebhookIntakeTest.SECRET;
import static dev.runbooks.starter.intake.WebhookIntakeTest.signed;
import static dev.runbooks.starter.intake.WebhookIntakeTest.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.starter.inbox.internal.AlertLimits;
import dev.runbooks.starter.inbox.internal.InboxPurger;
import dev.runbooks.starter.inbox.internal.InboxStore;
import dev.runbooks.starter.testing.TestCredentials;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A corpus of hostile webhook and API input against the real application and a real PostgreSQL
 * (dispatcher off): each answer exactly (status, error, field, message, a correlation id and no
 * internals), and nothing stored where nothing should be.
 */
@SpringBootTest(
    classes = IntakeTestApplication.class,
    properties = {
      "runbook.intake.dispatcher.enabled=false",
      "runbook.intake.allow-unauthenticated=true",
      "runbook.intake.sources.uptime.auth.type=hmac",
      "runbook.intake.sources.uptime.auth.secret=" + WebhookIntakeTest.SECRET,
      "runbook.intake.sources.uptime.fields.alerts=checks",
      "runbook.intake.sources.uptime.fields.labels=tags",
      "runbook.intake.retention=1h",
      "runbook.intake.purge-interval=1h"
    })
@AutoConfigureMockMvc
class HostileInputTest {
  @Autowired MockMvc mvc;
  @Autowired InboxStore inbox;
  @Autowired InboxPurger purger;
  private final ObjectMapper json = new ObjectMapper();

  static String notification(String labels) {
    return "{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"r\",\"alerts\":[{\"status\":"
        + "\"firing\",\"labels\":{\"alertname\":\"DiskFull\","
        + labels
        + "}}]}";
  }

  @Test
  void nulInALabelValueOrKeyIs400NamingTheFieldAndStoresNothing() throws Exception {
    assertInvalid(
        webhook("/webhooks/alertmanager", notification("\"job\":\"a\\u0000b\"")),
        "alerts[0].labels.job",
        "contains a NUL character (\\u0000), which the alert inbox cannot store");
    assertInvalid(
        webhook("/webhooks/alertmanager", notification("\"j\\u0000b\":\"x\"")),
        "alerts[0].labels.j\\u0000b",
        "contains a NUL character (\\u0000), which the alert inbox cannot store");
    assertInvalid(
        webhook(
            "/webhooks/alertmanager",
            notification("\"job\":\"x\"")
                .replace("\"receiver\":\"r\"", "\"receiver\":\"\\u0000\"")),
        "receiver",
        "contains a NUL character (\\u0000), which the alert inbox cannot store");
  }

  @Test
  void otherControlCharactersAreStoredAsTheyCame() throws Exception {
    Map<String, Object> answer =
        call(
            webhook(
                "/webhooks/alertmanager",
                notification("\"job\":\"a\\u0001b\\u001b[31mc\\u007f\\td\"")),
            202);
    Map<String, Object> row = call(get("/api/alerts/" + ((List<?>) answer.get("ids")).get(0)), 200);
    assertThat(map(map(row.get("alert")).get("labels")))
        .containsEntry("job", "a\u0001b\u001b[31mc\u007f\td");
  }

  @Test
  void trailingDataAfterTheJsonIs400() throws Exception {
    String body = notification("\"job\":\"x\"");
    assertInvalid(
        webhook("/webhooks/alertmanager", body + " garbage"),
        "body",
        "has data after the JSON value (at line 1, column "
            + (body.length() + 2)
            + "); send exactly one JSON value");
    assertInvalid(
        webhook("/webhooks/alertmanager", body + body),
        "body",
        "has data after the JSON value (at line 1, column "
            + (body.length() + 1)
            + "); send exactly one JSON value");
  }

  @Test
  void truncatedJsonIs400InPlainWords() throws Exception {
    assertInvalid(
        webhook("/webhooks/alertmanager", "{\"version\":\"4\",\"alerts\":[{"),
        "body",
        "is not valid JSON (at line 1, column 27): Unexpected end-of-input: expected close marker"
            + " for Object");
  }

  @Test
  void duplicateKeysAre400NamingTheKey() throws Exception {
    String body = notification("\"job\":\"a\",\"job\":\"b\"");
    int column = body.indexOf("\"job\":\"b\"") + 6;
    assertInvalid(
        webhook("/webhooks/alertmanager", body),
        "alerts[0].labels.job",
        "is given twice (at line 1, column " + column + "); each key may appear once in an object");
    String top = "{\"version\":\"4\",\"version\":\"4\",\"alerts\":[]}";
    assertInvalid(
        webhook("/webhooks/alertmanager", top),
        "version",
        "is given twice (at line 1, column 25); each key may appear once in an object");
  }

  @Test
  void longValuesAreKeptWholeInTheInboxAndCappedForTemporal() throws Exception {
    String big = "v".repeat(10_240);
    String fingerprint = "f".repeat(10_240);
    String body =
        notification("\"job\":\"" + big + "\"")
            .replace("\"labels\"", "\"fingerprint\":\"" + fingerprint + "\",\"labels\"")
            .replace("}}]}", "},\"annotations\":{\"summary\":\"" + "s".repeat(20_000) + "\"}}]}");
    Map<String, Object> answer = call(webhook("/webhooks/alertmanager", body), 202);
    Map<String, Object> row = call(get("/api/alerts/" + ((List<?>) answer.get("ids")).get(0)), 200);
    Map<String, Object> alert = map(row.get("alert"));
    assertThat(map(alert.get("labels")).get("job")).isEqualTo(big);
    assertThat(alert.get("fingerprint")).isEqualTo(fingerprint);
    assertThat(map(alert.get("annotations")).get("summary").toString()).hasSize(20_000);
    // The indexed column holds the capped fingerprint: same head, hash suffix, 128 characters.
    String column =
        inbox
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT fingerprint FROM alert_inbox WHERE id = :id")
                        .bind("id", ((Number) row.get("id")).longValue())
                        .mapTo(String.class)
                        .one());
    assertThat(column)
        .hasSize(AlertLimits.FINGERPRINT)
        .isEqualTo(
            "f".repeat(AlertLimits.FINGERPRINT - 17)
                + "~"
                + AlertLimits.sha256(fingerprint).substring(0, 16));
  }

  @Test
  void theNotificationContextIsStoredOncePerDelivery() throws Exception {
    StringBuilder alerts = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      alerts
          .append(i == 0 ? "" : ",")
          .append("{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\",\"i\":\"")
          .append(i)
          .append("\"}}");
    }
    String common = "c".repeat(10_000);
    String body =
        "{\"version\":\"4\",\"receiver\":\"r\",\"commonAnnotations\":{\"big\":\""
            + common
            + "\"},\"alerts\":["
            + alerts
            + "]}";
    Map<String, Object> answer = call(webhook("/webhooks/alertmanager", body), 202);
    List<?> ids = (List<?>) answer.get("ids");
    assertThat(ids).hasSize(50);
    long notifications =
        inbox
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT count(DISTINCT notification_id) FROM alert_inbox"
                                + " WHERE id = ANY(:ids) AND context = '{}'::jsonb")
                        .bind(
                            "ids",
                            ids.stream().map(i -> ((Number) i).longValue()).toArray(Long[]::new))
                        .mapTo(Long.class)
                        .one());
    assertThat(notifications).isEqualTo(1);
    Map<String, Object> last = call(get("/api/alerts/" + ids.get(49)), 200);
    assertThat(map(map(last.get("context")).get("commonAnnotations"))).containsEntry("big", common);
  }

  @Test
  void rowsStoredBeforeTheMigrationKeepTheirInlineContext() throws Exception {
    long id =
        inbox
            .jdbi()
            .withHandle(
                h ->
                    h.createUpdate(
                            "INSERT INTO alert_inbox (source, received_at, status, name,"
                                + " fingerprint, alert, context, state, next_attempt_at,"
                                + " updated_at) VALUES ('alertmanager', now(), 'firing', 'Old',"
                                + " 'old', CAST(:alert AS jsonb), '{\"receiver\": \"legacy\"}',"
                                + " 'unmatched', now(), now())")
                        .bind(
                            "alert",
                            "{\"source\":\"alertmanager\",\"name\":\"Old\",\"status\":\"firing\","
                                + "\"labels\":{\"alertname\":\"Old\"},\"fingerprint\":\"old\"}")
                        .executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class)
                        .one());
    Map<String, Object> row = call(get("/api/alerts/" + id), 200);
    assertThat(map(row.get("context"))).containsEntry("receiver", "legacy");
  }

  @Test
  void overflowingTimestampWithAValidSignatureIsRefusedAndNothingStored() throws Exception {
    String body = "{\"checks\":[{\"name\":\"Down\",\"tags\":{}}]}";
    long now = Instant.now().getEpochSecond();
    for (long ts : new long[] {now + Long.MIN_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, -now}) {
      long alerts = inbox.count();
      long deliveries = deliveries();
      Map<String, Object> answer =
          call(signed("/webhooks/generic/uptime", body, "msg-" + ts, ts), 401);
      assertThat(answer)
          .containsEntry("error", "unauthorized")
          .containsEntry("message", "webhook-timestamp is more than 300s away from now");
      assertThat(inbox.count()).isEqualTo(alerts);
      assertThat(deliveries()).isEqualTo(deliveries);
    }
    call(signed("/webhooks/generic/uptime", body, "msg-ok", now), 202);
  }

  @Test
  void overlongOrControlWebhookIdsAre400() throws Exception {
    String body = "{\"checks\":[{\"name\":\"Down\",\"tags\":{}}]}";
    long now = Instant.now().getEpochSecond();
    long before = deliveries();
    assertInvalid(
        signed("/webhooks/generic/uptime", body, "m".repeat(300), now),
        "webhook-id",
        "must be at most 256 characters, without control characters");
    assertThat(deliveries()).isEqualTo(before);
  }

  @Test
  void overlongAndControlWorkflowIdsAre400WithoutInternals() throws Exception {
    String id = "x".repeat(1_500);
    Map<String, Object> answer = call(get("/api/runs/" + id), 400);
    assertThat(answer)
        .containsEntry("error", "invalid workflow id")
        .containsEntry("message", "the workflow id has 1500 characters; at most 1000 are allowed");
    assertThat(
            call(
                post("/api/runs/" + id + "/abort")
                    .contentType("application/json")
                    .content("{\"by\":\"me\"}"),
                400))
        .containsEntry("error", "invalid workflow id");
    assertThat(
            call(
                post("/api/runbooks/cpu-high/runs")
                    .param("workflowId", id)
                    .contentType("application/json")
                    .content("{}"),
                400))
        .containsEntry("message", "the workflow id has 1500 characters; at most 1000 are allowed");
    assertThat(
            call(
                post("/api/runbooks/cpu-high/runs")
                    .param("workflowId", "a\u0001b")
                    .contentType("application/json")
                    .content("{}"),
                400))
        .containsEntry("error", "invalid workflow id")
        .containsEntry("message", "the workflow id contains control characters");
  }

  @Test
  void errorBodiesNeverCarryClassNames() throws Exception {
    // A body Spring cannot read as a map, an unknown run, a wrong method: none names a class.
    for (MockHttpServletRequestBuilder request :
        List.of(
            post("/api/runbooks/cpu-high/runs").contentType("application/json").content("[1,"),
            get("/api/runs/no-such-run"),
            post("/api/runs/x/dance").contentType("application/json").content("{}"),
            webhook("/webhooks/alertmanager", "{\"version\":4e999999999,\"alerts\":[]}"),
            webhook("/webhooks/alertmanager", "{\"version\":\"4\",\"alerts\":[{"))) {
      MvcResult result = mvc.perform(TestCredentials.api(request)).andReturn();
      String text = result.getResponse().getContentAsString();
      assertThat(result.getResponse().getStatus()).as(text).isBetween(400, 599);
      assertThat(text).doesNotContainPattern("(java|jakarta|org|com|io)\\.[a-z]+\\.");
      assertThat(text).doesNotContain("Exception").doesNotContain("\\tat ");
      Map<String, Object> body = json.readValue(text, new TypeReference<>() {});
      assertThat(body.get("correlationId")).isNotNull();
      assertThat(result.getResponse().getHeader("X-Correlation-Id"))
          .isEqualTo(body.get("correlationId"));
    }
  }

  @Test
  void retentionPurgesOldDoneRowsNotificationsAndDeliveryIdsButNotPendingOnes() throws Exception {
    long now = Instant.now().getEpochSecond();
    String body = "{\"checks\":[{\"name\":\"Down\",\"tags\":{}}]}";
    long done = id(call(signed("/webhooks/generic/uptime", body, "old-done", now), 202));
    long pending = id(call(signed("/webhooks/generic/uptime", body, "old-pending", now), 202));
    long fresh = id(call(signed("/webhooks/generic/uptime", body, "fresh", now), 202));
    inbox
        .jdbi()
        .useHandle(
            h -> {
              h.execute(
                  "UPDATE alert_inbox SET state = 'unmatched', received_at = now() - interval"
                      + " '2 hours' WHERE id = ?",
                  done);
              h.execute(
                  "UPDATE alert_inbox SET received_at = now() - interval '2 hours' WHERE id = ?",
                  pending);
              h.execute(
                  "UPDATE alert_notifications SET received_at = now() - interval '2 hours'"
                      + " WHERE delivery_id IN ('old-done', 'old-pending')");
              h.execute(
                  "UPDATE webhook_deliveries SET received_at = now() - interval '2 hours'"
                      + " WHERE delivery_id IN ('old-done', 'old-pending')");
            });
    InboxStore.Purged purged = purger.purge();
    assertThat(purged.alerts()).isGreaterThanOrEqualTo(1);
    assertThat(inbox.find(done)).isEmpty();
    assertThat(inbox.find(pending)).isPresent();
    assertThat(inbox.find(fresh)).isPresent();
    assertThat(count("SELECT count(*) FROM alert_notifications WHERE delivery_id = 'old-done'"))
        .isZero();
    assertThat(count("SELECT count(*) FROM alert_notifications WHERE delivery_id = 'old-pending'"))
        .isEqualTo(1);
    assertThat(
            count(
                "SELECT count(*) FROM webhook_deliveries WHERE delivery_id IN ('old-done',"
                    + " 'old-pending')"))
        .isZero();
    assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE delivery_id = 'fresh'"))
        .isEqualTo(1);
    assertThat(SECRET).startsWith("whsec_");
  }

  private long id(Map<String, Object> answer) {
    return ((Number) ((List<?>) answer.get("ids")).get(0)).longValue();
  }

  private long deliveries() {
    return count("SELECT count(*) FROM webhook_deliveries");
  }

  private long count(String sql) {
    return inbox.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private void assertInvalid(MockHttpServletRequestBuilder request, String field, String message)
      throws Exception {
    long before = inbox.count();
    long notifications = count("SELECT count(*) FROM alert_notifications");
    Map<String, Object> answer = call(request, 400);
    assertThat(answer)
        .containsEntry("error", "invalid payload")
        .containsEntry("field", field)
        .containsEntry("message", message)
        .containsKey("correlationId");
    assertThat(inbox.count()).isEqualTo(before);
    assertThat(count("SELECT count(*) FROM alert_notifications")).isEqualTo(notifications);
  }

  private Map<String, Object> map(Object value) {
    return json.convertValue(value, new TypeReference<Map<String, Object>>() {});
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
