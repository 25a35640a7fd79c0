package dev.runbooks.starter.ui.internal;

import dev.runbooks.language.routing.RunbookHint;
import dev.runbooks.language.routing.TriggerVerdict;
import dev.runbooks.starter.inbox.internal.AlertExplanation;
import dev.runbooks.starter.inbox.internal.AlertExplanation.RailCheck;
import dev.runbooks.starter.inbox.internal.AlertExplanation.RunbookExplanation;
import dev.runbooks.starter.inbox.internal.AlertExplanation.WindowMatch;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code /ui/alerts/{id}} page: an alert, what the dispatcher did with it (each route's action
 * and message, with a link to the run), and why it would or would not start a run now — the same
 * answer as {@code GET /api/alerts/{id}/explain}.
 */
final class AlertPage {
  private AlertPage() {}

  static void write(Html html, AlertExplanation x) {
    var a = x.alert();
    html.open("h1").text("Alert " + a.id() + " ").el("span", a.name(), "class", "mono");
    html.close("h1");
    html.open("p", "class", "status-line");
    Layout.badge(html, a.status());
    html.text(" from " + a.source() + ", received " + Layout.time(a.receivedAt()));
    if (a.startsAt() != null && !a.startsAt().isBlank()) {
      html.text(", firing since " + Layout.time(a.startsAt()));
    }
    html.close("p");
    html.el(
        "p",
        a.labels().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .reduce((l, r) -> l + " " + r)
            .orElse("no labels"),
        "class",
        "mono small");

    runbookUrl(html, x.runbookUrl());

    html.el("h2", "What the dispatcher did");
    html.open("p");
    Layout.badge(html, x.recorded().state());
    if (x.recorded().handledAt() != null) {
      html.text(" at " + Layout.time(x.recorded().handledAt()));
    }
    if (x.recorded().windowId() != null) {
      html.text(", maintenance window " + x.recorded().windowId());
    }
    html.close("p");
    if (!x.recorded().routes().isEmpty()) {
      html.open("table", "class", "routes");
      html.open("thead").headerRow("Runbook", "Action", "Run", "Message").close("thead");
      html.open("tbody");
      for (Map<String, Object> r : x.recorded().routes()) {
        html.open("tr").cell(r.get("runbook"), "class", "mono");
        html.open("td");
        Layout.badge(html, r.get("action"));
        html.close("td").open("td");
        if (r.get("workflowId") != null) {
          String id = r.get("workflowId").toString();
          html.link(Html.runPath(id), id, "class", "mono small");
        }
        html.close("td").cell(r.get("message")).close("tr");
      }
      html.close("tbody").close("table");
    }

    html.el("h2", "Now");
    html.el("p", x.verdict(), "class", "verdict");
    for (RunbookExplanation r : x.runbooks()) {
      html.open("h3")
          .link("/ui/runbooks/" + Html.encode(r.runbook()), r.runbook(), "class", "mono");
      html.close("h3");
      html.el(
          "p",
          "trigger "
              + r.trigger()
              + ", workflow id "
              + r.workflowId()
              + ", dedup key "
              + r.dedupKey()
              + ", "
              + (r.cooldown() == null ? "no cooldown" : "cooldown " + r.cooldown()),
          "class",
          "mono small");
      for (String problem : r.problems()) {
        html.el("p", problem, "class", "error");
      }
      html.open("table", "class", "rail-checks");
      html.open("thead").headerRow("Rail", "", "What it says").close("thead");
      html.open("tbody");
      for (RailCheck c : r.rails()) {
        html.open("tr", "class", c.holds() ? "holds" : null).cell(c.rail());
        html.open("td");
        html.el("span", c.holds() ? "holds" : "ok", "class", "badge " + (c.holds() ? "bad" : "ok"));
        html.close("td").cell(c.detail()).close("tr");
      }
      html.close("tbody").close("table");
    }
    if (!x.maintenance().isEmpty()) {
      html.el("h3", "Maintenance windows matching now");
      html.open("ul");
      for (WindowMatch w : x.maintenance()) {
        html.el(
            "li",
            w.id()
                + (w.comment() == null ? "" : ": " + w.comment())
                + " (until "
                + Layout.time(w.endsAt())
                + ")");
      }
      html.close("ul");
    }

    html.el("h2", "Triggers considered");
    html.open("table", "class", "triggers");
    html.open("thead").headerRow("Runbook", "Trigger", "Matched", "Why").close("thead");
    html.open("tbody");
    for (TriggerVerdict t : x.triggers()) {
      html.open("tr").cell(t.runbook(), "class", "mono").cell(t.path(), "class", "mono small");
      html.open("td");
      String word = matchWord(t);
      html.el("span", word, "class", "badge " + (word.equals("matched") ? "ok" : "plain"));
      html.close("td").cell(String.join("; ", t.reasons())).close("tr");
    }
    html.close("tbody").close("table");
  }

  /**
   * The alert's {@code runbook_url}: a link only when it is a plain http(s) URL (the text and the
   * address escaped, opened without referrer), and what the router made of it, with a link to the
   * catalog's page of the runbook it names.
   */
  private static void runbookUrl(Html html, RunbookHint hint) {
    if (hint == null) {
      return;
    }
    html.open("p", "class", "runbook-url").text("runbook_url: ");
    String web = webLink(hint.url());
    if (web == null) {
      html.el("span", hint.url(), "class", "mono small");
    } else {
      html.el("a", hint.url(), "href", web, "rel", "noopener noreferrer nofollow", "class", "mono");
    }
    html.text(hint.used() ? " (routed the alert: " : " (not used: ").text(hint.reason()).text(")");
    if (hint.runbook() != null) {
      html.text(" ")
          .link("/ui/runbooks/" + Html.encode(hint.runbook()), "catalog page", "class", "small");
    }
    html.close("p");
  }

  /** The URL when it is an absolute http(s) URL with a host and no user information, else null. */
  static String webLink(String url) {
    if (url == null || url.length() > 2048) {
      return null;
    }
    try {
      URI uri = new URI(url.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && uri.getRawUserInfo() == null) {
        return uri.toASCIIString();
      }
    } catch (URISyntaxException e) {
      return null;
    }
    return null;
  }

  /** How a trigger fared: matched (and used), stale, failed, matched but not used, or no. */
  static String matchWord(TriggerVerdict t) {
    if (t.failed()) {
      return "failed";
    }
    if (!t.matched()) {
      return "no";
    }
    if (t.stale()) {
      return "stale";
    }
    return t.chosen() ? "matched" : "matched, not used";
  }
}
