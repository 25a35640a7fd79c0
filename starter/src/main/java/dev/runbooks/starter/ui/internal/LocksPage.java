package dev.runbooks.starter.ui.internal;

import dev.runbooks.starter.internal.LockOperations;
import dev.runbooks.starter.ui.RunbookUiProperties;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /ui/locks}: the resource locks held and waited for, each holder and waiter with a link to
 * its run, oldest first in line. {@code ?name=} shows the named locks (on a Temporal server that
 * cannot list workflows, the only way to see them).
 */
@Controller
public class LocksPage {
  private final LockOperations locks;
  private final RunbookUiProperties properties;

  LocksPage(LockOperations locks, RunbookUiProperties properties) {
    this.locks = locks;
    this.properties = properties;
  }

  @GetMapping("/ui/locks")
  ResponseEntity<String> page(@RequestParam(name = "name", required = false) List<String> names) {
    LockOperations.Locks found = locks.list(names);
    return Layout.page(
        HttpStatus.OK,
        new Layout.Frame("Locks", null, (int) properties.refresh().toSeconds()),
        html -> write(html, found));
  }

  static void write(Html html, LockOperations.Locks found) {
    html.el("h1", "Locks");
    html.open("form", "method", "get", "action", "/ui/locks", "class", "filters");
    html.open("label").text("Lock ");
    html.empty("input", "name", "name", "placeholder", "service/checkout");
    html.close("label");
    html.el("button", "Show", "type", "submit");
    html.link("/ui/locks", "all", "class", "small");
    html.close("form");
    if (!found.listed()) {
      html.el(
          "p",
          "This Temporal server cannot list workflows: ask for a lock by its name.",
          "class",
          "notice");
      return;
    }
    if (found.locks().isEmpty()) {
      html.el("p", "No run holds or waits for a lock.", "class", "muted");
      return;
    }
    html.open("table", "class", "locks");
    html.open("thead").headerRow("Lock", "", "Run", "Runbook", "Step", "Since").close("thead");
    html.open("tbody");
    for (LockOperations.Lock lock : found.locks()) {
      if (lock.holder() == null) {
        html.open("tr");
        html.cell(lock.name(), "class", "mono");
        html.open("td");
        Layout.badge(html, "free");
        html.close("td");
        html.cell("").cell("").cell("").cell("");
        html.close("tr");
      } else {
        row(html, lock.name(), "held", lock.holder());
      }
      for (LockOperations.Party waiter : lock.waiters()) {
        row(html, lock.name(), "waiting", waiter);
      }
    }
    html.close("tbody").close("table");
  }

  private static void row(Html html, String lock, String state, LockOperations.Party party) {
    html.open("tr");
    html.cell(lock, "class", "mono");
    html.open("td");
    Layout.badge(html, state);
    html.close("td");
    html.open("td").link(Html.runPath(party.workflowId()), party.workflowId(), "class", "mono");
    html.close("td");
    html.open("td");
    html.link("/ui/runbooks/" + Html.encode(party.runbook()), party.runbook());
    html.close("td");
    html.cell(party.step() == null ? "(whole run)" : party.step(), "class", "mono");
    html.cell(Layout.time(party.since()) + " (" + Layout.between(party.since(), null) + ")");
    html.close("tr");
  }
}
