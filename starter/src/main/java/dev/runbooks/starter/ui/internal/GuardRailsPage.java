package dev.runbooks.starter.ui.internal;

import dev.runbooks.starter.rails.GuardRailViews.Automation;
import dev.runbooks.starter.rails.GuardRailViews.Autonomies;
import dev.runbooks.starter.rails.GuardRailViews.Freeze;
import dev.runbooks.starter.rails.GuardRailViews.Limits;
import dev.runbooks.starter.rails.GuardRailViews.RunbookRails;
import dev.runbooks.starter.rails.GuardRailViews.Snapshot;
import dev.runbooks.starter.rails.GuardRailViews.Switch;

/**
 * The {@code /ui/guard-rails} page: the kill switch of all automation, each runbook's switch, trip,
 * autonomy, limits and last hour, and the change freezes, each with the form that changes it. The
 * forms post to {@code /ui/guard-rails/...}; who may send which is {@code SecurityRules}' to say
 * (operators switch and reset, admins change autonomy and freezes).
 */
final class GuardRailsPage {
  static final String PATH = "/ui/guard-rails";

  private GuardRailsPage() {}

  static void write(Html html, Snapshot s, String flash) {
    html.el("h1", "Guard rails");
    if (flash != null) {
      html.el("p", flash, "class", flash.startsWith("Refused") ? "error" : "flash");
    }
    automation(html, s.automation());
    html.el("h2", "Runbooks");
    html.open("table", "class", "rails");
    html.open("thead")
        .headerRow("Runbook", "State", "Autonomy", "Limits", "Last hour", "Change")
        .close("thead");
    html.open("tbody");
    for (RunbookRails r : s.runbooks()) {
      runbook(html, r);
    }
    html.close("tbody").close("table");
    freezes(html, s);
  }

  private static void automation(Html html, Automation a) {
    html.el("h2", "All automation");
    html.open("div", "class", "automation");
    if (a.disabled()) {
      html.open("p");
      html.el("span", "all automatic starts disabled", "class", "badge bad");
      html.text(" by " + a.by() + " at " + Layout.time(text(a.at())) + ": " + a.reason());
      if (a.until() != null) {
        html.text(" (until " + Layout.time(text(a.until())) + ")");
      }
      html.close("p");
      form(html, PATH + "/automation/enable", "Enable all automation", false, false);
    } else {
      html.open("p").el("span", "automatic starts on", "class", "badge ok").close("p");
      form(html, PATH + "/automation/disable", "Disable all automation", true, true);
    }
    html.close("div");
  }

  private static void runbook(Html html, RunbookRails r) {
    String base = PATH + "/runbooks/" + Html.encode(r.runbook());
    html.open("tr", "id", "rb-" + r.runbook());
    html.open("td").link("/ui/runbooks/" + Html.encode(r.runbook()), r.runbook(), "class", "mono");
    html.close("td");
    html.open("td");
    Switch off = r.disabled();
    if (off == null && r.tripped() == null) {
      Layout.badge(html, "enabled");
    }
    if (off != null) {
      html.el("span", "disabled", "class", "badge bad");
      html.text(" by " + off.by() + ": " + off.reason());
      if (off.until() != null) {
        html.text(" (until " + Layout.time(text(off.until())) + ")");
      }
    }
    if (r.tripped() != null) {
      html.text(" ").el("span", "tripped", "class", "badge bad");
      html.text(" at " + Layout.time(text(r.tripped().at())) + ": " + r.tripped().message());
    }
    html.close("td");
    html.cell(r.autonomy().explained());
    html.cell(limits(r.limits()), "class", "mono small");
    html.cell(r.recent().starts() + " started, " + r.recent().limited() + " limited");
    html.open("td", "class", "forms");
    if (off == null) {
      form(html, base + "/disable", "Disable", true, true);
    } else {
      form(html, base + "/enable", "Enable", false, false);
    }
    if (r.tripped() != null) {
      form(html, base + "/reset", "Reset trip", true, false);
    }
    html.open("form", "method", "post", "action", base + "/autonomy", "class", "inline");
    html.csrf();
    html.open("select", "name", "mode", "aria-label", "autonomy of " + r.runbook());
    for (String mode : new String[] {"written", "auto", "approve", "dry-run"}) {
      html.el(
          "option",
          mode.equals("written") ? "as written" : mode,
          "value",
          mode,
          "selected",
          selected(r.autonomy(), mode) ? "selected" : null);
    }
    html.close("select");
    html.empty("input", "name", "reason", "placeholder", "reason", "required", "required");
    html.el("button", "Set autonomy", "type", "submit");
    html.close("form");
    html.close("td").close("tr");
  }

