package dev.runbooks.activities.internal;

import dev.runbooks.activities.StepFailures;
import dev.runbooks.language.expr.ExpressionException;
import dev.runbooks.language.expr.Expressions;
import java.util.List;
import java.util.Map;

/**
 * A step's {@code expect}: a CEL condition over {@code result}, checked when bound and when run.
 */
final class ResultExpect {
  private ResultExpect() {}

  /** The condition, or null; fails with {@code InvalidStepConfig} when it is not valid CEL. */
  static String bind(ConfigReader in) {
    String expect = in.string("expect").orElse(null);
    if (expect != null) {
      List<String> problems = Expressions.standard().check(expect, Expressions.Expect.BOOL);
      if (!problems.isEmpty()) {
        throw in.invalid("expect", "is not a valid condition: " + String.join("; ", problems));
      }
    }
    return expect;
  }

  /** Fails with a retryable {@code ExpectationFailed} carrying the result when it is not met. */
  static void check(String condition, String what, Map<String, Object> result, String summary) {
    if (condition == null) {
      return;
    }
    boolean ok;
    try {
      ok = Expressions.standard().test(condition, Map.of("result", result));
    } catch (ExpressionException e) {
      throw StepFailures.retryable(
          what + ": expect '" + condition + "' could not be evaluated: " + e.getMessage(),
          StepFailures.EXPECTATION_FAILED,
          result);
    }
    if (!ok) {
      throw StepFailures.retryable(
          what + ": result does not satisfy expect '" + condition + "' (" + summary + ")",
          StepFailures.EXPECTATION_FAILED,
          result);
    }
  }
}
