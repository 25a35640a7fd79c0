package dev.runbooks.tester;

import dev.runbooks.language.Durations;
import dev.runbooks.language.expr.ExpressionException;
import dev.runbooks.language.expr.Expressions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a case's expectations against its run and says, for each that does not hold, what was
 * expected and what happened, as a readable diff.
 */
final class Expectations {
  private static final Expressions CEL = Expressions.standard();

  private Expectations() {}

  static List<String> check(TestFile.Expect expect, RunView run) {
    List<String> out = new ArrayList<>();
    if (expect.outcome() != null && !expect.outcome().equals(run.outcome())) {
      out.add("outcome: expected " + expect.outcome() + ", got " + run.outcome() + message(run));
    }
    List<String> path = run.path();
    if (expect.path() != null) {
      boolean ok =
          "contains".equals(expect.pathMode())
              ? containsInOrder(path, expect.path())
              : path.equals(expect.path());
      if (!ok) {
        out.add(
            "path ("
                + expect.pathMode()
                + "):\n"
                + Diffs.lines(expect.path(), path, "contains".equals(expect.pathMode())));
      }
    }
    for (String step : expect.skipped()) {
      if (path.contains(step)) {
        out.add("skipped: step '" + step + "' ran (path " + path + ")");
      }
    }
    Map<String, Object> vars = run.variables();
    for (String condition : expect.outputs()) {
      try {
        if (!CEL.test(condition, vars)) {
          out.add("outputs: '" + condition + "' is false" + Diffs.operands(CEL, condition, vars));
        }
      } catch (ExpressionException e) {
        out.add("outputs: " + e.getMessage());
      }
    }
    if (expect.escalations() != null) {
      escalations(expect.escalations(), run.escalations(), out);
    }
    if (expect.compensations() != null && !expect.compensations().equals(run.compensations())) {
      out.add("compensations: expected " + expect.compensations() + ", got " + run.compensations());
    }
    if (expect.errorType() != null && !expect.errorType().equals(run.errorType())) {
      out.add(
          "error: expected type " + expect.errorType() + ", got " + run.errorType() + message(run));
    }
    // to the nearest second: a run's start is stamped a few (real) milliseconds after the case's
    // clock starts, while simulated time stands still
    Duration took = Duration.ofSeconds(Math.round(run.durationMs() / 1000.0));
    if (expect.minDuration() != null && took.compareTo(expect.minDuration()) < 0) {
      out.add(
          "duration: expected at least "
              + Durations.format(expect.minDuration())
              + ", took "
              + Durations.format(took));
    }
    if (expect.maxDuration() != null && took.compareTo(expect.maxDuration()) > 0) {
      out.add(
          "duration: expected at most "
              + Durations.format(expect.maxDuration())
              + ", took "
              + Durations.format(took));
    }
    return out;
  }

  private static String message(RunView run) {
    Map<String, Object> vars = run.variables();
    Object r = vars.get("run");
    if (r instanceof Map<?, ?> m && m.get("message") != null) {
      return " (" + m.get("message") + ")";
    }
    return "";
  }

  private static void escalations(
      List<TestFile.EscalationSpec> expected, List<CaseRun.Escalation> got, List<String> out) {
    boolean ok = expected.size() == got.size();
    for (int i = 0; ok && i < expected.size(); i++) {
      ok = matches(expected.get(i), got.get(i));
    }
    if (!ok) {
      StringBuilder b = new StringBuilder("escalations:\n  expected:");
      if (expected.isEmpty()) {
        b.append(" none");
      }
      for (TestFile.EscalationSpec e : expected) {
        b.append("\n    - route ")
            .append(e.route())
            .append(", severity ")
            .append(e.severity())
            .append(e.textContains() == null ? "" : ", text contains '" + e.textContains() + "'");
      }
      b.append("\n  got:");
      if (got.isEmpty()) {
        b.append(" none");
      }
      for (CaseRun.Escalation e : got) {
        b.append("\n    - route ")
            .append(e.route())
            .append(", severity ")
            .append(e.severity())
            .append(" (step ")
            .append(e.step())
            .append("): ")
            .append(firstLine(e.text()));
      }
      out.add(b.toString());
    }
  }

  private static boolean matches(TestFile.EscalationSpec e, CaseRun.Escalation got) {
    return (e.route() == null || e.route().equals(got.route()))
        && (e.severity() == null || e.severity().equals(got.severity()))
        && (e.textContains() == null
            || (got.text() != null && got.text().contains(e.textContains())));
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  static boolean containsInOrder(List<String> path, List<String> wanted) {
    int i = 0;
    for (String step : path) {
      if (i < wanted.size() && wanted.get(i).equals(step)) {
        i++;
      }
    }
    return i == wanted.size();
  }
}
