package dev.runbooks.starter.dispatch.internal;

import dev.runbooks.api.Channel;
import dev.runbooks.language.Durations;
import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.language.model.Rate;
import dev.runbooks.language.model.StartLimits;
import dev.runbooks.language.model.Trigger;
import dev.runbooks.language.routing.Alert;
import dev.runbooks.language.routing.AlertAges;
import dev.runbooks.language.routing.Route;
import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.audit.AuditAction;
import dev.runbooks.starter.audit.AuditedAction;
import dev.runbooks.starter.inbox.internal.InboxRow;
import dev.runbooks.starter.rails.GuardRailMetrics;
import dev.runbooks.starter.rails.GuardRailNotifier;
import dev.runbooks.starter.rails.GuardRailProperties;
import dev.runbooks.starter.rails.GuardRailService;
import dev.runbooks.starter.rails.GuardRailViews.Switch;
import dev.runbooks.starter.rails.GuardRailViews.Trip;
import dev.runbooks.starter.rails.TargetKeys;
import dev.runbooks.starter.rails.internal.GuardRailStore;
import dev.runbooks.starter.rails.internal.NoticeStore;
import dev.runbooks.starter.rails.internal.StartLedger;
import dev.runbooks.starter.rails.internal.StartLedger.Start;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * The guard rails of one dispatcher pass, loaded in its transaction before the batch is dispatched:
 * kill switches, trips, the firing rows whose resolve is already queued, and the runs each limited
 * runbook's alerts started in its windows, all read under a transaction-scoped advisory lock per
 * runbook, so several dispatchers sharing the database never both take a limit's last place nor
 * both send a window's notice. The dispatch threads ask it, in the contract's order, whether a
 * firing route is held ({@code disabled}, {@code tripped}, {@code stale}, {@code superseded}) and,
 * just before a start, whether a limit holds ({@code limited}); what they decide (starts, trips,
 * notices) is written by {@link #write} in the same transaction as the rows' outcomes. Thread-safe.
 */
final class DispatchRails {
  /** What the guard rails need beside the catalog. */
  record Deps(
      GuardRailStore store,
      NoticeStore notices,
      StartLedger ledger,
      GuardRailProperties properties,
      GuardRailMetrics metrics,
      GuardRailNotifier notifier,
      ActionAudit audit) {}

  /** A firing route the rails hold back: the row's action and the message naming the rail. */
  record Hold(String action, String message) {}

  /** A place a start took under the runbook's limits. */
  record Ticket(String runbook, String targetKey) {}

  /** A notice written in the pass, to send after it commits. */
  record Written(long id, GuardRailNotifier.Notice notice) {}

  private record NewStart(Ticket ticket, Instant at, String workflowId, long row) {}

  private record NewNotice(String runbook, String rail, Instant at, String message) {}

  private final Deps deps;
  private final RunbookCatalog catalog;
  private final Map<String, Switch> switches;
  private final Map<String, Trip> trips;
  private final Map<Long, Long> resolvedBehind;
  private final Map<String, List<Start>> starts = new HashMap<>();
  private final Map<String, Instant> lastNotices;
  private final List<NewStart> newStarts = new ArrayList<>();
  private final Map<String, Trip> newTrips = new HashMap<>();
  private final List<NewNotice> notices = new ArrayList<>();

  private DispatchRails(
      Deps deps,
      RunbookCatalog catalog,
      Map<String, Switch> switches,
      Map<String, Trip> trips,
      Map<Long, Long> resolvedBehind,
      Map<String, Instant> lastNotices) {
    this.deps = deps;
    this.catalog = catalog;
    this.switches = switches;
    this.trips = new HashMap<>(trips);
    this.resolvedBehind = resolvedBehind;
    this.lastNotices = new HashMap<>(lastNotices);
  }

  /** Loads the rails for a batch whose firing rows may start {@code runbooks}. */
  static DispatchRails load(
      Handle h,
      Deps deps,
      RunbookCatalog catalog,
      List<InboxRow> batch,
      java.util.Collection<String> runbooks,
      Instant now) {
    GuardRailStore store = deps.store();
    List<Long> firing =
        batch.stream().filter(r -> "firing".equals(r.alert().status())).map(InboxRow::id).toList();
    TreeSet<String> names = new TreeSet<>(runbooks);
    // Locked first, in sorted order (so never a deadlock): what another dispatcher started,
    // tripped or notified for these runbooks is committed before anything is read.
    for (String name : names) {
      GuardRailStore.lock(h, "guard-rails/runbook/" + name);
    }
    List<String> scopes = new ArrayList<>(names);
    scopes.add(GuardRailService.ALL);
    DispatchRails rails =
        new DispatchRails(
            deps,
            catalog,
            store.switches(h, now),
            store.trips(h),
            store.resolvedBehind(h, firing),
            deps.notices().lastNotices(h, scopes));
    for (String name : names) {
      StartLimits limits = rails.limits(name, null);
      if (limits != null) {
        rails.starts.put(
            name,
            new ArrayList<>(deps.ledger().starts(h, name, now.minus(AlertFacts.longest(limits)))));
      }
    }
    return rails;
  }

  /**
   * Whether a firing route is held before anything is asked of Temporal: a kill switch, a trip, the
   * trigger's {@code maxAge}, or its resolve already queued (in that order).
   */
  synchronized Optional<Hold> hold(Route route, InboxRow row, Alert alert, Instant now) {
    String runbook = route.runbook();
    Switch off = GuardRailService.holding(switches, runbook).orElse(null);
    if (off != null && off.inForce(now)) {
      deps.metrics().disabled(runbook);
      String who = GuardRailService.ALL.equals(off.scope()) ? "automation" : "runbook " + runbook;
      String message =
          who
              + " is disabled by "
              + off.by()
              + " since "
              + off.at()
              + ": "
              + off.reason()
              + (off.until() == null ? "" : " (until " + off.until() + ")")
              + "; nothing started";
      notice(off.scope(), "disabled", off.at(), now, message);
      return Optional.of(new Hold("disabled", message));
    }
    Trip trip = trips.get(runbook);
    if (trip != null) {
      return Optional.of(tripped(runbook, trip, now));
    }
    Trigger trigger = trigger(route);
    if (trigger != null && AlertAges.stale(trigger, alert, now)) {
      return Optional.of(
          new Hold(
              "stale",
              "the alert started at "
                  + AlertAges.startedAt(alert).orElseThrow()
                  + ", more than the trigger's maxAge of "
                  + Durations.format(trigger.maxAge())
                  + " ago; nothing started"));
    }
    Long resolve = resolvedBehind.get(row.id());
    if (resolve != null) {
      return Optional.of(
          new Hold(
              "superseded",
              "its resolve (alert "
                  + resolve
                  + ", same fingerprint) is already in the inbox; nothing started"));
    }
    return Optional.empty();
  }

  /**
   * Takes a place under the runbook's start limits for a run about to start: a {@link Ticket}, or
   * the {@link Hold} ({@code limited}) naming the limit that held. With {@code trip: true} a held
   * limit trips the runbook.
   */
  synchronized Object reserve(Route route, Alert alert, Instant now) {
    StartLimits limits = limits(route.runbook(), route.version());
    String runbook = route.runbook();
    if (trips.containsKey(runbook)) {
      return tripped(runbook, trips.get(runbook), now); // by another row since this one's check
    }
    if (limits == null || !starts.containsKey(runbook)) {
      return new Ticket(runbook, null);
    }
    List<Start> seen = starts.get(runbook);
    String key =
        limits.perTarget() == null
            ? null
            // A key that cannot be rendered counts under the template's own text.
            : TargetKeys.of(limits.perTarget(), alert).orElse(limits.perTarget().key());
    String held = null;
    String limitText = null;
    Rate rate = null;
    if (key != null) {
      rate = limits.perTarget().runs();
      long n = AlertFacts.count(seen, key, now.minus(rate.window()));
      if (n >= rate.count()) {
        limitText = "perTarget " + rate + " (key " + key + ")";
        held = "perTarget";
      }
    }
    if (held == null && limits.runs() != null) {
      rate = limits.runs();
      long n = AlertFacts.count(seen, null, now.minus(rate.window()));
      if (n >= rate.count()) {
        limitText = "runs " + rate;
        held = "runs";
      }
    }
    if (held == null) {
      Ticket ticket = new Ticket(runbook, key);
      seen.add(new Start(key, now));
      return ticket;
    }
    deps.metrics().limited(runbook, held);
    String message =
        "limit "
            + limitText
            + " held: "
            + rate.count()
            + " run(s) started in the last "
            + Durations.format(rate.window())
            + (held.equals("perTarget") ? " for this key" : "")
            + "; nothing started";
    if (limits.trip() && !trips.containsKey(runbook)) {
      Trip trip = new Trip(now, limitText, message);
      trips.put(runbook, trip);
      newTrips.put(runbook, trip);
      lastNotices.put(runbook + " tripped", now); // the limited notice says it tripped
      message += "; the runbook tripped: its automatic starts are paused until a person resets it";
    }
    notice(runbook, "limited", now.minus(rate.window()), now, message);
    return new Hold("limited", message);
  }

  /**
   * The ticket of a start no limit can hold, taken without asking Temporal first: the runbook is
   * not tripped and has no start limits (then {@link #reserve} answers the same ticket and changes
   * nothing). Null when a limit applies: the dispatcher then looks for a running run first, as a
   * repeat must not use a place.
   */
  synchronized Ticket freeTicket(Route route) {
    String runbook = route.runbook();
    if (trips.containsKey(runbook)) {
      return null;
    }
    StartLimits limits = limits(runbook, route.version());
    return limits == null || !starts.containsKey(runbook) ? new Ticket(runbook, null) : null;
  }

  private Hold tripped(String runbook, Trip trip, Instant now) {
    String message =
        "runbook "
            + runbook
            + " is tripped since "
            + trip.at()
            + " ("
            + trip.limit()
            + "): its automatic starts are paused until a person resets it; nothing started";
    notice(runbook, "tripped", trip.at(), now, message);
    return new Hold("tripped", message);
  }

  /** Records a start the ticket allowed, for the row's transaction. */
  synchronized void started(Ticket ticket, InboxRow row, String workflowId, Instant at) {
    newStarts.add(new NewStart(ticket, at, workflowId, row.id()));
  }

  /**
   * Writes the pass's starts, trips and notices in its transaction; returns the notices to send
   * once it commits.
   */
  synchronized List<Written> write(Handle h) {
    for (NewStart s : newStarts) {
      deps.ledger()
          .recordStart(
              h, s.ticket().runbook(), s.ticket().targetKey(), s.at(), s.workflowId(), s.row());
    }
    for (Map.Entry<String, Trip> t : newTrips.entrySet()) {
      if (deps.store().trip(h, t.getKey(), t.getValue())) {
        deps.metrics().tripped(t.getKey());
        deps.audit()
            .record(
                AuditedAction.system(AuditAction.RUNBOOK_TRIP, "dispatcher", Channel.ALERT)
                    .run(t.getKey(), null)
                    .detail("limit", t.getValue().limit())
                    .detail("message", t.getValue().message()));
      }
    }
    List<Written> written = new ArrayList<>();
    String route = deps.properties().notifyRoute();
    for (NewNotice n : notices) {
      long id = deps.notices().recordNotice(h, n.runbook(), n.rail(), n.at(), n.message(), route);
      written.add(
          new Written(id, new GuardRailNotifier.Notice(route, n.runbook(), n.rail(), n.message())));
    }
    return written;
  }

  /** One notice per runbook and rail since {@code since} (a window start, a disable, a trip). */
  private void notice(String runbook, String rail, Instant since, Instant now, String message) {
    String key = runbook + " " + rail;
    Instant last = lastNotices.get(key);
    if (last != null && !last.isBefore(since)) {
      return;
    }
    lastNotices.put(key, now);
    notices.add(new NewNotice(runbook, rail, now, message));
  }

  /** The start limits of a runbook's version (its own, else the default), or null. */
  private StartLimits limits(String runbook, String version) {
    Optional<CatalogEntry> entry =
        version == null ? catalog.find(runbook) : catalog.version(runbook, version);
    StartLimits own =
        entry
            .or(() -> catalog.find(runbook))
            .map(e -> e.compiled().definition().rails().limits())
            .orElse(null);
    return own != null ? own : deps.properties().limits();
  }

  private Trigger trigger(Route route) {
    if (route.triggerIndex() < 0) {
      return null;
    }
    return catalog
        .version(route.runbook(), route.version())
        .map(e -> e.compiled().definition().triggers())
        .filter(t -> route.triggerIndex() < t.size())
        .map(t -> t.get(route.triggerIndex()))
        .orElse(null);
  }
}
