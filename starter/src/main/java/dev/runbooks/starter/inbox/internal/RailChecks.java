package dev.runbooks.starter.inbox.internal;

import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.model.LockSpec;
import dev.runbooks.language.model.Rate;
import dev.runbooks.language.model.StartLimits;
import dev.runbooks.language.model.Trigger;
import dev.runbooks.language.routing.Alert;
import dev.runbooks.language.routing.AlertAges;
import dev.runbooks.language.routing.Route;
import dev.runbooks.starter.inbox.internal.AlertExplanation.RailCheck;
import dev.runbooks.starter.inbox.internal.AlertExplanation.WindowMatch;
import dev.runbooks.starter.internal.LockOperations;
import dev.runbooks.starter.rails.GuardRailProperties;
import dev.runbooks.starter.rails.GuardRailService;
import dev.runbooks.starter.rails.GuardRailViews.RunbookRails;
import dev.runbooks.starter.rails.GuardRailViews.Snapshot;
import dev.runbooks.starter.rails.GuardRailViews.Switch;
import dev.runbooks.starter.rails.TargetKeys;
import dev.runbooks.starter.rails.internal.StartLedger;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The guard rails of one matched runbook for one alert, now, in the order the dispatcher checks
 * them: all automation, the runbook's kill switch, its trip, its start limits (with the counts in
 * their windows), maintenance windows, the trigger's {@code maxAge}, the run in flight and the
 * cooldown (asking Temporal), then what does not stop a start but shapes the run: autonomy (with
 * overrides and freezes) and the runbook's lock.
 */
public final class RailChecks {
  private final GuardRailService rails;
  private final GuardRailProperties properties;
  private final StartLedger ledger;
  private final Jdbi jdbi;
  private final TemporalChecks temporal;

  /**
   * Creates the checks; {@code temporal} and {@code locks} may be null (the cooldown, and who holds
   * the runbook's lock, are then not looked up).
   */
  public RailChecks(
      GuardRailService rails,
      GuardRailProperties properties,
      StartLedger ledger,
      Jdbi jdbi,
      WorkflowClient temporal,
      LockOperations locks) {
    this.rails = rails;
    this.properties = properties;
    this.ledger = ledger;
    this.jdbi = jdbi;
    this.temporal = new TemporalChecks(temporal, locks);
  }

  /** The guard rails as they stand. */
  Snapshot snapshot() {
    return rails.snapshot();
  }

  List<RailCheck> check(
      CompiledRunbook runbook,
      Trigger trigger,
      Route route,
      Alert alert,
      List<WindowMatch> windows,
      Snapshot snapshot,
      Instant now) {
    List<RailCheck> checks = new ArrayList<>();
    RunbookRails own =
        snapshot.runbooks().stream()
            .filter(r -> r.runbook().equals(runbook.name()))
            .findFirst()
            .orElse(null);
    if (!alert.resolved()) {
      var all = snapshot.automation();
      checks.add(
          all.disabled()
              ? new RailCheck(
                  "automation",
                  true,
                  "all automatic starts are disabled" + by(all.by(), all.reason(), all.until()))
              : new RailCheck("automation", false, "automatic starts are on"));
      Switch off = own == null ? null : own.disabled();
      checks.add(
          off != null
              ? new RailCheck(
                  "kill switch",
                  true,
                  "runbook "
                      + runbook.name()
                      + " is disabled"
                      + by(off.by(), off.reason(), off.until()))
              : new RailCheck("kill switch", false, "runbook " + runbook.name() + " is enabled"));
      checks.add(
          own != null && own.tripped() != null
              ? new RailCheck(
                  "trip",
                  true,
                  "tripped at "
                      + own.tripped().at()
                      + ": "
                      + own.tripped().message()
                      + "; a person resets it (bin/runbook limits reset "
                      + runbook.name()
                      + ")")
              : new RailCheck("trip", false, "not tripped"));
      checks.add(limits(runbook, alert, now));
      checks.add(
          windows.isEmpty()
              ? new RailCheck("maintenance", false, "no maintenance window matches the alert")
              : new RailCheck(
                  "maintenance",
                  true,
                  "maintenance window "
                      + windows.get(0).id()
                      + (windows.get(0).comment() == null
                          ? ""
                          : " (" + windows.get(0).comment() + ")")
                      + " until "
                      + windows.get(0).endsAt()));
      maxAge(trigger, alert, now).ifPresent(checks::add);
    }
    checks.add(temporal.run(route, alert));
    if (!alert.resolved() && own != null) {
      checks.add(
          new RailCheck("autonomy", false, "mutating steps run " + own.autonomy().explained()));
    }
    LockSpec lock = runbook.definition().rails().lock();
    if (lock != null) {
      checks.add(temporal.lock(lock, route, alert));
    }
    return checks;
  }

  private RailCheck limits(CompiledRunbook runbook, Alert alert, Instant now) {
    StartLimits own = runbook.definition().rails().limits();
    StartLimits limits = own != null ? own : properties.limits();
    if (limits == null) {
      return new RailCheck("limits", false, "no start limits");
    }
    List<String> parts = new ArrayList<>();
    boolean holds = false;
    if (limits.runs() != null) {
      Rate runs = limits.runs();
      long used = ledger.countStarts(runbook.name(), now.minus(runs.window()));
      holds = used >= runs.count();
      parts.add(used + " of " + runs + " starts used");
    }
    if (limits.perTarget() != null) {
      Rate runs = limits.perTarget().runs();
      String key = TargetKeys.of(limits.perTarget(), alert).orElse(null);
      if (key == null) {
        parts.add("per-target key " + limits.perTarget().key() + " cannot be rendered");
      } else {
        String target = key;
        long used =
            jdbi
                .withHandle(h -> ledger.starts(h, runbook.name(), now.minus(runs.window())))
                .stream()
                .filter(s -> target.equals(s.targetKey()))
                .count();
        holds = holds || used >= runs.count();
        parts.add("target " + target + ": " + used + " of " + runs + " used");
      }
    }
    String source = own != null ? "" : " (worker-wide default)";
    return new RailCheck(
        "limits",
        holds,
        String.join("; ", parts)
            + source
            + (holds && limits.trip() ? "; the next start trips it" : ""));
  }

  private static Optional<RailCheck> maxAge(Trigger trigger, Alert alert, Instant now) {
    Duration maxAge = trigger.maxAge();
    if (maxAge == null) {
      return Optional.empty();
    }
    Optional<Instant> started = AlertAges.startedAt(alert);
    if (started.isEmpty()) {
      return Optional.of(
          new RailCheck("max age", false, "the alert has no start time; maxAge " + maxAge));
    }
    Duration age = AlertAges.age(alert, now).orElseThrow();
    return Optional.of(
        new RailCheck(
            "max age",
            AlertAges.stale(trigger, alert, now),
            "fired at " + started.get() + ", " + age.toMinutes() + "m ago; maxAge " + maxAge));
  }

  private static String by(String by, String reason, Instant until) {
    return (by == null ? "" : " by " + by)
        + (reason == null ? "" : ": " + reason)
        + (until == null ? "" : " (until " + until + ")");
  }
}
