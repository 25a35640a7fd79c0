package dev.runbooks.starter.intake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.starter.inbox.internal.InboundAlert;
import dev.runbooks.starter.intake.IntakeProperties.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Any JSON, mapped to alerts by a source's configured field paths. */
final class GenericPayload {
  private GenericPayload() {}

  static Notification parse(JsonNode root, String source, Fields fields) {
    if (!root.isObject() && !root.isArray()) {
      throw WebhookException.invalid("body", "must be a JSON object, not " + JsonFields.kind(root));
    }
    List<InboundAlert> alerts = new ArrayList<>();
    if (fields.alerts() == null || fields.alerts().isBlank()) {
      alerts.add(alert(root, "", source, fields));
    } else {
      JsonNode list = JsonFields.at(root, fields.alerts());
      if (list == null || !list.isArray()) {
        throw WebhookException.invalid(
            fields.alerts(),
            list == null
                ? "is required (an array)"
                : "must be an array, not " + JsonFields.kind(list));
      }
      for (int i = 0; i < list.size(); i++) {
        alerts.add(alert(list.get(i), fields.alerts() + "[" + i + "].", source, fields));
      }
    }
    return new Notification(alerts, Map.of());
  }

  private static InboundAlert alert(JsonNode node, String prefix, String source, Fields f) {
    if (!node.isObject()) {
      throw WebhookException.invalid(
          prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
          "must be an object, not " + JsonFields.kind(node));
    }
    String name = JsonFields.requiredText(JsonFields.at(node, f.name()), prefix + f.name());
    Map<String, String> labels =
        JsonFields.strings(JsonFields.at(node, f.labels()), prefix + f.labels());
    Map<String, String> annotations =
        JsonFields.strings(JsonFields.at(node, f.annotations()), prefix + f.annotations());
    String status = JsonFields.text(JsonFields.at(node, f.status()), prefix + f.status());
    boolean resolved =
        status != null
            && f.resolvedValues().stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).equals(status.toLowerCase(Locale.ROOT)));
    return new InboundAlert(
        source,
        name,
        resolved ? InboundAlert.RESOLVED : InboundAlert.FIRING,
        labels,
        annotations,
        field(node, f.fingerprint(), prefix),
        field(node, f.severity(), prefix),
        field(node, f.startsAt(), prefix),
        field(node, f.endsAt(), prefix),
        field(node, f.generatorUrl(), prefix),
        Map.of());
  }

  private static String field(JsonNode node, String path, String prefix) {
    return JsonFields.text(JsonFields.at(node, path), prefix + path);
  }
}
