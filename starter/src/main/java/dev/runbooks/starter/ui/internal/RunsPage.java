package dev.runbooks.starter.ui.internal;

import dev.runbooks.language.catalog.CatalogEntry;
import java.util.Collection;
import java.util.List;

/** The run list: a filter form (runbook, outcome, service) over a table of the runs it selects. */
final class RunsPage {
  private RunsPage() {}

  /** Writes the page. */
  static void write(
      Html html, RunFilter filter, Collection<CatalogEntry> entries, UiRuns.Listing listing) {
    html.el("h1", "Runs");
    html.open("form", "method", "get", "action", "/ui/runs", "class", "filters");
    html.open("label").text("Runbook ");
    html.open("select", "name", "runbook");
    option(html, "", "any", filter.runbook() == null);
    List<String> names = entries.stream().map(CatalogEntry::name).sorted().toList();
    for (String name : names) {
      option(html, name, name, name.equals(filter.runbook()));
    }
    if (filter.runbook() != null && !names.contains(filter.runbook())) {
      option(html, filter.runbook(), filter.runbook(), true);
    }
    html.close("select").close("label");
    html.open("label").text("Outcome ");
    html.open("select", "name", "outcome");
    option(html, "", "any", filter.outcome() == null);
    for (String outcome : RunFilter.OUTCOMES) {
      option(html, outcome, outcome, outcome.equals(filter.outcome()));
    }
    html.close("select").close("label");
    html.open("label").text("Service ");
    html.empty(
        "input", "name", "service", "value", filter.service() == null ? "" : filter.service());
    html.close("label");
    html.el("button", "Filter", "type", "submit");
    html.link("/ui/runs", "clear", "class", "small");
    html.close("form");
    RunTable.runs(html, listing, "No run matches.");
    if (listing.problem() == null && !listing.runs().isEmpty()) {
      html.el("p", listing.runs().size() + " run(s), newest first.", "class", "muted");
    }
    CatalogPages.openRun(html);
  }

  private static void option(Html html, String value, String label, boolean selected) {
    html.el("option", label, "value", value, "selected", selected ? "selected" : null);
  }
}
