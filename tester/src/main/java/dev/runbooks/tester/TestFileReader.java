package dev.runbooks.tester;

import dev.runbooks.language.model.Problem;
import dev.runbooks.language.parse.FieldPaths;
import dev.runbooks.language.parse.ParsedYaml;
import dev.runbooks.language.parse.SourceMap;
import dev.runbooks.language.parse.YamlParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a test file into a {@link TestFile}, or the problems that keep it from being one, each
 * located (file:line:column, field path) as the runbook validator locates its problems.
 */
final class TestFileReader {
  /** The file read, or its problems (then {@code file} is null). */
  record Result(TestFile file, List<Problem> problems) {}

  private static final Set<String> TOP = Set.of("apiVersion", "kind", "runbook", "cases");
  private static final Set<String> CASE =
      Set.of(
          "name",
          "description",
          "inputs",
          "alert",
          "dryRun",
          "live",
          "mocks",
          "decisions",
          "signals",
          "expect");
  private static final Set<String> MOCK = Set.of("result", "error", "duration", "sequence");
  private static final Set<String> ANSWER = Set.of("result", "error", "duration");
  private static final Set<String> ERROR = Set.of("type", "message", "nonRetryable");
  private static final Set<String> DECISION = Set.of("step", "action", "by", "comment", "at");
  private static final Set<String> SIGNAL = Set.of("at", "signal", "by", "reason");
  private static final Set<String> EXPECT =
      Set.of(
          "outcome",
          "path",
          "pathMode",
          "skipped",
          "outputs",
          "escalations",
          "compensations",
          "error",
          "duration");
  private static final Set<String> ESCALATION = Set.of("route", "severity", "textContains");
  static final Set<String> ACTIONS = Set.of("approve", "reject", "acknowledge");
  static final Set<String> SIGNALS = Set.of("alertResolved", "alertRepeated", "abort");

  private final YamlFields f;

  private TestFileReader(SourceMap where) {
    this.f = new YamlFields(where);
  }

  static Result read(String text, Path file, String label) {
    ParsedYaml parsed = YamlParser.parse(text, label);
    if (!parsed.problems().isEmpty()) {
      return new Result(null, parsed.problems());
    }
    TestFileReader r = new TestFileReader(parsed.locations());
    TestFile read = r.file(parsed.root(), file);
    return r.f.problems().isEmpty()
        ? new Result(read, List.of())
        : new Result(null, r.f.problems());
  }

