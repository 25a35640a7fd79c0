package dev.runbooks.starter.ui.internal;

import dev.runbooks.language.Durations;
import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.FileProblem;
import dev.runbooks.language.graph.MermaidGraph;
import dev.runbooks.language.model.InputSpec;
import dev.runbooks.language.model.Metadata;
import dev.runbooks.language.model.Runbook;
import dev.runbooks.language.model.Schedule;
import dev.runbooks.language.model.Trigger;
import dev.runbooks.starter.effectiveness.internal.EffectivenessStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The home page (waits for people, recent runs, the catalog) and a runbook's page. */
final class CatalogPages {
  private CatalogPages() {}

  /** The home page's parts. */
  record Home(
      List<CatalogEntry> entries,
      List<FileProblem> rejected,
      List<UiRuns.Wait> waits,
      String waitsProblem,
      UiRuns.Listing recent,
      Map<String, EffectivenessStore.Ratio> effectiveness) {}

  /**
   * A runbook's effectiveness in the catalog: the share of its decided runs after which the alert
   * resolved in the window and stayed resolved, with the counts; a dash when none was decided.
   */
  static String effective(EffectivenessStore.Ratio ratio) {
    if (ratio == null || ratio.runs() == 0) {
      return "–";
    }
    return Math.round(100.0 * ratio.value()) + "% (" + ratio.effective() + "/" + ratio.runs() + ")";
  }

  /** Writes the home page. */
  static void home(Html html, Home home) {
    html.el("h1", "Runbooks");
    html.open("section", "id", "approvals");
    html.el("h2", "Waiting for a decision");
    RunTable.waits(html, home.waits(), home.waitsProblem());
    html.close("section");

    html.open("section", "id", "recent");
    html.open("h2").text("Recent runs ").link("/ui/runs", "all runs, filters", "class", "small");
    html.close("h2");
    RunTable.runs(html, home.recent(), "No runs yet.");
    openRun(html);
    html.close("section");

    html.open("section", "id", "catalog");
    html.el("h2", "Catalog (" + home.entries().size() + ")");
    html.open("table", "class", "catalog");
    html.open("thead")
        .headerRow("Runbook", "Title", "Severity", "Owner", "Started by", "Effective");
    html.close("thead").open("tbody");
    List<CatalogEntry> sorted = new ArrayList<>(home.entries());
    sorted.sort(Comparator.comparing(CatalogEntry::name));
    for (CatalogEntry entry : sorted) {
      Runbook rb = entry.compiled().definition();
      html.open("tr");
      html.open("td")
          .link("/ui/runbooks/" + Html.encode(entry.name()), entry.name(), "class", "mono");
      html.close("td");
      html.cell(rb.metadata().title());
      html.cell(rb.metadata().severity());
      html.cell(rb.metadata().owner());
      html.cell(startedBy(rb));
      html.cell(effective(home.effectiveness().get(entry.name())), "class", "effective");
      html.close("tr");
    }
    html.close("tbody").close("table");
    if (!home.rejected().isEmpty()) {
      html.el("h3", "Files the catalog rejected");
      html.open("ul", "class", "problems");
      for (FileProblem problem : home.rejected()) {
        String file = problem.file().toString();
        html.open("li").el("span", file, "class", "mono").open("ul");
        for (String message : problem.messages()) {
          html.el(
              "li",
              message.startsWith(file + ":")
                  ? "line " + message.substring(file.length() + 1)
                  : message);
        }
        html.close("ul").close("li");
      }
      html.close("ul");
    }
    html.close("section");
  }

