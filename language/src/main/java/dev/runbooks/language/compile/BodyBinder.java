package dev.runbooks.language.compile;

import static dev.runbooks.language.compile.Problems.bool;
import static dev.runbooks.language.compile.Problems.list;
import static dev.runbooks.language.compile.Problems.map;
import static dev.runbooks.language.compile.Problems.string;

import dev.runbooks.language.model.EndOutcome;
import dev.runbooks.language.model.EscalationLadder;
import dev.runbooks.language.model.Join;
import dev.runbooks.language.model.LogLevel;
import dev.runbooks.language.model.OnWaitTimeout;
import dev.runbooks.language.model.RouteType;
import dev.runbooks.language.model.StepBody;
import dev.runbooks.language.parse.FieldPaths;
import dev.runbooks.language.steps.ActionKind;
import dev.runbooks.language.steps.ActionKinds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Binds the type-specific part of a step to its {@link StepBody} record. */
final class BodyBinder {
  private final Problems problems;
  private final StepBinder steps;

  BodyBinder(Problems problems, StepBinder steps) {
    this.problems = problems;
    this.steps = steps;
  }

  StepBody bind(String type, Object raw, String path) {
    Map<String, Object> m = map(raw);
    return switch (type) {
      case "log" ->
          raw instanceof String s
              ? new StepBody.Log(s, LogLevel.INFO)
              : new StepBody.Log(
                  string(m, "message", ""),
                  LogLevel.fromYaml(string(m, "level")).orElse(LogLevel.INFO));
      case "switch" -> switchBody(m, path);
      case "parallel" -> parallel(m, path);
      case "foreach" ->
          new StepBody.Foreach(
              string(m, "items", ""),
              m.get("concurrency") instanceof Long c ? (int) Math.min(c, Integer.MAX_VALUE) : 1,
              steps.list(m.get("steps"), path + ".steps"));
      case "waitUntil" -> waitUntil(m, path);
      case "sleep" ->
          raw instanceof String t && t.contains("${{")
              ? new StepBody.Sleep(null, t)
              : new StepBody.Sleep(
                  problems.duration(
                      Map.of("sleep", raw == null ? 0L : raw),
                      "sleep",
                      FieldPaths.parent(path),
                      Duration.ZERO));
      case "approval" -> ApprovalBinder.bind(problems, m, path, notify(m, path));
      case "fail" ->
          raw instanceof String s
              ? new StepBody.Fail(s, EndOutcome.FAILED)
              : new StepBody.Fail(string(m, "message", ""), outcome(m, EndOutcome.OF_FAIL));
      case "succeed" ->
          raw instanceof String s
              ? new StepBody.Succeed(s, EndOutcome.RESOLVED)
              : new StepBody.Succeed(string(m, "message", ""), outcome(m, EndOutcome.OF_SUCCEED));
      case "call" ->
          new StepBody.Call(
              string(m, "runbook", ""),
              map(m.get("inputs")),
              bool(m, "wait", true),
              m.get("maxDepth") instanceof Long d
                  ? (int) Math.max(1, Math.min(d, RunbookCompiler.MAX_CALL_DEPTH))
                  : null);
      default -> action(type, planned(type, m));
    };
  }

  /**
   * The outcome a fail or succeed step gives, one of {@code allowed}; the first of them when it
   * gives none or another (the schema reports that).
   */
  private static EndOutcome outcome(Map<String, Object> m, List<EndOutcome> allowed) {
    return EndOutcome.fromYaml(string(m, "outcome"))
        .filter(allowed::contains)
        .orElse(allowed.get(0));
  }

