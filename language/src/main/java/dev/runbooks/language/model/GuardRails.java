package dev.runbooks.language.model;

import java.util.List;

/**
 * A runbook's guard rails as written: start limits, the lock the whole run holds, the guards
 * checked before each mutating step, and its autonomy.
 *
 * @param limits {@code limits:}, or null when the runbook sets none (the worker-wide default holds)
 * @param lock {@code lock:} on the runbook, or null
 * @param guards {@code guards:}: read-only action steps checked before each mutating step; a guard
 *     that fails runs its {@code onFailure} handler and stops the run {@code guarded}
 * @param autonomy {@code autonomy:}; {@link Autonomy#AUTO} by default
 */
public record GuardRails(StartLimits limits, LockSpec lock, List<Step> guards, Autonomy autonomy) {
  /** No guard rails of the runbook's own. */
  public static final GuardRails NONE = new GuardRails(null, null, List.of(), Autonomy.AUTO);

  public GuardRails {
    guards = guards == null ? List.of() : List.copyOf(guards);
    autonomy = autonomy == null ? Autonomy.AUTO : autonomy;
  }
}
