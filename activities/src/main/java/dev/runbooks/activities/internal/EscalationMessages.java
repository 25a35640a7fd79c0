package dev.runbooks.activities.internal;

import dev.runbooks.language.expr.Json;
import dev.runbooks.language.steps.ActionRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bodies the {@code escalate} step posts: PagerDuty Events API v2, a Slack incoming webhook
 * message ({@code text} and Block Kit {@code blocks}), a Microsoft Teams workflow webhook message
 * (an Adaptive Card attachment) and a generic webhook's plain JSON.
 *
 * <p>Details that are the runbook's {@code steps} (each a {@code {status, outputs, result, error}}
 * view) are cut down to what a person needs: each step's status, outputs, error and the {@code
 * evidence} its result carries, never whole results.
 */
final class EscalationMessages {
  static final int PAGERDUTY_SUMMARY_MAX = 1024;
  private static final int SLACK_HEADER_MAX = 150;
  private static final int TEXT_MAX = 2900;
  private static final int VALUE_MAX = 400;

  private EscalationMessages() {}

  /** The body for the config's route. */
  static Map<String, Object> body(EscalateConfig c, ActionRequest r, String routingKey) {
    return switch (c.route()) {
      case "pagerduty" -> pagerDuty(c, r, routingKey);
      case "slack" -> slack(c, r);
      case "teams" -> teams(c, r);
      default -> webhook(c, r);
    };
  }