  /**
   * The routes an approval notifies: names of routes the worker configures. A route type cannot be
   * one, since notify gives no url.
   */
  private List<String> notify(Map<String, Object> m, String path) {
    List<String> routes = new ArrayList<>();
    List<Object> raw = list(m.get("notify"));
    for (int i = 0; i < raw.size(); i++) {
      if (!(raw.get(i) instanceof String route)) {
        continue;
      }
      String at = FieldPaths.index(path + ".notify", i);
      if (RouteType.fromYaml(route).isPresent()) {
        problems.at(
            at,
            "notify takes the names of routes the worker configures (runbook.routes.<name>);"
                + " route type '"
                + route
                + "' needs a url, which notify cannot give");
      } else if (routes.contains(route)) {
        problems.at(at, "route '" + route + "' is notified twice");
      }
      routes.add(route);
    }
    return routes;
  }

  private StepBody switchBody(Map<String, Object> m, String path) {
    List<StepBody.Case> cases = new ArrayList<>();
    List<Object> raw = list(m.get("cases"));
    for (int i = 0; i < raw.size(); i++) {
      String casePath = FieldPaths.index(path + ".cases", i);
      Map<String, Object> c = map(raw.get(i));
      cases.add(
          new StepBody.Case(
              string(c, "when", ""),
              steps.list(c.get("steps"), casePath + ".steps"),
              problems.map().value(casePath)));
    }
    return new StepBody.Switch(cases, steps.list(m.get("default"), path + ".default"));
  }

  private StepBody parallel(Map<String, Object> m, String path) {
    List<StepBody.Branch> branches = new ArrayList<>();
    List<Object> raw = list(m.get("branches"));
    for (int i = 0; i < raw.size(); i++) {
      String branchPath = FieldPaths.index(path + ".branches", i);
      Map<String, Object> b = map(raw.get(i));
      branches.add(
          new StepBody.Branch(
              string(b, "name", "branch " + (i + 1)),
              steps.list(b.get("steps"), branchPath + ".steps"),
              problems.map().value(branchPath)));
    }
    Join join = Join.fromYaml(m.get("join")).orElse(Join.ALL);
    if (m.get("join") instanceof Long n && n >= 1) {
      if (n > branches.size() && !branches.isEmpty()) {
        problems.at(
            path + ".join",
            "join "
                + n
                + " needs "
                + n
                + " branches to succeed, but there are only "
                + branches.size());
      }
    }
    return new StepBody.Parallel(branches, join);
  }

  /** An action step; an escalate step's ladder is compiled here, once. */
  private static StepBody.Action action(String type, Map<String, Object> config) {
    return new StepBody.Action(
        type, config, "escalate".equals(type) ? EscalationLadder.of(config) : null);
  }

  /** The config of an action step as the plan keeps it: see {@link ActionKind#plan(Map)}. */
  private static Map<String, Object> planned(String type, Map<String, Object> config) {
    return ActionKinds.find(type).map(kind -> kind.plan(config)).orElse(config);
  }

  private StepBody waitUntil(Map<String, Object> m, String path) {
    Map<String, Object> probe = map(m.get("probe"));
    StepBody.Action action = new StepBody.Action("", Map.of());
    List<String> kinds = new ArrayList<>();
    for (String key : probe.keySet()) {
      if (ActionKinds.isAction(key)) {
        kinds.add(key);
      }
    }
    if (m.get("probe") instanceof Map<?, ?> && probe.isEmpty()) {
      problems.at(path + ".probe", "probe needs one action, such as http: {url: ...}");
    } else if (kinds.size() > 1) {
      problems.atKey(
          path + ".probe." + kinds.get(1),
          "probe has two actions, '"
              + kinds.get(0)
              + "' and '"
              + kinds.get(1)
              + "'; give exactly one");
    }
    if (!kinds.isEmpty()) {
      action =
          new StepBody.Action(kinds.get(0), planned(kinds.get(0), map(probe.get(kinds.get(0)))));
    }
    return new StepBody.WaitUntil(
        action,
        string(m, "condition", ""),
        problems.duration(m, "interval", path, Duration.ofSeconds(30)),
        problems.duration(m, "deadline", path, Duration.ZERO),
        OnWaitTimeout.fromYaml(string(m, "onTimeout")).orElse(OnWaitTimeout.FAIL),
        bool(m, "untilResolved", false),
        string(m, "failWhen", ""));
  }
}
