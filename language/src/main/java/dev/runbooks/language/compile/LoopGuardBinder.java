package dev.runbooks.language.compile;

import dev.runbooks.language.model.StepBody;
import dev.runbooks.language.steps.ActionKinds;
import dev.runbooks.language.steps.LoopGuards;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binds a step's {@code loopGuard: {max, window, key}}: at most {@code max} runs of a mutating
 * action step on the same key within {@code window}, counted across runs. The guard travels to the
 * activity inside the action's planned config (under {@link LoopGuards#FIELD}), which enforces it
 * against the worker's durable ledger before the executor sees the config. {@code restart} keeps
 * its own {@code loopGuard} inside its config.
 */
final class LoopGuardBinder {
  private final Problems problems;

  LoopGuardBinder(Problems problems) {
    this.problems = problems;
  }

  /** The body with the guard added to its config, or the body as it is when there is none. */
  StepBody bind(Map<String, Object> raw, StepBody body, String path) {
    if (!(raw.get("loopGuard") instanceof Map<?, ?> written)) {
      return body; // absent, or reported by the schema
    }
    String at = path + ".loopGuard";
    if (!(body instanceof StepBody.Action action)) {
      problems.at(
          at, "loopGuard applies only to mutating action steps; this step is not an action");
      return body;
    }
    if (action.type().equals("restart")) {
      problems.at(
          at,
          "a restart step has its own loop guard in its config: restart: {loopGuard: {maxRestarts,"
              + " window}}");
      return body;
    }
    boolean mutating =
        !action.type().equals("escalate")
            && ActionKinds.find(action.type()).map(k -> k.mutating(action.config())).orElse(true);
    if (!mutating) {
      problems.at(
          at,
          "loopGuard applies only to mutating action steps; this "
              + action.type()
              + " step changes nothing");
      return body;
    }
    Map<String, Object> guard = new LinkedHashMap<>();
    Object max = written.get("max");
    guard.put("max", max instanceof Number n ? n.longValue() : 3L);
    Duration window = problems.duration(Problems.map(written), "window", at, Duration.ofHours(1));
    guard.put("window", window == null ? "1h" : dev.runbooks.language.Durations.format(window));
    if (written.get("key") instanceof String key) {
      guard.put("key", key);
    }
    Map<String, Object> config = new LinkedHashMap<>(action.config());
    config.put(LoopGuards.FIELD, guard);
    return new StepBody.Action(action.type(), config, action.ladder());
  }
}
