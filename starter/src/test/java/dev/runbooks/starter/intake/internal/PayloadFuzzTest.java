package dev.runbooks.starter.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.starter.inbox.internal.InboundAlert;
import dev.runbooks.starter.inbox.internal.InboxJson;
import dev.runbooks.starter.intake.IntakeProperties.Fields;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Fuzzes the webhook payload parsers from the raw body on, as {@link WebhookController} runs them:
 * {@link WebhookJson#parse} then {@link GroupedPayload} (Alertmanager v4 and Grafana v1) or {@link
 * GenericPayload} (with the default field paths and with fuzzed ones). The property: a {@link
 * Notification} whose alerts are complete and can be stored as JSON, or a 4xx {@link
 * WebhookException}; never any other exception.
 *
 * <p>Seeds and regression inputs: {@code
 * src/test/resources/dev/runbooks/starter/intake/internal/PayloadFuzzTestInputs/}. A {@code
 * genericPayload} input is one line of field paths ({@code alerts=checks;labels=tags;...}, empty
 * for the defaults), a newline, then the body.
 */
class PayloadFuzzTest {
  /** The defaults of {@code runbook.intake.sources.<name>.fields}. */
  private static final Fields DEFAULT =
      new Fields(
          null,
          "name",
          "labels",
          "annotations",
          "fingerprint",
          "status",
          "severity",
          "startsAt",
          "endsAt",
          "generatorURL",
          List.of("resolved", "ok", "closed", "inactive", "normal"));

  @FuzzTest(maxDuration = "30s")
  void groupedPayload(byte[] body) {
    parses(body, root -> GroupedPayload.parse(root, "alertmanager", "4"));
    parses(body, root -> GroupedPayload.parse(root, "grafana", "1"));
  }

  @FuzzTest(maxDuration = "30s")
  void genericPayload(byte[] input) {
    int newline = indexOf(input, (byte) '\n');
    String spec = newline < 0 ? "" : new String(input, 0, newline, StandardCharsets.UTF_8);
    byte[] body = newline < 0 ? input : Arrays.copyOfRange(input, newline + 1, input.length);
    parses(body, root -> GenericPayload.parse(root, "generic/fuzz", DEFAULT));
    Fields fields = fields(spec);
    parses(body, root -> GenericPayload.parse(root, "generic/fuzz", fields));
  }

  private static void parses(byte[] body, Function<JsonNode, Notification> parser) {
    Notification notification;
    try {
      notification = parser.apply(WebhookJson.parse(body));
    } catch (WebhookException e) {
      assertThat(e.status().is4xxClientError()).as("status of %s", e).isTrue();
      assertThat(e.body()).containsKey("error").containsKey("message");
      return;
    }
    assertThat(notification.alerts()).isNotNull();
    assertThat(notification.context()).isNotNull();
    for (InboundAlert alert : notification.alerts()) {
      assertThat(alert.name()).isNotBlank();
      assertThat(alert.status()).isIn(InboundAlert.FIRING, InboundAlert.RESOLVED);
      assertThat(alert.labels()).containsKey("alertname");
      assertThat(alert.fingerprint()).isNotBlank();
      assertThat(InboxJson.write(alert.labels())).isNotNull();
      assertThat(InboxJson.write(alert.annotations())).isNotNull();
      assertThat(InboxJson.write(alert.values())).isNotNull();
    }
    assertThat(InboxJson.write(notification.context())).isNotNull();
  }

  /** Field paths from {@code key=value;...}; keys left out keep their defaults. */
  private static Fields fields(String spec) {
    Fields d = DEFAULT;
    String alerts = d.alerts();
    String name = d.name();
    String labels = d.labels();
    String annotations = d.annotations();
    String fingerprint = d.fingerprint();
    String status = d.status();
    String severity = d.severity();
    String startsAt = d.startsAt();
    String endsAt = d.endsAt();
    String generatorUrl = d.generatorUrl();
    List<String> resolved = new ArrayList<>(d.resolvedValues());
    for (String pair : spec.split(";")) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String value = pair.substring(eq + 1);
      switch (pair.substring(0, eq).trim()) {
        case "alerts" -> alerts = value;
        case "name" -> name = value;
        case "labels" -> labels = value;
        case "annotations" -> annotations = value;
        case "fingerprint" -> fingerprint = value;
        case "status" -> status = value;
        case "severity" -> severity = value;
        case "startsAt" -> startsAt = value;
        case "endsAt" -> endsAt = value;
        case "generatorURL" -> generatorUrl = value;
        case "resolved" -> resolved = List.of(value.split(","));
        default -> {}
      }
    }
    return new Fields(
        alerts,
        name,
        labels,
        annotations,
        fingerprint,
        status,
        severity,
        startsAt,
        endsAt,
        generatorUrl,
        resolved);
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