  static Map<String, Object> pagerDuty(EscalateConfig c, ActionRequest r, String routingKey) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("routing_key", routingKey);
    event.put("event_action", c.action());
    event.put("dedup_key", c.dedupKey());
    if (c.action().equals("trigger")) {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("summary", cut(c.summary(), PAGERDUTY_SUMMARY_MAX));
      payload.put("source", c.source());
      payload.put("severity", c.severity());
      payload.put("component", r.runbook());
      payload.put("custom_details", customDetails(c, r));
      event.put("payload", payload);
      event.put("client", "runbook engine");
      if (!c.links().isEmpty()) {
        event.put("links", c.links());
      }
    }
    return event;
  }

  static Map<String, Object> slack(EscalateConfig c, ActionRequest r) {
    List<Object> blocks = new ArrayList<>();
    blocks.add(Map.of("type", "header", "text", plain(cut(c.summary(), SLACK_HEADER_MAX))));
    blocks.add(
        Map.of(
            "type",
            "section",
            "fields",
            List.of(
                mrkdwn("*Severity*\n" + c.severity()),
                mrkdwn("*Runbook*\n" + r.runbook()),
                mrkdwn("*Run*\n" + r.workflowId()),
                mrkdwn("*Step*\n" + r.stepId()))));
    String digest = digest(c.details(), r.stepId());
    if (!digest.isEmpty()) {
      blocks.add(Map.of("type", "section", "text", mrkdwn(cut(digest, TEXT_MAX))));
    }
    if (!c.links().isEmpty()) {
      StringBuilder text = new StringBuilder();
      c.links()
          .forEach(
              l ->
                  text.append("<")
                      .append(l.get("href"))
                      .append("|")
                      .append(l.get("text"))
                      .append(">  "));
      blocks.add(Map.of("type", "section", "text", mrkdwn(text.toString().strip())));
    }
    blocks.add(
        Map.of("type", "context", "elements", List.of(mrkdwn("dedup key: " + c.dedupKey()))));
    Map<String, Object> message = new LinkedHashMap<>();
    message.put(
        "text", "[" + c.severity().toUpperCase(Locale.ROOT) + "] " + cut(c.summary(), TEXT_MAX));
    message.put("blocks", blocks);
    return message;
  }

  static Map<String, Object> teams(EscalateConfig c, ActionRequest r) {
    List<Object> body = new ArrayList<>();
    body.add(
        Map.of(
            "type", "TextBlock",
            "text", cut(c.summary(), TEXT_MAX),
            "weight", "Bolder",
            "size", "Medium",
            "wrap", true));
    body.add(
        Map.of(
            "type",
            "FactSet",
            "facts",
            List.of(
                fact("Severity", c.severity()),
                fact("Runbook", r.runbook()),
                fact("Run", r.workflowId()),
                fact("Step", r.stepId()),
                fact("Dedup key", c.dedupKey()))));
    String digest = digest(c.details(), r.stepId());
    if (!digest.isEmpty()) {
      body.add(Map.of("type", "TextBlock", "text", cut(digest, TEXT_MAX), "wrap", true));
    }
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    card.put("body", body);
    if (!c.links().isEmpty()) {
      List<Object> actions = new ArrayList<>();
      c.links()
          .forEach(
              l ->
                  actions.add(
                      Map.of(
                          "type", "Action.OpenUrl", "title", l.get("text"), "url", l.get("href"))));
      card.put("actions", actions);
    }
    Map<String, Object> attachment = new LinkedHashMap<>();
    attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.put("contentUrl", null);
    attachment.put("content", card);
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", "message");
    message.put("attachments", List.of(attachment));
    return message;
  }

  static Map<String, Object> webhook(EscalateConfig c, ActionRequest r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("summary", c.summary());
    m.put("severity", c.severity());
    m.put("dedupKey", c.dedupKey());
    m.put("runbook", r.runbook());
    m.put("workflowId", r.workflowId());
    m.put("step", r.stepId());
    m.put("details", compactDetails(c.details(), r.stepId()));
    m.put("links", c.links());
    return m;
  }

  private static Map<String, Object> customDetails(EscalateConfig c, ActionRequest r) {
    Map<String, Object> details = new LinkedHashMap<>(compactDetails(c.details(), r.stepId()));
    details.putIfAbsent("runbook", r.runbook());
    details.putIfAbsent("workflowId", r.workflowId());
    details.putIfAbsent("step", r.stepId());
    return details;
  }

  /**
   * The details with step views cut down to status, outputs, error and evidence; the escalating
   * step itself (still running) is left out.
   */
  static Map<String, Object> compactDetails(Map<String, Object> details, String self) {
    Map<String, Object> out = new LinkedHashMap<>();
    details.forEach((k, v) -> out.put(k, isStepViews(v) ? compactSteps((Map<?, ?>) v, self) : v));
    return out;
  }

  private static boolean isStepViews(Object value) {
    return value instanceof Map<?, ?> m
        && !m.isEmpty()
        && m.values().stream()
            .allMatch(
                v ->
                    v instanceof Map<?, ?> s
                        && s.containsKey("status")
                        && s.containsKey("outputs"));
  }

  private static Map<String, Object> compactSteps(Map<?, ?> steps, String self) {
    Map<String, Object> out = new LinkedHashMap<>();
    steps.forEach(
        (id, view) -> {
          if (String.valueOf(id).equals(self)) {
            return;
          }
          Map<?, ?> s = (Map<?, ?>) view;
          Map<String, Object> step = new LinkedHashMap<>();
          step.put("status", s.get("status"));
          if (s.get("outputs") instanceof Map<?, ?> o && !o.isEmpty()) {
            step.put("outputs", o);
          }
          if (s.get("error") != null) {
            step.put("error", s.get("error"));
          }
          if (s.get("result") instanceof Map<?, ?> result && result.get("evidence") != null) {
            step.put("evidence", result.get("evidence"));
          }
          out.put(String.valueOf(id), step);
        });
    return out;
  }

  /** The details as text lines for chat messages: one line per detail, one per step. */
  static String digest(Map<String, Object> details, String self) {
    StringBuilder text = new StringBuilder();
    compactDetails(details, self)
        .forEach(
            (key, value) -> {
              if (isCompactSteps(value)) {
                text.append("*").append(key).append("*\n");
                ((Map<?, ?>) value)
                    .forEach(
                        (id, step) -> {
                          Map<?, ?> s = (Map<?, ?>) step;
                          text.append("• ").append(id).append(": ").append(s.get("status"));
                          for (String part : List.of("outputs", "error", "evidence")) {
                            if (s.get(part) != null) {
                              text.append(" ")
                                  .append(part)
                                  .append(" ")
                                  .append(cut(Json.write(s.get(part)), VALUE_MAX));
                            }
                          }
                          text.append('\n');
                        });
              } else {
                String shown = value instanceof String s ? s : Json.write(value);
                text.append("*")
                    .append(key)
                    .append("*: ")
                    .append(cut(shown, VALUE_MAX))
                    .append('\n');
              }
            });
    return text.toString().strip();
  }

  private static boolean isCompactSteps(Object value) {
    return value instanceof Map<?, ?> m
        && !m.isEmpty()
        && m.values().stream().allMatch(v -> v instanceof Map<?, ?> s && s.containsKey("status"));
  }

  private static Map<String, Object> plain(String text) {
    return Map.of("type", "plain_text", "text", text);
  }

  private static Map<String, Object> mrkdwn(String text) {
    return Map.of("type", "mrkdwn", "text", text);
  }

  private static Map<String, Object> fact(String title, String value) {
    return Map.of("title", title, "value", value == null ? "" : value);
  }

  static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
