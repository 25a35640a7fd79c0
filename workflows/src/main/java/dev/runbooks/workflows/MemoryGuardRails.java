package dev.runbooks.workflows;

import dev.runbooks.language.model.Autonomy;
import dev.runbooks.language.model.Rate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The guard rails of a worker without a database, and of tests: autonomy overrides and blast-radius
 * windows kept in this process's memory (lost when it stops; a worker with the engine's PostgreSQL
 * uses the durable implementation instead). Thread-safe: local activities of several runs call it
 * at once.
 *
 * <p>A step's blast radius counts the distinct targets the runbook's step acted on within the
 * window of its {@code maxTargets}, across runs. A target already counted in the window is allowed
 * again (so a retried preflight, or another run on the same target, is idempotent); a new one is
 * refused once the window holds {@code count} of them. Steps that run under {@code dry-run} change
 * nothing and are not counted.
 */
public final class MemoryGuardRails implements GuardRailActivities {
  private record Touch(String target, long at) {}

  private record Switch(Autonomy mode, String reason) {}

  private final LongSupplier clock;
  private final Map<String, List<Touch>> touches = new HashMap<>();
  private final Map<String, Switch> overrides = new HashMap<>();
  private Switch everywhere;
  private final Map<String, String> disabled = new HashMap<>();
  private String notifyRoute;

  /**
   * Guard rails whose windows are measured by {@code clock} (milliseconds since the epoch, such as
   * {@code System::currentTimeMillis}).
   */
  public MemoryGuardRails(LongSupplier clock) {
    this.clock = clock;
  }

  /**
   * Runs {@code runbook} under {@code mode} whatever it declares, until {@link #clearAutonomy};
   * {@code reason} says why in the runs' reports.
   */
  public synchronized void setAutonomy(String runbook, Autonomy mode, String reason) {
    overrides.put(runbook, new Switch(mode, reason));
  }

  /** Runs {@code runbook} under the autonomy it declares again. */
  public synchronized void clearAutonomy(String runbook) {
    overrides.remove(runbook);
  }

  /**
   * Runs every runbook declared {@code auto} under {@code mode} (as a change freeze runs them under
   * {@code approve}), or, with null, as declared again. A runbook's own override comes first.
   */
  public synchronized void setAutonomyEverywhere(Autonomy mode, String reason) {
    everywhere = mode == null ? null : new Switch(mode, reason);
  }

  /**
   * Switches off the automation of {@code runbook} ({@code *} for every runbook), {@code why} in
   * words; runs started automatically stop before their next mutating step.
   */
  public synchronized void disable(String runbook, String why) {
    disabled.put(runbook, why);
  }

  /** Switches the automation of {@code runbook} ({@code *} for every runbook) on again. */
  public synchronized void enable(String runbook) {
    disabled.remove(runbook);
  }

  /** The route told what {@code dry-run} steps would have done, or null for none. */
  public synchronized void notifyRoute(String route) {
    notifyRoute = route;
  }

  /** The distinct targets a runbook's step acted on in the last {@code window} milliseconds. */
  public synchronized Set<String> targets(String runbook, String stepId, long window) {
    long since = clock.getAsLong() - window;
    Set<String> out = new LinkedHashSet<>();
    for (Touch t : touches.getOrDefault(runbook + "/" + stepId, List.of())) {
      if (t.at() > since) {
        out.add(t.target());
      }
    }
    return out;
  }

  @Override
  public synchronized Preflight preflight(PreflightRequest request) {
    Preflight answer = decide(request);
    String held = disabled.getOrDefault("*", disabled.get(request.runbook()));
    return new Preflight(
        answer.autonomy(),
        answer.autonomyReason(),
        answer.blastRadiusExceeded(),
        answer.message(),
        held,
        notifyRoute);
  }

  private Preflight decide(PreflightRequest request) {
    Autonomy written = request.written() == null ? Autonomy.AUTO : request.written();
    Switch override = overrides.get(request.runbook());
    if (override == null && everywhere != null && written == Autonomy.AUTO) {
      override = everywhere;
    }
    Autonomy autonomy = override == null ? written : override.mode();
    String reason = override == null ? null : override.reason();
    Rate max = request.maxTargets();
    if (max == null || request.target() == null || autonomy == Autonomy.DRY_RUN) {
      return new Preflight(autonomy, reason, false, null);
    }
    long now = clock.getAsLong();
    String key = request.runbook() + "/" + request.stepId();
    List<Touch> window = new ArrayList<>();
    for (Touch t : touches.getOrDefault(key, List.of())) {
      if (t.at() > now - max.window().toMillis()) {
        window.add(t);
      }
    }
    Set<String> distinct = new LinkedHashSet<>();
    window.forEach(t -> distinct.add(t.target()));
    if (!distinct.contains(request.target()) && distinct.size() >= max.count()) {
      touches.put(key, window);
      return new Preflight(
          autonomy,
          reason,
          true,
          "step "
              + request.stepId()
              + " of runbook "
              + request.runbook()
              + " already acted on "
              + distinct.size()
              + " distinct targets "
              + distinct
              + " within "
              + max
              + "; "
              + request.target()
              + " would pass its maxTargets");
    }
    window.add(new Touch(request.target(), now));
    touches.put(key, window);
    return new Preflight(autonomy, reason, false, null);
  }
}
