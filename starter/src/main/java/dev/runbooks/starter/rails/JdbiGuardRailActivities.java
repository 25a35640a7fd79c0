package dev.runbooks.starter.rails;

import dev.runbooks.language.model.Autonomy;
import dev.runbooks.starter.rails.GuardRailViews.AutonomyOverride;
import dev.runbooks.starter.rails.GuardRailViews.Freeze;
import dev.runbooks.starter.rails.GuardRailViews.Switch;
import dev.runbooks.starter.rails.internal.FreezeStore;
import dev.runbooks.starter.rails.internal.GuardRailStore;
import dev.runbooks.starter.rails.internal.StartLedger;
import dev.runbooks.workflows.GuardRailActivities;
import dev.runbooks.workflows.Preflight;
import dev.runbooks.workflows.PreflightRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link GuardRailActivities} on the engine's PostgreSQL: the autonomy a mutating step runs under
 * (a person's override, else {@code approve} while a change freeze covers an {@code auto} runbook,
 * else the written one) and its blast radius. The distinct targets of a runbook's step in the
 * window are counted and the new one recorded in one transaction under an advisory lock of the
 * (runbook, step), so concurrent runs never both take the last place; a target already among them
 * is allowed, and a second call for the same (workflow id, step, target) is answered the same.
 */
public class JdbiGuardRailActivities implements GuardRailActivities {
  private final GuardRailStore store;
  private final FreezeStore freezes;
  private final StartLedger ledger;
  private final Clock clock;
  private final String notifyRoute;

  /** Creates the activities over the guard-rail tables, with no route for dry-run notices. */
  public JdbiGuardRailActivities(
      GuardRailStore store, FreezeStore freezes, StartLedger ledger, Clock clock) {
    this(store, freezes, ledger, clock, null);
  }

  /**
   * Creates the activities over the guard-rail tables.
   *
   * @param notifyRoute the route told what {@code dry-run} steps would have done ({@code
   *     runbook.guard-rails.notify-route}), or null
   */
  public JdbiGuardRailActivities(
      GuardRailStore store,
      FreezeStore freezes,
      StartLedger ledger,
      Clock clock,
      String notifyRoute) {
    this.store = store;
    this.freezes = freezes;
    this.ledger = ledger;
    this.clock = clock;
    this.notifyRoute = notifyRoute == null || notifyRoute.isBlank() ? null : notifyRoute;
  }

  @Override
  public Preflight preflight(PreflightRequest request) {
    Instant now = clock.instant();
    Autonomy written = request.written() == null ? Autonomy.AUTO : request.written();
    Autonomy autonomy = written;
    String why = null;
    Optional<AutonomyOverride> override = store.autonomy(request.runbook());
    if (override.isPresent()) {
      autonomy = override.get().mode();
      why =
          "autonomy set to "
              + autonomy
              + " by "
              + override.get().by()
              + (override.get().reason() == null ? "" : ": " + override.get().reason());
    } else if (written == Autonomy.AUTO) {
      Optional<Freeze> freeze =
          freezes.freezesInForce(now).stream().filter(f -> f.covers(request.runbook())).findFirst();
      if (freeze.isPresent()) {
        autonomy = Autonomy.APPROVE;
        why =
            "change freeze "
                + freeze.get().id()
                + " until "
                + freeze.get().endsAt()
                + ": "
                + freeze.get().reason();
      }
    }
    if (why == null && autonomy != written) {
      why = "autonomy " + autonomy;
    }
    // A dry-run step changes nothing: it takes no place in its blast radius.
    String refusal = autonomy == Autonomy.DRY_RUN ? null : blastRadius(request, now);
    return new Preflight(autonomy, why, refusal != null, refusal, held(request, now), notifyRoute);
  }

  /** The kill switch that holds the runbook now (all automation first), in words; else null. */
  private String held(PreflightRequest request, Instant now) {
    Switch s = GuardRailService.holding(store.switches(now), request.runbook()).orElse(null);
    if (s == null) {
      return null;
    }
    return (GuardRailService.ALL.equals(s.scope()) ? "all automation" : "runbook " + s.scope())
        + " switched off by "
        + s.by()
        + (s.reason() == null ? "" : ": " + s.reason())
        + (s.until() == null ? "" : " (until " + s.until() + ")");
  }

  /** Records the step's target; the refusal in words when it would pass maxTargets, else null. */
  private String blastRadius(PreflightRequest r, Instant now) {
    if (r.maxTargets() == null || r.target() == null || r.target().isBlank()) {
      return null;
    }
    return store
        .jdbi()
        .inTransaction(
            h -> {
              GuardRailStore.lock(h, "guard-rails/blast/" + r.runbook() + "/" + r.stepId());
              if (ledger.hasTarget(h, r.workflowId(), r.stepId(), r.target())) {
                return null;
              }
              List<String> seen =
                  ledger
                      .targets(h, r.runbook(), r.stepId(), now.minus(r.maxTargets().window()))
                      .stream()
                      .map(StartLedger.Target::target)
                      .toList();
              if (!seen.contains(r.target()) && seen.size() >= r.maxTargets().count()) {
                return "step "
                    + r.stepId()
                    + " of runbook "
                    + r.runbook()
                    + " acted on "
                    + seen.size()
                    + " distinct targets in the last "
                    + dev.runbooks.language.Durations.format(r.maxTargets().window())
                    + " ("
                    + String.join(", ", seen.size() > 10 ? seen.subList(0, 10) : seen)
                    + (seen.size() > 10 ? ", ..." : "")
                    + "); maxTargets "
                    + r.maxTargets()
                    + " refuses "
                    + r.target();
              }
              ledger.recordTarget(h, r.runbook(), r.stepId(), r.target(), now, r.workflowId());
              return null;
            });
  }
}
