package dev.runbooks.starter.rails;

import dev.runbooks.language.model.Autonomy;
import java.time.Instant;
import java.util.List;

/**
 * The typed records of the guard rails as {@link GuardRailService} shows them, and as {@code GET
 * /api/guard-rails} answers them (each record is one JSON object, its components its fields).
 */
public final class GuardRailViews {
  private GuardRailViews() {}

  /**
   * A kill switch that is on: automatic starts of one runbook, or of all, are off.
   *
   * @param scope the runbook's name, or {@link GuardRailService#ALL} for all automation
   * @param reason why, as given
   * @param by who switched it
   * @param at when
   * @param until when it ends by itself, or null when it lasts until someone enables it
   */
  public record Switch(String scope, String reason, String by, Instant at, Instant until) {
    /** Whether the switch holds at that time. */
    public boolean inForce(Instant now) {
      return until == null || until.isAfter(now);
    }
  }

  /**
   * A runbook's trip: a start limit with {@code trip: true} held, and its automatic starts stay
   * paused until a person resets it.
   *
   * @param at when it tripped
   * @param limit the limit that held, as written (such as {@code runs 10/1h})
   * @param message the limit in words
   */
  public record Trip(Instant at, String limit, String message) {}

  /**
   * An autonomy set at run time by a person, in place of the runbook's written one.
   *
   * @param mode the autonomy
   * @param by who set it
   * @param reason why
   * @param at when
   */
  public record AutonomyOverride(Autonomy mode, String by, String reason, Instant at) {}

  /**
   * A change freeze: while in force, {@code auto} runbooks it covers run as {@code approve}.
   *
   * @param id its id
   * @param reason why
   * @param startsAt when it starts
   * @param endsAt when it ends
   * @param runbooks the runbooks it covers; empty for all
   * @param by who created it ({@code config} for the configured ones)
   * @param origin {@code api} or {@code config}
   * @param deletedAt when it was deleted, or null
   * @param deletedBy who deleted it, or null
   */
  public record Freeze(
      String id,
      String reason,
      Instant startsAt,
      Instant endsAt,
      List<String> runbooks,
      String by,
      String origin,
      Instant deletedAt,
      String deletedBy) {
    public Freeze {
      runbooks = runbooks == null ? List.of() : List.copyOf(runbooks);
    }

    /** Whether it is in force at that time (started, not ended, not deleted). */
    public boolean inForce(Instant now) {
      return deletedAt == null && !startsAt.isAfter(now) && endsAt.isAfter(now);
    }

    /** Whether it covers the runbook (a freeze without runbooks covers all). */
    public boolean covers(String runbook) {
      return runbooks.isEmpty() || runbooks.contains(runbook);
    }
  }

  /**
   * A runbook's autonomy: as written, as in effect now, and why they differ.
   *
   * @param written the runbook's {@code autonomy:}
   * @param effective the autonomy its mutating steps run under now
   * @param override a person's override, or null
   * @param freeze the freeze that turns {@code auto} into {@code approve}, or null
   */
  public record Autonomies(
      Autonomy written, Autonomy effective, AutonomyOverride override, Freeze freeze) {
    /**
     * The effective autonomy and why, in words: {@code dry-run (set by alice: trial; written
     * auto)}, {@code approve (change freeze 5d0c: release week until …; written auto)} or {@code
     * auto (as written)}.
     */
    public String explained() {
      if (override != null) {
        return effective
            + " (set by "
            + override.by()
            + ": "
            + override.reason()
            + "; written "
            + written
            + ")";
      }
      if (freeze != null) {
        return effective
            + " (change freeze "
            + freeze.id()
            + ": "
            + freeze.reason()
            + " until "
            + freeze.endsAt()
            + "; written "
            + written
            + ")";
      }
      return effective + " (as written)";
    }
  }

  /**
   * The start limits that hold for a runbook.
   *
   * @param runs at most this many alert-started runs per window (such as {@code 10/1h}), or null
   * @param perTarget the per-target limit, or null
   * @param trip whether going over pauses the runbook until a reset
   * @param source {@code runbook} when the runbook sets them, {@code default} for the worker-wide
   *     default
   */
  public record Limits(String runs, PerTarget perTarget, boolean trip, String source) {}

  /**
   * A per-target limit.
   *
   * @param key the key template, such as {@code ${{ alert.labels.instance }}}
   * @param runs at most this many runs per key and window
   */
  public record PerTarget(String key, String runs) {}

  /**
   * What alerts did to a runbook in the last hour.
   *
   * @param starts runs alerts started
   * @param limited alerts a start limit held back
   */
  public record Recent(long starts, long limited) {}

  /**
   * One runbook's guard rails.
   *
   * @param runbook its name
   * @param disabled its own kill switch, or null
   * @param tripped its trip, or null
   * @param autonomy its autonomy
   * @param limits its start limits, or null when none hold
   * @param recent its last hour
   */
  public record RunbookRails(
      String runbook,
      Switch disabled,
      Trip tripped,
      Autonomies autonomy,
      Limits limits,
      Recent recent) {}

  /**
   * Every guard rail at one moment.
   *
   * @param automation the kill switch of all automation (disabled false when off)
   * @param runbooks each runbook of the catalog
   * @param freezes the freezes in force or to come (not deleted, not ended)
   */
  public record Snapshot(
      Automation automation, List<RunbookRails> runbooks, List<Freeze> freezes) {}

  /**
   * The kill switch of all automatic starts.
   *
   * @param disabled whether automatic starts are off
   * @param reason why, or null
   * @param by who, or null
   * @param at when, or null
   * @param until when it ends by itself, or null
   */
  public record Automation(boolean disabled, String reason, String by, Instant at, Instant until) {}
}
