package dev.runbooks.language.compile;

import dev.runbooks.language.expr.Expressions;
import dev.runbooks.language.expr.Expressions.Expect;
import dev.runbooks.language.expr.Templates;
import dev.runbooks.language.model.InputSpec;
import dev.runbooks.language.model.Runbook;
import dev.runbooks.language.model.Trigger;
import dev.runbooks.language.parse.FieldPaths;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the expressions and inputs of every trigger: CEL in {@code when}, templates in {@code
 * inputs} and {@code dedupKey} (which may refer to {@code alert} only, since no run exists when an
 * alert is routed), input names and constant values against the declared inputs, and that every
 * required input is supplied by every trigger.
 */
final class TriggerCheck {
  /** Variables that exist in a run but not when an alert is routed. */
  private static final List<String> RUN_ONLY =
      List.of("inputs", "steps", "run", "result", "item", "index", "error");

  private static final Pattern FREE_NAME =
      Pattern.compile(
          "(?<![\\w.])(" + String.join("|", RUN_ONLY) + ")\\b(?!\\s*\\()", Pattern.MULTILINE);
  private static final Pattern MACRO_BINDER =
      Pattern.compile("\\.(?:all|exists|exists_one|map|filter)\\(\\s*([A-Za-z_]\\w*)\\s*,");
  private static final Pattern STRING_LITERAL =
      Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

  private final Problems problems;
  private final Runbook runbook;

  TriggerCheck(Problems problems, Runbook runbook) {
    this.problems = problems;
    this.runbook = runbook;
  }

  void check() {
    runbook.triggers().forEach(this::trigger);
  }

  private void trigger(Trigger t) {
    String path = t.path();
    if (t.source().equals(Trigger.ANY_SOURCE)
        && t.alertNames().isEmpty()
        && t.labels().isEmpty()
        && t.when() == null) {
      problems.at(
          path, "trigger matches every alert: add an alertname, labels, a source or a when");
    }
    if (t.when() != null) {
      cel(t.when(), Expect.BOOL, path + ".when");
    }
    t.inputs().forEach((name, value) -> input(name, value, path + ".inputs." + name));
    if (t.dedupKey() != null) {
      template(t.dedupKey(), path + ".dedupKey");
    }
    InputChecks.required(problems, runbook.inputs(), t.inputs().keySet(), "trigger", path);
  }

  private void input(String name, Object value, String path) {
    InputSpec spec = InputChecks.declared(problems, runbook.inputs(), name, path);
    if (spec != null && !tree(value, path)) {
      InputChecks.constant(problems, runbook.name(), spec, value, path);
    }
  }

  /** Checks every template in a value; returns whether there was any. */
  private boolean tree(Object value, String path) {
    boolean any = false;
    if (value instanceof String s) {
      any = s.contains("${{");
      template(s, path);
    } else if (value instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        any |= tree(e.getValue(), FieldPaths.child(path, String.valueOf(e.getKey())));
      }
    } else if (value instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        any |= tree(l.get(i), FieldPaths.index(path, i));
      }
    }
    return any;
  }

  private void template(String text, String path) {
    for (String expr : Templates.expressionsIn(text)) {
      cel(expr, Expect.ANY, path);
    }
  }

  private void cel(String source, Expect expect, String path) {
    for (String name : outOfScope(source)) {
      problems.at(
          path,
          "only alert is in scope in a trigger, not '"
              + name
              + "': triggers are evaluated when the alert arrives, before any run exists");
    }
    for (String message : Expressions.standard().check(source, expect)) {
      problems.at(path, message);
    }
  }

  /** The run-only variables an expression names (string literals and macro variables aside). */
  static Set<String> outOfScope(String source) {
    return named(source, FREE_NAME);
  }

  /** The variables among {@code names} an expression names (literals and macro variables aside). */
  static Set<String> outOfScope(String source, List<String> names) {
    return named(
        source,
        Pattern.compile(
            "(?<![\\w.])(" + String.join("|", names) + ")\\b(?!\\s*\\()", Pattern.MULTILINE));
  }

  private static Set<String> named(String source, Pattern freeName) {
    String code = STRING_LITERAL.matcher(source).replaceAll("\"\"").replaceAll("\\s*\\.\\s*", ".");
    Set<String> binders = new LinkedHashSet<>();
    Matcher b = MACRO_BINDER.matcher(code);
    while (b.find()) {
      binders.add(b.group(1));
    }
    Set<String> names = new LinkedHashSet<>();
    Matcher m = freeName.matcher(code);
    while (m.find()) {
      if (!binders.contains(m.group(1))) {
        names.add(m.group(1));
      }
    }
    return names;
  }
}
