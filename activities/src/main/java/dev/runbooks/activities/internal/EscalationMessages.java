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
 *
 * <p>Chat text is data, never markup: every piece of text that is not the message's own layout
 * (summary, details, step ids and results, run and dedup key, severity, link texts and addresses:
 * any of them may come from an alert or a step's output) is escaped for the chat's markup before it
 * is put in. Slack's {@code mrkdwn} (and the top-level {@code text}, which Slack also parses) gets
 * {@code &}, {@code <} and {@code >} as entities ({@link #slackEscape}), so {@code <!channel>},
 * {@code <@U123>} and {@code <https://evil|Grafana>} arrive as text; Teams' markdown (TextBlocks
 * and facts) gets its markup characters backslash-escaped ({@link #teamsEscape}), so {@code
 * [Grafana](https://evil)} and {@code <at>} arrive as text. A link is a link only when its address
 * is {@code http:} or {@code https:}; a Slack link address has {@code |} percent-encoded, so it
 * cannot carry its own label. Texts are cut before they are escaped, and an escape is never cut in
 * half.
 */
final class EscalationMessages {
  static final int PAGERDUTY_SUMMARY_MAX = 1024;
  private static final int SLACK_HEADER_MAX = 150;
  private static final int TEXT_MAX = 2900;
  private static final int VALUE_MAX = 400;

  private EscalationMessages() {}

  /** The body for the config's route, without links to the engine's pages. */
  static Map<String, Object> body(EscalateConfig c, ActionRequest r, String routingKey) {
    return body(c, r, routingKey, new RunLinks(null, null));
  }

  /**
   * The body for the config's route, linking to the run's and the runbook's pages after the
   * runbook's own links; a PagerDuty trigger's {@code client_url} is the run's page.
   */
  static Map<String, Object> body(
      EscalateConfig config, ActionRequest r, String routingKey, RunLinks pages) {
    EscalateConfig c = config.withLinks(pages.asLinks());
    return switch (c.route()) {
      case PAGERDUTY -> pagerDuty(c, r, routingKey, pages.run());
      case SLACK -> slack(c, r);
      case TEAMS -> teams(c, r);
      case WEBHOOK -> webhook(c, r);
    };
  }

  static Map<String, Object> pagerDuty(
      EscalateConfig c, ActionRequest r, String routingKey, String runUrl) {
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
      event.put("client", "Runbook engine");
      if (runUrl != null) {
        event.put("client_url", runUrl);
      }
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
                mrkdwn("*Severity*\n" + slackEscape(c.severity())),
                mrkdwn("*Runbook*\n" + slackEscape(r.runbook())),
                mrkdwn("*Run*\n" + slackEscape(r.workflowId())),
                mrkdwn("*Step*\n" + slackEscape(r.stepId())))));
    String digest = digest(c.details(), r.stepId(), SLACK);
    if (!digest.isEmpty()) {
      blocks.add(Map.of("type", "section", "text", mrkdwn(cutEscaped(digest, TEXT_MAX))));
    }
    if (!c.links().isEmpty()) {
      StringBuilder text = new StringBuilder();
      c.links().forEach(l -> text.append(slackLink(l.get("href"), l.get("text"))).append("  "));
      blocks.add(
          Map.of("type", "section", "text", mrkdwn(cutEscaped(text.toString().strip(), TEXT_MAX))));
    }
    blocks.add(
        Map.of(
            "type",
            "context",
            "elements",
            List.of(mrkdwn("dedup key: " + slackEscape(cut(c.dedupKey(), VALUE_MAX))))));
    Map<String, Object> message = new LinkedHashMap<>();
    message.put(
        "text",
        "["
            + slackEscape(c.severity().toUpperCase(Locale.ROOT))
            + "] "
            + slackEscape(cut(c.summary(), TEXT_MAX)));
    message.put("blocks", blocks);
    return message;
  }

  /**
   * A Slack link {@code <href|text>} when the address is http(s), the address with {@code &<>}
   * escaped and {@code |} percent-encoded; otherwise the text and address as plain text.
   */
  static String slackLink(String href, String text) {
    String label = text == null || text.isBlank() ? href : text;
    if (!isWebLink(href)) {
      return slackEscape(cut(String.valueOf(label), VALUE_MAX))
          + (href == null || href.equals(label)
              ? ""
              : " (" + slackEscape(cut(href, VALUE_MAX)) + ")");
    }
    return "<"
        + slackEscape(href.strip().replace("|", "%7C"))
        + "|"
        + slackEscape(cut(label, VALUE_MAX))
        + ">";
  }

  private static boolean isWebLink(String href) {
    if (href == null) {
      return false;
    }
    String h = href.strip().toLowerCase(Locale.ROOT);
    return (h.startsWith("https://") || h.startsWith("http://"))
        && h.chars().noneMatch(ch -> ch <= ' ' || ch == '<' || ch == '>');
  }

  static Map<String, Object> teams(EscalateConfig c, ActionRequest r) {
    List<Object> body = new ArrayList<>();
    body.add(
        Map.of(
            "type", "TextBlock",
            "text", teamsEscape(cut(c.summary(), TEXT_MAX)),
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
    String digest = digest(c.details(), r.stepId(), TEAMS);
    if (!digest.isEmpty()) {
      body.add(Map.of("type", "TextBlock", "text", cutEscaped(digest, TEXT_MAX), "wrap", true));
    }
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
    card.put("type", "AdaptiveCard");
    card.put("version", "1.4");
    card.put("body", body);
    List<Object> actions = new ArrayList<>();
    List<String> notLinks = new ArrayList<>();
    for (Map<String, String> l : c.links()) {
      String title =
          l.get("text") == null || l.get("text").isBlank() ? l.get("href") : l.get("text");
      if (isWebLink(l.get("href"))) {
        actions.add(
            Map.of(
                "type",
                "Action.OpenUrl",
                "title",
                cut(String.valueOf(title), SLACK_HEADER_MAX),
                "url",
                l.get("href").strip()));
      } else {
        notLinks.add(
            teamsEscape(cut(String.valueOf(title), VALUE_MAX))
                + " ("
                + teamsEscape(cut(String.valueOf(l.get("href")), VALUE_MAX))
                + ")");
      }
    }
    if (!notLinks.isEmpty()) {
      body.add(
          Map.of(
              "type",
              "TextBlock",
              "text",
              cutEscaped(String.join("\n\n", notLinks), TEXT_MAX),
              "wrap",
              true));
    }
    if (!actions.isEmpty()) {
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

  /** The details as Slack text lines: one line per detail, one per step. */
  static String digest(Map<String, Object> details, String self) {
    return digest(details, self, SLACK);
  }

  /**
   * The details as text lines for chat messages: one line per detail, one per step, each piece of
   * data (keys, ids, statuses, values) cut and then escaped with {@code escape}.
   */
  static String digest(
      Map<String, Object> details, String self, java.util.function.UnaryOperator<String> escape) {
    StringBuilder text = new StringBuilder();
    compactDetails(details, self)
        .forEach(
            (key, value) -> {
              if (isCompactSteps(value)) {
                text.append("*").append(escape.apply(cut(key, VALUE_MAX))).append("*\n");
                ((Map<?, ?>) value)
                    .forEach(
                        (id, step) -> {
                          Map<?, ?> s = (Map<?, ?>) step;
                          text.append("• ")
                              .append(escape.apply(cut(String.valueOf(id), VALUE_MAX)))
                              .append(": ")
                              .append(escape.apply(String.valueOf(s.get("status"))));
                          for (String part : List.of("outputs", "error", "evidence")) {
                            if (s.get(part) != null) {
                              text.append(" ")
                                  .append(part)
                                  .append(" ")
                                  .append(escape.apply(cut(Json.write(s.get(part)), VALUE_MAX)));
                            }
                          }
                          text.append('\n');
                        });
              } else {
                String shown = value instanceof String s ? s : Json.write(value);
                text.append("*")
                    .append(escape.apply(cut(key, VALUE_MAX)))
                    .append("*: ")
                    .append(escape.apply(cut(shown, VALUE_MAX)))
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
    return Map.of("title", title, "value", value == null ? "" : teamsEscape(cut(value, VALUE_MAX)));
  }

  static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** Slack's escaping of text that is data: {@code &}, {@code <} and {@code >} as entities. */
  static final java.util.function.UnaryOperator<String> SLACK = EscalationMessages::slackEscape;

  /** Teams' markdown escaping of text that is data (see {@link #teamsEscape}). */
  static final java.util.function.UnaryOperator<String> TEAMS = EscalationMessages::teamsEscape;

  /**
   * Text for Slack {@code mrkdwn}: {@code &} → {@code &amp;}, {@code <} → {@code &lt;}, {@code >} →
   * {@code &gt;}, so no mention ({@code <!channel>}, {@code <@U…>}) or link ({@code <url|label>})
   * can be written in it.
   */
  static String slackEscape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * Text for Teams (Adaptive Card) markdown: each markup character ({@code \ * _ ` ~ [ ] ( ) < > #
   * ! | { }}) and a list marker at a line's start ({@code -}, {@code +}, {@code 1.}) gets a
   * backslash, so no link, emphasis, list or {@code <at>} mention can be written in it.
   */
  static String teamsEscape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    boolean lineStart = true;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if ("\\*_`~[]()<>#!|{}".indexOf(ch) >= 0) {
        out.append('\\');
      } else if (lineStart && (ch == '-' || ch == '+')) {
        out.append('\\');
      } else if (lineStart && Character.isDigit(ch)) {
        int j = i;
        while (j < text.length() && Character.isDigit(text.charAt(j))) {
          j++;
        }
        if (j < text.length() && (text.charAt(j) == '.' || text.charAt(j) == ')')) {
          out.append(text, i, j).append('\\');
          i = j - 1;
          lineStart = false;
          continue;
        }
      }
      out.append(ch);
      lineStart = ch == '\n' || (lineStart && (ch == ' ' || ch == '\t'));
    }
    return out.toString();
  }

  /**
   * An escaped text cut to at most {@code max} characters, never inside an entity ({@code &amp;})
   * or between a backslash and the character it escapes.
   */
  static String cutEscaped(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    int amp = text.lastIndexOf('&', end - 1);
    if (amp >= 0 && amp > end - 5 && text.indexOf(';', amp) >= end) {
      end = amp;
    }
    int slashes = 0;
    while (end - slashes - 1 >= 0 && text.charAt(end - slashes - 1) == '\\') {
      slashes++;
    }
    if (slashes % 2 == 1) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