  private static boolean selected(Autonomies a, String mode) {
    if (a.override() == null) {
      return mode.equals("written");
    }
    return a.override().mode().toString().equals(mode);
  }

  private static void freezes(Html html, Snapshot s) {
    html.el("h2", "Change freezes");
    html.el(
        "p",
        "While a freeze is in force, the auto runbooks it covers run in approve mode: every"
            + " mutating step waits for an approval.",
        "class",
        "muted");
    if (s.freezes().isEmpty()) {
      html.el("p", "No freeze in force or to come.", "class", "muted");
    } else {
      html.open("table", "class", "freezes");
      html.open("thead")
          .headerRow("Id", "From", "Until", "Runbooks", "By", "Reason", "")
          .close("thead");
      html.open("tbody");
      for (Freeze f : s.freezes()) {
        html.open("tr").cell(f.id(), "class", "mono small");
        html.cell(Layout.time(text(f.startsAt()))).cell(Layout.time(text(f.endsAt())));
        html.cell(f.runbooks().isEmpty() ? "all" : String.join(", ", f.runbooks()));
        html.cell(f.by()).cell(f.reason());
        html.open("td");
        if ("api".equals(f.origin())) {
          form(html, PATH + "/freezes/" + Html.encode(f.id()) + "/delete", "Delete", false, false);
        } else {
          html.el("span", "configured", "class", "muted");
        }
        html.close("td").close("tr");
      }
      html.close("tbody").close("table");
    }
    html.open("form", "method", "post", "action", PATH + "/freezes", "class", "freeze");
    html.csrf();
    html.open("label").text("Reason ");
    html.empty("input", "name", "reason", "required", "required").close("label");
    html.open("label").text(" From ");
    html.empty("input", "name", "from", "placeholder", "now, 2h or ISO time").close("label");
    html.open("label").text(" Until ");
    html.empty("input", "name", "until", "required", "required", "placeholder", "8h or ISO time");
    html.close("label");
    html.open("label").text(" Runbooks ");
    html.empty("input", "name", "runbooks", "placeholder", "all, or names separated by commas");
    html.close("label");
    html.el("button", "Create freeze", "type", "submit");
    html.close("form");
  }

  /** A one-button form, with a reason field (required or not) and an until field. */
  private static void form(
      Html html, String action, String button, boolean reasonRequired, boolean until) {
    html.open("form", "method", "post", "action", action, "class", "inline");
    html.csrf();
    html.empty(
        "input",
        "name",
        "reason",
        "placeholder",
        reasonRequired ? "reason" : "reason (optional)",
        "required",
        reasonRequired ? "required" : null);
    if (until) {
      html.empty("input", "name", "until", "placeholder", "until (2h, ISO; optional)");
    }
    html.el("button", button, "type", "submit");
    html.close("form");
  }

  static String limits(Limits l) {
    if (l == null) {
      return "none";
    }
    StringBuilder out = new StringBuilder();
    if (l.runs() != null) {
      out.append("runs ").append(l.runs());
    }
    if (l.perTarget() != null) {
      out.append(out.isEmpty() ? "" : ", ")
          .append("per ")
          .append(l.perTarget().key())
          .append(' ')
          .append(l.perTarget().runs());
    }
    if (l.trip()) {
      out.append(", trip");
    }
    if ("default".equals(l.source())) {
      out.append(" (default)");
    }
    return out.toString();
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
