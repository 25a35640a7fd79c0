package dev.runbooks.tester;

import dev.runbooks.language.Durations;
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

  private final SourceMap where;
  private final List<Problem> problems = new ArrayList<>();

  private TestFileReader(SourceMap where) {
    this.where = where;
  }

  static Result read(String text, Path file, String label) {
    ParsedYaml parsed = YamlParser.parse(text, label);
    if (!parsed.problems().isEmpty()) {
      return new Result(null, parsed.problems());
    }
    TestFileReader r = new TestFileReader(parsed.locations());
    TestFile read = r.file(parsed.root(), file);
    return r.problems.isEmpty() ? new Result(read, List.of()) : new Result(null, r.problems);
  }

  private TestFile file(Object root, Path file) {
    Map<String, Object> m = map(root, "");
    if (m == null) {
      return null;
    }
    keys(m, "", TOP);
    if (!"runbooks.dev/v1".equals(m.get("apiVersion"))) {
      problem("apiVersion", "must be 'runbooks.dev/v1'");
    }
    if (!"RunbookTest".equals(m.get("kind"))) {
      problem("kind", "must be 'RunbookTest'");
    }
    String runbook = text(m, "", "runbook", true);
    List<Object> cases = list(m.get("cases"), "cases");
    if (cases == null || cases.isEmpty()) {
      problem("cases", "is required: a list of at least one case");
      return null;
    }
    List<TestFile.Case> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < cases.size(); i++) {
      String path = FieldPaths.index("cases", i);
      TestFile.Case c = testCase(cases.get(i), path);
      if (c != null && !names.add(c.name())) {
        problem(path + ".name", "'" + c.name() + "' names another case of this file too");
      }
      out.add(c);
    }
    return new TestFile(file, runbook, out);
  }

  private TestFile.Case testCase(Object raw, String path) {
    Map<String, Object> m = map(raw, path);
    if (m == null) {
      return null;
    }
    keys(m, path, CASE);
    String name = text(m, path, "name", true);
    Map<String, TestFile.Mock> mocks = new LinkedHashMap<>();
    Map<String, Object> rawMocks = optionalMap(m, path, "mocks");
    rawMocks.forEach(
        (step, v) -> mocks.put(step, mock(v, FieldPaths.child(path + ".mocks", step))));
    List<TestFile.DecisionAt> decisions = new ArrayList<>();
    List<Object> rawDecisions = optionalList(m, path, "decisions");
    for (int i = 0; i < rawDecisions.size(); i++) {
      decisions.add(decision(rawDecisions.get(i), FieldPaths.index(path + ".decisions", i)));
    }
    List<TestFile.SignalAt> signals = new ArrayList<>();
    List<Object> rawSignals = optionalList(m, path, "signals");
    for (int i = 0; i < rawSignals.size(); i++) {
      signals.add(signal(rawSignals.get(i), FieldPaths.index(path + ".signals", i)));
    }
    return new TestFile.Case(
        name,
        text(m, path, "description", false),
        where.value(path).line(),
        optionalMap(m, path, "inputs"),
        m.containsKey("alert") ? optionalMap(m, path, "alert") : null,
        Boolean.TRUE.equals(m.get("dryRun")),
        strings(m, path, "live"),
        mocks,
        decisions,
        signals,
        expect(m.get("expect"), path + ".expect"));
  }

  private TestFile.Mock mock(Object raw, String path) {
    Map<String, Object> m = map(raw, path);
    if (m == null) {
      return null;
    }
    keys(m, path, MOCK);
    if (m.containsKey("sequence")) {
      if (m.containsKey("result") || m.containsKey("error")) {
        problem(path + ".sequence", "goes without result and error (give them in each entry)");
      }
      List<Object> seq = list(m.get("sequence"), path + ".sequence");
      List<TestFile.Answer> answers = new ArrayList<>();
      for (int i = 0; seq != null && i < seq.size(); i++) {
        String p = FieldPaths.index(path + ".sequence", i);
        Map<String, Object> e = map(seq.get(i), p);
        if (e != null) {
          keys(e, p, ANSWER);
          answers.add(answer(e, p));
        }
      }
      if (answers.isEmpty()) {
        problem(path + ".sequence", "needs at least one entry");
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
      Map<String, Object> e = map(m.get("error"), p);
      if (e != null) {
        keys(e, p, ERROR);
        String type = text(e, p, "type", true);
        String message = text(e, p, "message", false);
        error =
            new TestFile.ErrorSpec(
                type, message == null ? type : message, Boolean.TRUE.equals(e.get("nonRetryable")));
      }
      if (m.containsKey("result")) {
        problem(path + ".result", "goes with error: give one of them");
      }
    }
    Map<String, Object> result =
        m.containsKey("result") ? optionalMap(m, path, "result") : Map.of();
    Duration duration = duration(m, path, "duration");
    return new TestFile.Answer(result, error, duration == null ? Duration.ZERO : duration);
  }

  private TestFile.DecisionAt decision(Object raw, String path) {
    Map<String, Object> m = map(raw, path);
    if (m == null) {
      return null;
    }
    keys(m, path, DECISION);
    String action = text(m, path, "action", true);
    if (action != null && !ACTIONS.contains(action)) {
      problem(path + ".action", "'" + action + "' is not one of approve, reject, acknowledge");
    }
    String by = text(m, path, "by", false);
    return new TestFile.DecisionAt(
        text(m, path, "step", false),
        action,
        by == null ? "tester" : by,
        text(m, path, "comment", false),
        duration(m, path, "at"));
  }

  private TestFile.SignalAt signal(Object raw, String path) {
    Map<String, Object> m = map(raw, path);
    if (m == null) {
      return null;
    }
    keys(m, path, SIGNAL);
    String signal = text(m, path, "signal", true);
    if (signal != null && !SIGNALS.contains(signal)) {
      problem(path + ".signal", "'" + signal + "' is not one of " + String.join(", ", SIGNALS));
    }
    Duration at = duration(m, path, "at");
    String by = text(m, path, "by", false);
    return new TestFile.SignalAt(
        at == null ? Duration.ZERO : at,
        signal,
        by == null ? "tester" : by,
        text(m, path, "reason", false));
  }

  private TestFile.Expect expect(Object raw, String path) {
    if (raw == null) {
      problem(path, "is required: what the case expects (at least an outcome)");
      return null;
    }
    Map<String, Object> m = map(raw, path);
    if (m == null) {
      return null;
    }
    keys(m, path, EXPECT);
    String mode = text(m, path, "pathMode", false);
    if (mode != null && !mode.equals("exact") && !mode.equals("contains")) {
      problem(path + ".pathMode", "'" + mode + "' is not one of exact, contains");
    }
    List<TestFile.EscalationSpec> escalations = null;
    if (m.containsKey("escalations")) {
      escalations = new ArrayList<>();
      List<Object> list = optionalList(m, path, "escalations");
      for (int i = 0; i < list.size(); i++) {
        String p = FieldPaths.index(path + ".escalations", i);
        Map<String, Object> e = map(list.get(i), p);
        if (e != null) {
          keys(e, p, ESCALATION);
          escalations.add(
              new TestFile.EscalationSpec(
                  text(e, p, "route", false),
                  text(e, p, "severity", false),
                  text(e, p, "textContains", false)));
        }
      }
    }
    String errorType = null;
    if (m.containsKey("error")) {
      Map<String, Object> e = optionalMap(m, path, "error");
      keys(e, path + ".error", Set.of("type"));
      errorType = text(e, path + ".error", "type", true);
    }
    Duration min = null;
    Duration max = null;
    if (m.containsKey("duration")) {
      Map<String, Object> d = optionalMap(m, path, "duration");
      keys(d, path + ".duration", Set.of("min", "max"));
      min = duration(d, path + ".duration", "min");
      max = duration(d, path + ".duration", "max");
    }
    return new TestFile.Expect(
        text(m, path, "outcome", false),
        m.containsKey("path") ? strings(m, path, "path") : null,
        mode == null ? "exact" : mode,
        strings(m, path, "skipped"),
        strings(m, path, "outputs"),
        escalations,
        m.containsKey("compensations") ? strings(m, path, "compensations") : null,
        errorType,
        min,
        max);
  }

  // --- helpers ---

  private void problem(String path, String message) {
    problems.add(new Problem(where.value(path), path, message));
  }

  private void keys(Map<String, Object> m, String path, Set<String> known) {
    for (String key : m.keySet()) {
      if (!known.contains(key)) {
        String p = FieldPaths.child(path, key);
        problems.add(
            new Problem(
                where.key(p),
                p,
                "is not a field here (known: "
                    + String.join(", ", known.stream().sorted().toList())
                    + ")"));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(Object raw, String path) {
    if (raw instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    problem(path, "must be a map");
    return null;
  }

  @SuppressWarnings("unchecked")
  private List<Object> list(Object raw, String path) {
    if (raw == null) {
      return null;
    }
    if (raw instanceof List<?> l) {
      return (List<Object>) l;
    }
    problem(path, "must be a list");
    return null;
  }

  private Map<String, Object> optionalMap(Map<String, Object> m, String path, String key) {
    Object raw = m.get(key);
    if (raw == null) {
      return Map.of();
    }
    Map<String, Object> out = map(raw, FieldPaths.child(path, key));
    return out == null ? Map.of() : out;
  }

  private List<Object> optionalList(Map<String, Object> m, String path, String key) {
    List<Object> out = list(m.get(key), FieldPaths.child(path, key));
    return out == null ? List.of() : out;
  }

  private List<String> strings(Map<String, Object> m, String path, String key) {
    List<Object> raw = optionalList(m, path, key);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Object v = raw.get(i);
      if (v instanceof String || v instanceof Number || v instanceof Boolean) {
        out.add(String.valueOf(v));
      } else {
        problem(FieldPaths.index(FieldPaths.child(path, key), i), "must be a string");
      }
    }
    return out;
  }

  private String text(Map<String, Object> m, String path, String key, boolean required) {
    Object v = m.get(key);
    String p = FieldPaths.child(path, key);
    if (v == null) {
      if (required) {
        problem(p.isEmpty() ? key : p, "is required");
      }
      return null;
    }
    if (v instanceof Map || v instanceof List) {
      problem(p, "must be a string");
      return null;
    }
    return String.valueOf(v);
  }

  private Duration duration(Map<String, Object> m, String path, String key) {
    String text = text(m, path, key, false);
    if (text == null) {
      return null;
    }
    try {
      return Durations.parse(text);
    } catch (RuntimeException e) {
      problem(
          FieldPaths.child(path, key), "'" + text + "' is not a duration such as 30s, 5m or 1h");
      return null;
    }
  }
}
