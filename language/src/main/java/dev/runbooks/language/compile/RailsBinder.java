package dev.runbooks.language.compile;

import static dev.runbooks.language.compile.Problems.map;
import static dev.runbooks.language.compile.Problems.string;

import dev.runbooks.language.model.Autonomy;
import dev.runbooks.language.model.GuardRails;
import dev.runbooks.language.model.LockSpec;
import dev.runbooks.language.model.OnLocked;
import dev.runbooks.language.model.Rate;
import dev.runbooks.language.model.StartLimits;
import dev.runbooks.language.model.StepRails;
import dev.runbooks.language.parse.FieldPaths;
import java.time.Duration;
import java.util.Map;

/**
 * Binds the guard rails written on a runbook ({@code autonomy}, {@code limits}, {@code lock} with
 * {@code onLocked} and {@code lockTimeout}, {@code guards}) and on a step ({@code lock}, {@code
 * maxTargets}), reporting what only binding can see: rates that are not {@code N/<duration>},
 * {@code onLocked} or {@code lockTimeout} without a lock, a lock timeout that is not positive and
 * lock fields given twice. The schema has reported values of the wrong type.
 */
final class RailsBinder {
  private final Problems problems;

  RailsBinder(Problems problems) {
    this.problems = problems;
  }

  /** The runbook's rails; {@code guards} are bound by {@code steps} like any step list. */
  GuardRails runbook(Map<String, Object> root, StepBinder steps) {
    StartLimits limits =
        root.get("limits") instanceof Map<?, ?> ? limits(map(root.get("limits"))) : null;
    return new GuardRails(
        limits,
        lock(root, ""),
        steps.list(root.get("guards"), "guards"),
        Autonomy.fromYaml(string(root, "autonomy")).orElse(Autonomy.AUTO));
  }

  /** The rails of one step, or {@link StepRails#NONE} when it has none. */
  StepRails step(Map<String, Object> raw, String path) {
    LockSpec lock = lock(raw, path);
    Rate maxTargets = rate(raw, "maxTargets", path);
    return lock == null && maxTargets == null ? StepRails.NONE : new StepRails(lock, maxTargets);
  }

  private StartLimits limits(Map<String, Object> raw) {
    StartLimits.PerTarget perTarget = null;
    if (raw.get("perTarget") instanceof Map<?, ?>) {
      Map<String, Object> per = map(raw.get("perTarget"));
      Rate runs = rate(per, "runs", "limits.perTarget");
      String key = string(per, "key");
      if (runs != null && key != null) {
        perTarget = new StartLimits.PerTarget(key, runs);
      }
    }
    return new StartLimits(
        rate(raw, "runs", "limits"), perTarget, Problems.bool(raw, "trip", false));
  }

  /** Reads a rate field such as {@code 10/1h}; a bad one is reported and reads as absent. */
  Rate rate(Map<String, Object> owner, String key, String ownerPath) {
    if (!(owner.get(key) instanceof String text)) {
      return null;
    }
    Rate rate = Rate.parse(text).orElse(null);
    if (rate == null) {
      problems.at(
          FieldPaths.child(ownerPath, key),
          "invalid rate '"
              + text
              + "': write a count of at least 1, a slash and a window, such as 10/1h or 3/30m");
    }
    return rate;
  }

  /**
   * Reads {@code lock} (a name, or a map of name, onLocked and timeout) with {@code onLocked} and
   * {@code lockTimeout} beside it; null when there is no lock.
   */
  private LockSpec lock(Map<String, Object> owner, String ownerPath) {
    Object raw = owner.get("lock");
    String lockPath = FieldPaths.child(ownerPath, "lock");
    String name = null;
    OnLocked onLocked = onLocked(owner);
    Duration timeout = timeout(owner, "lockTimeout", ownerPath);
    if (raw instanceof String s) {
      name = s;
    } else if (raw instanceof Map<?, ?>) {
      Map<String, Object> spec = map(raw);
      name = string(spec, "name");
      if (spec.containsKey("onLocked")) {
        twice(owner, "onLocked", ownerPath, "lock.onLocked");
        onLocked = onLocked(spec);
      }
      if (spec.containsKey("timeout")) {
        twice(owner, "lockTimeout", ownerPath, "lock.timeout");
        timeout = timeout(spec, "timeout", lockPath);
      }
    }
    if (!owner.containsKey("lock")) {
      for (String beside : new String[] {"onLocked", "lockTimeout"}) {
        if (owner.containsKey(beside)) {
          problems.atKey(
              FieldPaths.child(ownerPath, beside),
              beside + " needs a lock beside it, such as lock: \"service/${{ inputs.service }}\"");
        }
      }
      return null;
    }
    if (name == null || name.isBlank()) {
      if (raw instanceof String) {
        problems.at(lockPath, "a lock needs a name, such as service/${{ inputs.service }}");
      }
      return null;
    }
    return new LockSpec(name, onLocked, timeout);
  }

  private void twice(Map<String, Object> owner, String beside, String ownerPath, String inside) {
    if (owner.containsKey(beside)) {
      problems.atKey(
          FieldPaths.child(ownerPath, beside),
          beside + " is also given as " + inside + "; keep one of them");
    }
  }

  private static OnLocked onLocked(Map<String, Object> owner) {
    return OnLocked.fromYaml(string(owner, "onLocked")).orElse(null);
  }

  private Duration timeout(Map<String, Object> owner, String key, String ownerPath) {
    Duration timeout = problems.duration(owner, key, ownerPath, null);
    if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
      problems.at(
          FieldPaths.child(ownerPath, key),
          key + " must be longer than zero, such as 5m; it is how long a run waits for the lock");
      return null;
    }
    return timeout;
  }
}
