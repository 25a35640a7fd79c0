package dev.runbooks.language.compile;

import static dev.runbooks.language.compile.SchemaNodes.bool;
import static dev.runbooks.language.compile.SchemaNodes.closed;
import static dev.runbooks.language.compile.SchemaNodes.duration;
import static dev.runbooks.language.compile.SchemaNodes.enumOf;
import static dev.runbooks.language.compile.SchemaNodes.object;
import static dev.runbooks.language.compile.SchemaNodes.ref;
import static dev.runbooks.language.compile.SchemaNodes.req;
import static dev.runbooks.language.compile.SchemaNodes.string;
import static dev.runbooks.language.compile.SchemaNodes.types;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.language.model.Autonomy;
import dev.runbooks.language.model.OnLocked;
import dev.runbooks.language.model.YamlEnums;

/**
 * The schema of the guard rails (see {@code docs/guard-rails.md}): {@code autonomy}, {@code
 * limits}, {@code guards} and the lock fields of a runbook, and the lock fields and {@code
 * maxTargets} of a step. Rates ({@code 10/1h}) and the rules between fields are checked by {@link
 * RailsBinder} and {@link RailsCheck}.
 */
final class RailSchemas {
  private RailSchemas() {}

  static void addTo(ObjectNode defs) {
    defs.set(
        "rate",
        string(
            "A count per sliding window: a whole number of at least 1, a slash and a duration,"
                + " such as 10/1h or 3/30m."));
    defs.set("lock", lock());
    defs.set(
        "onLocked",
        enumOf(
            "What to do when another run holds the lock: wait (default, at most lockTimeout, then"
                + " fail with LockTimeout), skip (the step is skipped; for a runbook's lock the run"
                + " ends skipped) or fail (fail at once with Locked).",
            YamlEnums.names(OnLocked.values())));
  }

  /** The runbook-level properties, as name and schema pairs. */
  static Object[] runbookProperties() {
    return new Object[] {
      "autonomy",
      enumOf(
          "How much the runbook may do by itself: auto (default) runs mutating steps, approve"
              + " makes every mutating step wait for an approval, dry-run records what mutating"
              + " steps would do without doing it. Operators can override it at run time.",
          YamlEnums.names(Autonomy.values())),
      "limits",
      limits(),
      "lock",
      ref("lock", "A lock the whole run holds, from before its first step until it ends."),
      "onLocked",
      ref("onLocked", "What the run does when another run holds its lock; needs lock."),
      "lockTimeout",
      duration("How long the run waits for its lock (onLocked: wait); 10m by default."),
      "guards",
      ref(
          "steps",
          "Read-only action steps (prometheus, http GET or HEAD, tcp, sql, command with"
              + " mutating: false) checked before each mutating step; a guard that fails runs its"
              + " onFailure handler and stops the run with outcome guarded."),
    };
  }

  /** The step-level properties, as name and schema pairs. */
  static Object[] stepProperties() {
    return new Object[] {
      "lock",
      ref("lock", "A lock the step holds while it runs."),
      "onLocked",
      ref("onLocked", "What the step does when another run holds its lock; needs lock."),
      "lockTimeout",
      duration("How long the step waits for its lock (onLocked: wait); 10m by default."),
      "maxTargets",
      ref(
          "rate",
          "Blast radius of a mutating action step: at most this many distinct targets per"
              + " window across all runs of the runbook, such as 3/1h; the next target fails the"
              + " step with BlastRadiusExceeded."),
    };
  }

  private static ObjectNode limits() {
    return object(
        "How many runs alerts may start: over a limit an alert starts nothing and its inbox row"
            + " says limited.",
        req(),
        "runs",
        ref("rate", "At most this many alert-started runs per window, such as 10/1h."),
        "perTarget",
        object(
            "A limit per target: alerts whose key renders the same share runs.",
            req("key", "runs"),
            "key",
            string(
                "A template over alert naming the target, such as ${{ alert.labels.instance }}."),
            "runs",
            ref("rate", "At most this many runs per target per window, such as 2/1h.")),
        "trip",
        bool(
            "Whether going over a limit pauses the runbook's automatic starts until a person"
                + " resets them; false by default."));
  }

  private static ObjectNode lock() {
    return closed(
        types(
            "A resource lock: at most one holder per rendered name across all runbooks. A name"
                + " (a template over inputs, alert, run and, on a step, the steps before it), or a"
                + " map with name, onLocked and timeout.",
            "string",
            "object"),
        null,
        req("name"),
        "name",
        string("The lock's name, such as service/${{ inputs.service }}."),
        "onLocked",
        ref("onLocked", "What to do when another run holds the lock."),
        "timeout",
        duration("How long onLocked: wait waits; 10m by default."));
  }
}
