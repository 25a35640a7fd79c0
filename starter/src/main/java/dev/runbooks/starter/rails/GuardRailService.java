package dev.runbooks.starter.rails;

import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.language.model.Autonomy;
import dev.runbooks.language.model.Runbook;
import dev.runbooks.language.model.StartLimits;
import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.audit.AuditAction;
import dev.runbooks.starter.audit.AuditResult;
import dev.runbooks.starter.audit.AuditedAction;
import dev.runbooks.starter.rails.GuardRailViews.Automation;
import dev.runbooks.starter.rails.GuardRailViews.Autonomies;
import dev.runbooks.starter.rails.GuardRailViews.AutonomyOverride;
import dev.runbooks.starter.rails.GuardRailViews.Freeze;
import dev.runbooks.starter.rails.GuardRailViews.Limits;
import dev.runbooks.starter.rails.GuardRailViews.PerTarget;
import dev.runbooks.starter.rails.GuardRailViews.Recent;
import dev.runbooks.starter.rails.GuardRailViews.RunbookRails;
import dev.runbooks.starter.rails.GuardRailViews.Snapshot;
import dev.runbooks.starter.rails.GuardRailViews.Switch;
import dev.runbooks.starter.rails.GuardRailViews.Trip;
import dev.runbooks.starter.rails.internal.FreezeStore;
import dev.runbooks.starter.rails.internal.GuardRailStore;
import dev.runbooks.starter.rails.internal.StartLedger;
import dev.runbooks.starter.security.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The guard rails an operator sees and changes: the kill switch of one runbook or of all
 * automation, trips, autonomy overrides and change freezes, and the start limits in force. Backs
 * {@code /api/guard-rails}, {@code /api/automation/*}, {@code /api/runbooks/{name}/...} and {@code
 * /api/freezes}, and {@code /ui}. Every change is durable (PostgreSQL) and audited with its actor
 * and reason, refused ones too; an expired disable no longer holds from the moment it expires.
 */
public class GuardRailService {
  /** The scope of the kill switch of all automatic starts. */
  public static final String ALL = "*";

  /** The window of {@link Recent}. */
  static final Duration RECENT = Duration.ofHours(1);

  private final GuardRailStore store;
  private final FreezeStore freezeStore;
  private final StartLedger ledger;
  private final RunbookCatalog catalog;
  private final GuardRailProperties properties;
  private final ActionAudit audit;
  private final Clock clock;

  /** Creates the service; {@code clock} gives "now" (expiry of disables, freezes in force). */
  public GuardRailService(
      GuardRailStore store,
      FreezeStore freezeStore,
      StartLedger ledger,
      RunbookCatalog catalog,
      GuardRailProperties properties,
      ActionAudit audit,
      Clock clock) {
    this.store = store;
    this.freezeStore = freezeStore;
    this.ledger = ledger;
    this.catalog = catalog;
    this.properties = properties;
    this.audit = audit;
    this.clock = clock;
  }

  /** Every guard rail now: the automation switch, each runbook of the catalog, the freezes. */
  public Snapshot snapshot() {
    Instant now = clock.instant();
    Map<String, Switch> switches = store.switches(now);
    Map<String, Trip> trips = store.trips();
    Map<String, AutonomyOverride> overrides = store.autonomies();
    List<Freeze> freezes = freezeStore.freezes();
    Switch all = switches.get(ALL);
    Automation automation =
        all == null
            ? new Automation(false, null, null, null, null)
            : new Automation(true, all.reason(), all.by(), all.at(), all.until());
    List<RunbookRails> runbooks =
        catalog.all().stream()
            .map(
                e ->
                    new RunbookRails(
                        e.name(),
                        switches.get(e.name()),
                        trips.get(e.name()),
                        autonomy(e, overrides.get(e.name()), freezes, now),
                        limits(e.compiled().definition()),
                        new Recent(
                            ledger.countStarts(e.name(), now.minus(RECENT)),
                            ledger.countLimited(e.name(), now.minus(RECENT)))))
            .toList();
    List<Freeze> current =
        freezes.stream().filter(f -> f.deletedAt() == null && f.endsAt().isAfter(now)).toList();
    return new Snapshot(automation, runbooks, current);
  }

  /** One runbook's guard rails now. */
  public Optional<RunbookRails> runbook(String name) {
    return snapshot().runbooks().stream().filter(r -> r.runbook().equals(name)).findFirst();
  }

  /**
   * The switch that holds the runbook's automatic starts now: all automation first, then its own;
   * empty when its starts are on.
   */
  public Optional<Switch> disabled(String runbook) {
    return holding(store.switches(clock.instant()), runbook);
  }

  /**
   * Of the switches in force (by scope), the one that holds {@code runbook}: all automation first,
   * then its own; empty when neither is off. The dispatcher, the preflight of mutating steps and
   * this service choose with it.
   */
  public static Optional<Switch> holding(Map<String, Switch> switches, String runbook) {
    return Optional.ofNullable(switches.getOrDefault(ALL, switches.get(runbook)));
  }

  /** The runbook's open trip, if any. */
  public Optional<Trip> tripped(String runbook) {
    return Optional.ofNullable(store.trips().get(runbook));
  }

  /**
   * Switches off a runbook's automatic starts ({@link #ALL} for all of them), until {@code until}
   * or until enabled.
   *
   * @throws GuardRailException 400 without a reason or with an {@code until} in the past, 404 for
   *     an unknown runbook
   */
  public Switch disable(String runbook, String reason, Instant until, Caller caller) {
    AuditedAction action =
        scoped(runbook, AuditAction.AUTOMATION_DISABLE, AuditAction.RUNBOOK_DISABLE, caller)
            .detail("reason", reason)
            .detail("until", until == null ? null : until.toString());
    return audited(
        action,
        () -> {
          known(runbook);
          Instant now = clock.instant();
          if (reason == null || reason.isBlank()) {
            throw GuardRailException.badRequest("reason: required (say why automation stops)");
          }
          if (until != null && !until.isAfter(now)) {
            throw GuardRailException.badRequest("until: must be in the future, not " + until);
          }
          Switch s = new Switch(runbook, reason.strip(), caller.name(), now, until);
          store.disable(s);
          return s;
        });
  }

  /**
   * Switches a runbook's automatic starts on again ({@link #ALL}: all automation); true when they
   * were off.
   *
   * @throws GuardRailException 404 for an unknown runbook
   */
  public boolean enable(String runbook, String reason, Caller caller) {
    AuditedAction action =
        scoped(runbook, AuditAction.AUTOMATION_ENABLE, AuditAction.RUNBOOK_ENABLE, caller)
            .detail("reason", reason);
    return audited(
        action,
        () -> {
          known(runbook);
          return store.enable(runbook);
        });
  }

  /**
   * Resets a runbook's trip: its automatic starts resume.
   *
   * @throws GuardRailException 400 without a reason, 404 for an unknown runbook, 409 when it is not
   *     tripped
   */
  public Trip resetTrip(String runbook, String reason, Caller caller) {
    AuditedAction action =
        AuditedAction.of(AuditAction.LIMITS_RESET, caller)
            .run(runbook, null)
            .detail("reason", reason);
    return audited(
        action,
        () -> {
          known(runbook);
          if (reason == null || reason.isBlank()) {
            throw GuardRailException.badRequest("reason: required (say why starts may resume)");
          }
          Trip trip = store.trips().get(runbook);
          if (trip == null || !store.resetTrip(runbook, caller.name(), reason, clock.instant())) {
            throw GuardRailException.conflict("runbook '" + runbook + "' is not tripped");
          }
          return trip;
        });
  }

  /**
   * Sets a runbook's autonomy at run time; null goes back to the written one.
   *
   * @throws GuardRailException 400 without a reason, 404 for an unknown runbook
   */
  public Autonomies setAutonomy(String runbook, Autonomy mode, String reason, Caller caller) {
    AuditedAction action =
        AuditedAction.of(AuditAction.AUTONOMY_SET, caller)
            .run(runbook, null)
            .detail("mode", mode == null ? "as-written" : mode.toString())
            .detail("reason", reason);
    return audited(
        action,
        () -> {
          CatalogEntry entry = known(runbook);
          if (reason == null || reason.isBlank()) {
            throw GuardRailException.badRequest("reason: required (say why the autonomy changes)");
          }
          Instant now = clock.instant();
          store.setAutonomy(
              runbook,
              mode == null ? null : new AutonomyOverride(mode, caller.name(), reason, now));
          return autonomy(entry, store.autonomy(runbook).orElse(null), freezeStore.freezes(), now);
        });
  }

  /** The runbook's autonomy now: written, effective, override and freeze. */
  public Autonomies autonomy(String runbook) {
    CatalogEntry entry = known(runbook);
    return autonomy(
        entry, store.autonomy(runbook).orElse(null), freezeStore.freezes(), clock.instant());
  }

  /** Every freeze, deleted and ended ones too, newest start first. */
  public List<Freeze> freezes() {
    return freezeStore.freezes();
  }

  /**
   * Creates a change freeze from now (or {@code startsAt}) to {@code endsAt}, for the runbooks
   * named (all when empty).
   *
   * @throws GuardRailException 400 without a reason or an end after the start
   */
  public Freeze createFreeze(
      String reason, Instant startsAt, Instant endsAt, List<String> runbooks, Caller caller) {
    String id = UUID.randomUUID().toString();
    AuditedAction action =
        AuditedAction.of(AuditAction.FREEZE_CREATE, caller)
            .target(id)
            .detail("reason", reason)
            .detail("startsAt", startsAt == null ? null : startsAt.toString())
            .detail("endsAt", endsAt == null ? null : endsAt.toString())
            .detail("runbooks", runbooks);
    return audited(
        action,
        () -> {
          Instant now = clock.instant();
          Instant starts = startsAt == null ? now : startsAt;
          if (reason == null || reason.isBlank()) {
            throw GuardRailException.badRequest("reason: required");
          }
          if (endsAt == null || !endsAt.isAfter(starts)) {
            throw GuardRailException.badRequest(
                "endsAt: required, after startsAt (" + starts + ")");
          }
          List<String> names = runbooks == null ? List.of() : runbooks;
          Freeze f =
              new Freeze(id, reason, starts, endsAt, names, caller.name(), "api", null, null);
          freezeStore.saveFreeze(f, now);
          return freezeStore.freeze(id).orElseThrow();
        });
  }

  /**
   * Deletes a freeze (marks it deleted, when and by whom; it stops holding now).
   *
   * @throws GuardRailException 404 for an unknown freeze, 409 for one deleted before
   */
  public Freeze deleteFreeze(String id, Caller caller) {
    AuditedAction action = AuditedAction.of(AuditAction.FREEZE_DELETE, caller).target(id);
    return audited(
        action,
        () -> {
          Freeze f =
              freezeStore
                  .freeze(id)
                  .orElseThrow(() -> GuardRailException.notFound("no such freeze: '" + id + "'"));
          if (!freezeStore.deleteFreeze(id, caller.name(), clock.instant())) {
            throw GuardRailException.conflict(
                "freeze '" + id + "' was deleted at " + f.deletedAt());
          }
          return freezeStore.freeze(id).orElseThrow();
        });
  }

  /** The start limits that hold for a runbook: its own, else the worker-wide default. */
  public Limits limits(Runbook runbook) {
    StartLimits own = runbook.rails().limits();
    StartLimits limits = own != null ? own : properties.limits();
    if (limits == null) {
      return null;
    }
    return new Limits(
        limits.runs() == null ? null : limits.runs().toString(),
        limits.perTarget() == null
            ? null
            : new PerTarget(limits.perTarget().key(), limits.perTarget().runs().toString()),
        limits.trip(),
        own != null ? "runbook" : "default");
  }

  static Autonomies autonomy(
      CatalogEntry entry, AutonomyOverride override, List<Freeze> freezes, Instant now) {
    Autonomy written = entry.compiled().definition().rails().autonomy();
    if (override != null) {
      return new Autonomies(written, override.mode(), override, null);
    }
    Freeze freeze =
        freezes.stream()
            .filter(f -> f.inForce(now) && f.covers(entry.name()))
            .findFirst()
            .orElse(null);
    if (freeze != null && written == Autonomy.AUTO) {
      return new Autonomies(written, Autonomy.APPROVE, null, freeze);
    }
    return new Autonomies(written, written, null, null);
  }

  private CatalogEntry known(String runbook) {
    if (ALL.equals(runbook)) {
      return null;
    }
    return catalog
        .find(runbook)
        .orElseThrow(() -> GuardRailException.notFound("no such runbook: '" + runbook + "'"));
  }

  private static AuditedAction scoped(
      String runbook, AuditAction all, AuditAction one, Caller caller) {
    return ALL.equals(runbook)
        ? AuditedAction.of(all, caller)
        : AuditedAction.of(one, caller).run(runbook, null);
  }

  private <T> T audited(AuditedAction action, Supplier<T> change) {
    try {
      T result = change.get();
      audit.record(action);
      return result;
    } catch (GuardRailException e) {
      audit.record(action.answered(AuditResult.refused(e.status(), e.getMessage())));
      throw e;
    }
  }
}
