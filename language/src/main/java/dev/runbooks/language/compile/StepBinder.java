package dev.runbooks.language.compile;

import static dev.runbooks.language.compile.Problems.integer;
import static dev.runbooks.language.compile.Problems.map;
import static dev.runbooks.language.compile.Problems.string;
import static dev.runbooks.language.compile.Problems.strings;

import dev.runbooks.language.model.OnFailure;
import dev.runbooks.language.model.RetrySpec;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import dev.runbooks.language.parse.FieldPaths;
import dev.runbooks.language.steps.ActionKinds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binds step lists, steps and their common fields; bodies are bound by {@link BodyBinder}. */
final class StepBinder {
  /** The fields every step may have besides its type key. */
  static final Set<String> COMMON =
      Set.of(
          "id",
          "name",
          "when",
          "retry",
          "timeout",
          "heartbeatTimeout",
          "onFailure",
          "outputs",
          "compensate",
          "lock",
          "onLocked",
          "lockTimeout",
          "maxTargets",
          "loopGuard",
          "dryRunResult");

  private final Problems problems;
  private final BodyBinder bodies;
  private final RailsBinder rails;

  StepBinder(Problems problems) {
    this.problems = problems;
    this.bodies = new BodyBinder(problems, this);
    this.rails = new RailsBinder(problems);
  }

  /** Binds a list of steps; elements that are not maps are skipped (the schema reported them). */
  List<Step> list(Object raw, String path) {
    List<Step> steps = new ArrayList<>();
    List<Object> items = Problems.list(raw);
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof Map<?, ?>) {
        steps.add(step(map(items.get(i)), FieldPaths.index(path, i)));
      }
    }
    return steps;
  }

  private Step step(Map<String, Object> raw, String path) {
    List<String> types = new ArrayList<>();
    boolean unknown = false;
    for (String key : raw.keySet()) {
      if (ControlStepSchemas.TYPES.contains(key) || ActionKinds.isAction(key)) {
        types.add(key);
      } else if (!COMMON.contains(key)) {
        unknown = true;
      }
    }
    StepBody body;
    if (types.isEmpty()) {
      if (!unknown) {
        problems.at(
            path, "step has no type: add one key such as http, command, log, switch or waitUntil");
      }
      body = new StepBody.Log("", dev.runbooks.language.model.LogLevel.INFO);
    } else {
      if (types.size() > 1) {
        problems.atKey(
            FieldPaths.child(path, types.get(1)),
            "step has two types, '"
                + types.get(0)
                + "' and '"
                + types.get(1)
                + "'; a step has exactly one");
      }
      String type = types.get(0);
      body = bodies.bind(type, raw.get(type), FieldPaths.child(path, type));
      body = new LoopGuardBinder(problems).bind(raw, body, path);
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    map(raw.get("outputs"))
        .forEach(
            (k, v) -> {
              if (v instanceof String s) {
                outputs.put(k, s);
              }
            });
    Duration timeout = problems.duration(raw, "timeout", path, null);
    Duration heartbeatTimeout = problems.duration(raw, "heartbeatTimeout", path, null);
    if (heartbeatTimeout != null) {
      HeartbeatTimeouts.check(body, heartbeatTimeout, timeout, path, problems);
    }
    Map<String, Object> dryRunResult = null;
    if (raw.get("dryRunResult") instanceof Map<?, ?>) {
      dryRunResult = map(raw.get("dryRunResult"));
      if (!(body instanceof StepBody.Action)) {
        problems.atKey(
            path + ".dryRunResult",
            "dryRunResult applies only to action steps (such as http, command or restart); a "
                + body.type()
                + " step has no result to stand in for");
      }
    }
    return new Step(
        string(raw, "id", ""),
        string(raw, "name"),
        string(raw, "when"),
        raw.containsKey("retry") ? retry(map(raw.get("retry")), path + ".retry") : null,
        timeout,
        heartbeatTimeout,
        onFailure(raw.get("onFailure"), path + ".onFailure"),
        outputs,
        list(raw.get("compensate"), path + ".compensate"),
        body,
        rails.step(raw, path),
        problems.map().value(path),
        path,
        dryRunResult);
  }

  private RetrySpec retry(Map<String, Object> raw, String path) {
    Double coefficient = raw.get("backoffCoefficient") instanceof Number n ? n.doubleValue() : null;
    Duration initial = problems.duration(raw, "initialInterval", path, null);
    Duration max = problems.duration(raw, "maxInterval", path, null);
    if (initial != null && max != null && max.compareTo(initial) < 0) {
      problems.at(path + ".maxInterval", "maxInterval must not be shorter than initialInterval");
    }
    return new RetrySpec(
        integer(raw, "maxAttempts"), initial, coefficient, max, strings(raw.get("nonRetryable")));
  }

  private OnFailure onFailure(Object raw, String path) {
    if (raw instanceof String s) {
      return s.equals("continue") ? OnFailure.CONTINUE : OnFailure.ABORT;
    }
    if (raw instanceof Map<?, ?> m) {
      return m.get("goto") instanceof String target ? new OnFailure.Goto(target) : OnFailure.ABORT;
    }
    if (raw instanceof List<?>) {
      return new OnFailure.Handle(list(raw, path));
    }
    return OnFailure.ABORT;
  }
}