  private TestFile file(Object root, Path file) {
    Map<String, Object> m = f.map(root, "");
    if (m == null) {
      return null;
    }
    f.keys(m, "", TOP);
    if (!"runbooks.dev/v1".equals(m.get("apiVersion"))) {
      f.problem("apiVersion", "must be 'runbooks.dev/v1'");
    }
    if (!"RunbookTest".equals(m.get("kind"))) {
      f.problem("kind", "must be 'RunbookTest'");
    }
    String runbook = f.text(m, "", "runbook", true);
    List<Object> cases = f.list(m.get("cases"), "cases");
    if (cases == null || cases.isEmpty()) {
      f.problem("cases", "is required: a list of at least one case");
      return null;
    }
    List<TestFile.Case> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < cases.size(); i++) {
      String path = FieldPaths.index("cases", i);
      TestFile.Case c = testCase(cases.get(i), path);
      if (c != null && !names.add(c.name())) {
        f.problem(path + ".name", "'" + c.name() + "' names another case of this file too");
      }
      out.add(c);
    }
    return new TestFile(file, runbook, out);
  }

  private TestFile.Case testCase(Object raw, String path) {
    Map<String, Object> m = f.map(raw, path);
    if (m == null) {
      return null;
    }
    f.keys(m, path, CASE);
    String name = f.text(m, path, "name", true);
    Map<String, TestFile.Mock> mocks = new LinkedHashMap<>();
    Map<String, Object> rawMocks = f.optionalMap(m, path, "mocks");
    rawMocks.forEach(
        (step, v) -> mocks.put(step, mock(v, FieldPaths.child(path + ".mocks", step))));
    List<TestFile.DecisionAt> decisions = new ArrayList<>();
    List<Object> rawDecisions = f.optionalList(m, path, "decisions");
    for (int i = 0; i < rawDecisions.size(); i++) {
      decisions.add(decision(rawDecisions.get(i), FieldPaths.index(path + ".decisions", i)));
    }
    List<TestFile.SignalAt> signals = new ArrayList<>();
    List<Object> rawSignals = f.optionalList(m, path, "signals");
    for (int i = 0; i < rawSignals.size(); i++) {
      signals.add(signal(rawSignals.get(i), FieldPaths.index(path + ".signals", i)));
    }
    return new TestFile.Case(
        name,
        f.text(m, path, "description", false),
        f.line(path),
        f.optionalMap(m, path, "inputs"),
        m.containsKey("alert") ? f.optionalMap(m, path, "alert") : null,
        Boolean.TRUE.equals(m.get("dryRun")),
        f.strings(m, path, "live"),
        mocks,
        decisions,
        signals,
        expect(m.get("expect"), path + ".expect"));
  }

  private TestFile.Mock mock(Object raw, String path) {
    Map<String, Object> m = f.map(raw, path);
    if (m == null) {
      return null;
    }
    f.keys(m, path, MOCK);
    if (m.containsKey("sequence")) {
      if (m.containsKey("result") || m.containsKey("error")) {
        f.problem(path + ".sequence", "goes without result and error (give them in each entry)");
      }
      List<Object> seq = f.list(m.get("sequence"), path + ".sequence");
      List<TestFile.Answer> answers = new ArrayList<>();
      for (int i = 0; seq != null && i < seq.size(); i++) {
        String p = FieldPaths.index(path + ".sequence", i);
        Map<String, Object> e = f.map(seq.get(i), p);
        if (e != null) {
          f.keys(e, p, ANSWER);
          answers.add(answer(e, p));
        }
      }
      if (answers.isEmpty()) {
        f.problem(path + ".sequence", "needs at least one entry");
        return null;
      }
      return new TestFile.Mock(answers);
    }
    return new TestFile.Mock(List.of(answer(m, path)));
  }

  private TestFile.Answer answer(Map<String, Object> m, String path) {
    TestFile.ErrorSpec error = null;
    if (m.containsKey("error")) {
      String p = path + ".error";
      Map<String, Object> e = f.map(m.get("error"), p);
      if (e != null) {
        f.keys(e, p, ERROR);
        String type = f.text(e, p, "type", true);
        String message = f.text(e, p, "message", false);
        error =
            new TestFile.ErrorSpec(
                type, message == null ? type : message, Boolean.TRUE.equals(e.get("nonRetryable")));
      }
      if (m.containsKey("result")) {
        f.problem(path + ".result", "goes with error: give one of them");
      }
    }
    Map<String, Object> result =
        m.containsKey("result") ? f.optionalMap(m, path, "result") : Map.of();
    Duration duration = f.duration(m, path, "duration");
    return new TestFile.Answer(result, error, duration == null ? Duration.ZERO : duration);
  }

  private TestFile.DecisionAt decision(Object raw, String path) {
    Map<String, Object> m = f.map(raw, path);
    if (m == null) {
      return null;
    }
    f.keys(m, path, DECISION);
    String action = f.text(m, path, "action", true);
    if (action != null && !ACTIONS.contains(action)) {
      f.problem(path + ".action", "'" + action + "' is not one of approve, reject, acknowledge");
    }
    String by = f.text(m, path, "by", false);
    return new TestFile.DecisionAt(
        f.text(m, path, "step", false),
        action,
        by == null ? "tester" : by,
        f.text(m, path, "comment", false),
        f.duration(m, path, "at"));
  }

  private TestFile.SignalAt signal(Object raw, String path) {
    Map<String, Object> m = f.map(raw, path);
    if (m == null) {
      return null;
    }
    f.keys(m, path, SIGNAL);
    String signal = f.text(m, path, "signal", true);
    if (signal != null && !SIGNALS.contains(signal)) {
      f.problem(path + ".signal", "'" + signal + "' is not one of " + String.join(", ", SIGNALS));
    }
    Duration at = f.duration(m, path, "at");
    String by = f.text(m, path, "by", false);
    return new TestFile.SignalAt(
        at == null ? Duration.ZERO : at,
        signal,
        by == null ? "tester" : by,
        f.text(m, path, "reason", false));
  }

  private TestFile.Expect expect(Object raw, String path) {
    if (raw == null) {
      f.problem(path, "is required: what the case expects (at least an outcome)");
      return null;
    }
    Map<String, Object> m = f.map(raw, path);
    if (m == null) {
      return null;
    }
    f.keys(m, path, EXPECT);
    String mode = f.text(m, path, "pathMode", false);
    if (mode != null && !mode.equals("exact") && !mode.equals("contains")) {
      f.problem(path + ".pathMode", "'" + mode + "' is not one of exact, contains");
    }
    List<TestFile.EscalationSpec> escalations = null;
    if (m.containsKey("escalations")) {
      escalations = new ArrayList<>();
      List<Object> list = f.optionalList(m, path, "escalations");
      for (int i = 0; i < list.size(); i++) {
        String p = FieldPaths.index(path + ".escalations", i);
        Map<String, Object> e = f.map(list.get(i), p);
        if (e != null) {
          f.keys(e, p, ESCALATION);
          escalations.add(
              new TestFile.EscalationSpec(
                  f.text(e, p, "route", false),
                  f.text(e, p, "severity", false),
                  f.text(e, p, "textContains", false)));
        }
      }
    }
    String errorType = null;
    if (m.containsKey("error")) {
      Map<String, Object> e = f.optionalMap(m, path, "error");
      f.keys(e, path + ".error", Set.of("type"));
      errorType = f.text(e, path + ".error", "type", true);
    }
    Duration min = null;
    Duration max = null;
    if (m.containsKey("duration")) {
      Map<String, Object> d = f.optionalMap(m, path, "duration");
      f.keys(d, path + ".duration", Set.of("min", "max"));
      min = f.duration(d, path + ".duration", "min");
      max = f.duration(d, path + ".duration", "max");
    }
    return new TestFile.Expect(
        f.text(m, path, "outcome", false),
        m.containsKey("path") ? f.strings(m, path, "path") : null,
        mode == null ? "exact" : mode,
        f.strings(m, path, "skipped"),
        f.strings(m, path, "outputs"),
        escalations,
        m.containsKey("compensations") ? f.strings(m, path, "compensations") : null,
        errorType,
        min,
        max);
  }
}
