package dev.runbooks.starter.intake.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.starter.inbox.internal.InboundAlert;
import dev.runbooks.starter.inbox.internal.InboxJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The grouped notifications of Prometheus Alertmanager (webhook payload version 4) and of Grafana
 * unified alerting (version 1, which adds orgId, title, state and message, and per alert
 * silenceURL, dashboardURL, panelURL and values). Both fan out into one alert per {@code alerts[]}
 * element.
 */
final class GroupedPayload {
  private static final List<String> CONTEXT =
      List.of(
          "receiver",
          "status",
          "groupKey",
          "groupLabels",
          "commonLabels",
          "commonAnnotations",
          "externalURL",
          "truncatedAlerts",
          "orgId",
          "title",
          "state",
          "message");
  private static final List<String> GRAFANA_LINKS =
      List.of("silenceURL", "dashboardURL", "panelURL");

  private GroupedPayload() {}

  /** Parses a notification of {@code source} whose {@code version} must be {@code version}. */
  static Notification parse(JsonNode root, String source, String version) {
    if (!root.isObject()) {
      throw WebhookException.invalid("body", "must be a JSON object, not " + JsonFields.kind(root));
    }
    String given = JsonFields.text(root.get("version"), "version");
    if (!version.equals(given)) {
      throw WebhookException.invalid(
          "version",
          given == null
              ? "is required and must be \"" + version + "\""
              : "must be \"" + version + "\", not \"" + given + "\"");
    }
    JsonNode alerts = root.get("alerts");
    if (alerts == null || !alerts.isArray()) {
      throw WebhookException.invalid(
          "alerts",
          alerts == null ? "is required (an array)" : "must be an array, not " + kind(alerts));
    }
    List<InboundAlert> parsed = new ArrayList<>();
    for (int i = 0; i < alerts.size(); i++) {
      parsed.add(alert(alerts.get(i), "alerts[" + i + "]", source));
    }
    Map<String, Object> context = new LinkedHashMap<>();
    for (String field : CONTEXT) {
      JsonNode value = root.get(field);
      if (value != null && !value.isNull()) {
        context.put(field, InboxJson.MAPPER.convertValue(value, Object.class));
      }
    }
    return new Notification(parsed, context);
  }

  private static InboundAlert alert(JsonNode node, String path, String source) {
    if (node == null || !node.isObject()) {
      throw WebhookException.invalid(path, "must be an object, not " + kind(node));
    }
    String status = JsonFields.requiredText(node.get("status"), path + ".status");
    if (!InboundAlert.FIRING.equals(status) && !InboundAlert.RESOLVED.equals(status)) {
      throw WebhookException.invalid(
          path + ".status", "must be \"firing\" or \"resolved\", not \"" + status + "\"");
    }
    JsonNode labelsNode = node.get("labels");
    if (labelsNode == null || labelsNode.isNull()) {
      throw WebhookException.invalid(path + ".labels", "is required (an object of strings)");
    }
    Map<String, String> labels = JsonFields.strings(labelsNode, path + ".labels");
    String name = labels.get("alertname");
    if (name == null || name.isBlank()) {
      throw WebhookException.invalid(
          path + ".labels.alertname", "is required and must be a non-empty string");
    }
    Map<String, String> annotations =
        JsonFields.strings(node.get("annotations"), path + ".annotations");
    for (String link : GRAFANA_LINKS) {
      String value = JsonFields.text(node.get(link), path + "." + link);
      if (value != null && !value.isBlank()) {
        annotations.putIfAbsent(link, value);
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    JsonNode valuesNode = node.get("values");
    if (valuesNode != null && !valuesNode.isNull()) {
      if (!valuesNode.isObject()) {
        throw WebhookException.invalid(
            path + ".values", "must be an object, not " + kind(valuesNode));
      }
      values.putAll(
          InboxJson.MAPPER.convertValue(valuesNode, new TypeReference<Map<String, Object>>() {}));
    }
    return new InboundAlert(
        source,
        name,
        status,
        labels,
        annotations,
        JsonFields.text(node.get("fingerprint"), path + ".fingerprint"),
        null,
        JsonFields.text(node.get("startsAt"), path + ".startsAt"),
        JsonFields.text(node.get("endsAt"), path + ".endsAt"),
        JsonFields.text(node.get("generatorURL"), path + ".generatorURL"),
        values);
  }

  private static String kind(JsonNode node) {
    return node == null ? "null" : JsonFields.kind(node);
  }
}