  /** Writes a runbook's page: what it is, its inputs, triggers, schedules, graph and runs. */
  static void runbook(Html html, CatalogEntry entry, UiRuns.Listing runs) {
    Runbook rb = entry.compiled().definition();
    Metadata md = rb.metadata();
    html.open("h1").el("span", entry.name(), "class", "mono").text(" ");
    html.el("span", md.title(), "class", "subtitle").close("h1");
    if (md.description() != null) {
      html.el("p", md.description(), "class", "description");
    }
    html.open("dl", "class", "facts");
    fact(html, "Severity", md.severity());
    fact(html, "Owner", md.owner());
    fact(html, "Labels", md.labels().isEmpty() ? null : md.labels().toString());
    fact(html, "Version", entry.version());
    fact(html, "File", entry.file());
    fact(html, "Loaded", Layout.time(String.valueOf(entry.loadedAt())));
    rb.access()
        .rules()
        .forEach(
            (action, principals) -> fact(html, "May " + action, String.join(", ", principals)));
    html.close("dl");
    html.open("p").link("/api/runbooks/" + Html.encode(entry.name()), "JSON").close("p");

    html.el("h2", "Graph");
    html.el("pre", MermaidGraph.render(rb), "class", "mermaid");

    html.el("h2", "Inputs");
    if (rb.inputs().isEmpty()) {
      html.el("p", "None.", "class", "muted");
    } else {
      html.open("table").open("thead");
      html.headerRow("Input", "Type", "Required", "Default", "Description").close("thead");
      html.open("tbody");
      for (InputSpec spec : rb.inputs().values()) {
        html.open("tr").cell(spec.name(), "class", "mono").cell(spec.type().yamlName());
        html.cell(spec.required() ? "yes" : "no").cell(spec.defaultValue(), "class", "mono");
        html.cell(spec.description()).close("tr");
      }
      html.close("tbody").close("table");
    }

    html.el("h2", "Triggers");
    triggers(html, rb.triggers());
    if (!rb.schedules().isEmpty()) {
      html.el("h2", "Schedules");
      html.open("ul");
      for (Schedule s : rb.schedules()) {
        String when =
            s.cron() != null ? "cron " + s.cron() : "every " + Durations.format(s.every());
        html.open("li").el("span", s.id(), "class", "mono").text(": " + when);
        html.text(s.timezone() == null ? "" : " (" + s.timezone() + ")");
        html.text(s.paused() ? ", paused" : "").close("li");
      }
      html.close("ul");
    }

    html.open("h2").text("Recent runs ");
    html.link("/ui/runs?runbook=" + Html.encode(entry.name()), "filter", "class", "small");
    html.close("h2");
    RunTable.runs(html, runs, "No runs of this runbook yet.");

    html.open("details").el("summary", "Source");
    html.el("pre", entry.source(), "class", "source").close("details");
  }

  /** The form that opens a run by its workflow id (also where visibility cannot list runs). */
  static void openRun(Html html) {
    html.open("form", "method", "get", "action", "/ui/run", "class", "inline");
    html.open("label").text("Open a run by id ");
    html.empty("input", "name", "id", "required", "required", "class", "mono", "size", "48");
    html.close("label").el("button", "Open", "type", "submit").close("form");
  }

  private static void triggers(Html html, List<Trigger> triggers) {
    if (triggers.isEmpty()) {
      html.el("p", "Started by hand or by a schedule only.", "class", "muted");
      return;
    }
    html.open("ul", "class", "triggers");
    for (Trigger t : triggers) {
      html.open("li");
      html.el("span", t.source(), "class", "badge plain").text(" ");
      html.text(t.alertNames().isEmpty() ? "any alert" : String.join(", ", t.alertNames()));
      for (Map.Entry<String, ?> label : t.labels().entrySet()) {
        html.text(" · ").el("span", label.getKey() + " " + label.getValue(), "class", "mono");
      }
      if (t.when() != null) {
        html.text(" · when ").el("span", t.when(), "class", "mono");
      }
      html.text(" · on resolved: " + t.onResolved());
      if (!t.cooldown().isZero()) {
        html.text(" · cooldown " + Durations.format(t.cooldown()));
      }
      html.close("li");
    }
    html.close("ul");
  }

  private static String startedBy(Runbook rb) {
    List<String> by = new ArrayList<>();
    for (Trigger t : rb.triggers()) {
      by.addAll(t.alertNames().isEmpty() ? List.of(t.source() + " alerts") : t.alertNames());
    }
    if (!rb.schedules().isEmpty()) {
      by.add(rb.schedules().size() + " schedule(s)");
    }
    return by.isEmpty() ? "hand" : String.join(", ", by);
  }

  private static void fact(Html html, String name, Object value) {
    if (value != null && !value.toString().isBlank()) {
      html.el("dt", name).el("dd", value);
    }
  }
}
