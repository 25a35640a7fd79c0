package dev.runbooks.starter.inbox.internal;

import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.routing.Alert;
import dev.runbooks.language.routing.AlertRouter;
import dev.runbooks.language.routing.Route;
import dev.runbooks.language.routing.RunbookHint;
import dev.runbooks.language.routing.TriggerVerdict;
import dev.runbooks.starter.inbox.internal.AlertExplanation.AlertFacts;
import dev.runbooks.starter.inbox.internal.AlertExplanation.Recorded;
import dev.runbooks.starter.inbox.internal.AlertExplanation.RunbookExplanation;
import dev.runbooks.starter.inbox.internal.AlertExplanation.WindowMatch;
import dev.runbooks.starter.rails.GuardRailViews.Snapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Explains an inbox row: what the dispatcher recorded, and what would happen to the alert now —
 * each trigger considered and why it matched or not, the routes with their dedup keys and
 * cooldowns, maintenance windows, and the guard rails of each matched runbook ({@link RailChecks}).
 * Reads only: it starts, signals and records nothing.
 */
public final class AlertExplainer {
  private final InboxStore inbox;
  private final WindowStore windows;
  private final RunbookCatalog catalog;
  private final RailChecks checks;
  private final Clock clock;
  private final AlertRouter router = new AlertRouter();

  /** Creates the explainer over the inbox, the windows, the catalog and the rails' checks. */
  public AlertExplainer(
      InboxStore inbox,
      WindowStore windows,
      RunbookCatalog catalog,
      RailChecks checks,
      Clock clock) {
    this.inbox = inbox;
    this.windows = windows;
    this.catalog = catalog;
    this.checks = checks;
    this.clock = clock;
  }

  /** The explanation of an inbox row, or empty when there is no such row. */
  public Optional<AlertExplanation> explain(long id) {
    return inbox.find(id).map(this::explain);
  }

  AlertExplanation explain(InboxRow row) {
    Instant now = clock.instant();
    Alert alert = row.routable();
    List<CompiledRunbook> runbooks =
        catalog.all().stream()
            .map(CatalogEntry::compiled)
            .sorted(Comparator.comparing(CompiledRunbook::name))
            .toList();
    List<TriggerVerdict> triggers = router.explain(alert, runbooks, now);
    List<Route> routes = router.route(alert, runbooks);
    RunbookHint hint = router.hint(alert, runbooks).orElse(null);
    List<WindowMatch> matching =
        alert.resolved()
            ? List.of()
            : windows.all().stream()
                .filter(w -> w.activeAt(now) && w.matches(row.alert().labels()))
                .map(w -> new WindowMatch(w.id(), w.comment(), w.endsAt().toString()))
                .toList();
    Snapshot snapshot = checks.snapshot();
    List<RunbookExplanation> explained = new ArrayList<>();
    for (Route route : routes) {
      CompiledRunbook runbook =
          runbooks.stream().filter(r -> r.name().equals(route.runbook())).findFirst().orElseThrow();
      explained.add(
          new RunbookExplanation(
              route.runbook(),
              route.version(),
              route.triggerIndex(),
              route.workflowId(),
              route.dedupKey(),
              route.cooldown().isZero() ? null : route.cooldown().toString(),
              route.onResolved().toString(),
              route.problems(),
              checks.check(
                  runbook,
                  runbook.definition().triggers().get(route.triggerIndex()),
                  route,
                  alert,
                  matching,
                  snapshot,
                  now)));
    }
    return new AlertExplanation(
        new AlertFacts(
            row.id(),
            alert.name(),
            alert.status(),
            alert.fingerprint(),
            row.source(),
            row.receivedAt().toString(),
            alert.startsAt(),
            alert.labels()),
        new Recorded(
            row.state(),
            row.handledAt() == null ? null : row.handledAt().toString(),
            row.windowId(),
            row.routes()),
        verdict(alert, explained, hint),
        triggers,
        explained,
        matching,
        hint);
  }

  /** One sentence: what the alert would do now, and how its {@code runbook_url} counted. */
  static String verdict(Alert alert, List<RunbookExplanation> runbooks, RunbookHint hint) {
    String said = verdict(alert, runbooks);
    return hint == null
        ? said
        : said + "; runbook_url " + (hint.used() ? "used: " : "ignored: ") + hint.reason();
  }

  /** One sentence: what the alert would do now. */
  static String verdict(Alert alert, List<RunbookExplanation> runbooks) {
    if (runbooks.isEmpty()) {
      return "no runbook's trigger matches this alert";
    }
    if (alert.resolved()) {
      return "a resolved alert starts nothing: it signals or stops the run in flight of "
          + runbooks.stream().map(RunbookExplanation::runbook).collect(Collectors.joining(", "));
    }
    List<String> parts = new ArrayList<>();
    for (RunbookExplanation r : runbooks) {
      if (r.clear()) {
        parts.add(r.runbook() + " would start (or get the alert) now");
        continue;
      }
      List<String> holding = new ArrayList<>();
      if (!r.problems().isEmpty()) {
        holding.add("its inputs do not bind");
      }
      r.rails().stream()
          .filter(AlertExplanation.RailCheck::holds)
          .forEach(c -> holding.add(c.rail()));
      parts.add(r.runbook() + " would not start now: " + String.join(", ", holding) + " holds");
    }
    return String.join("; ", parts);
  }
}
