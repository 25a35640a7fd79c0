package dev.runbooks.language.inputs;

import dev.runbooks.language.Regexes;
import dev.runbooks.language.model.InputConstraints;
import java.util.List;
import java.util.Optional;

/**
 * Checks a value already coerced to its input's type against the input's constraints. Pure: the
 * compiler calls it for defaults, the binder for the values given at start.
 */
public final class InputConstraintCheck {
  private InputConstraintCheck() {}

  /**
   * The problem with a value, as a phrase that reads after the input's name (such as {@code must
   * match ^[a-z]+$, not 'Web-1'}), or empty when it satisfies every constraint.
   *
   * @param c the input's constraints
   * @param value the value, coerced to the input's type
   */
  public static Optional<String> problem(InputConstraints c, Object value) {
    if (value == null || !c.any()) {
      return Optional.empty();
    }
    if (!c.allowed().isEmpty() && !allowed(c.allowed(), value)) {
      return Optional.of(
          "must be one of " + render(c.allowed()) + ", not " + render(List.of(value)));
    }
    if (c.pattern() != null
        && value instanceof String s
        && Regexes.problem(c.pattern()).isEmpty()
        && !Regexes.matchesWhole(c.pattern(), s)) {
      return Optional.of("must match the pattern " + c.pattern() + ", not '" + shown(s) + "'");
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (c.min() != null && d < c.min()) {
        return Optional.of("must be at least " + number(c.min()) + ", not " + value);
      }
      if (c.max() != null && d > c.max()) {
        return Optional.of("must be at most " + number(c.max()) + ", not " + value);
      }
    }
    return Optional.empty();
  }

  private static boolean allowed(List<Object> allowed, Object value) {
    for (Object a : allowed) {
      if (a.equals(value)
          || (a instanceof Number x
              && value instanceof Number y
              && x.doubleValue() == y.doubleValue())) {
        return true;
      }
    }
    return false;
  }

  private static String render(List<Object> values) {
    StringBuilder out = new StringBuilder();
    for (Object v : values) {
      if (!out.isEmpty()) {
        out.append(", ");
      }
      out.append(v instanceof String s ? "'" + shown(s) + "'" : String.valueOf(v));
    }
    return out.toString();
  }

  /**
   * A bound as a message shows it: without a needless {@code .0}.
   *
   * @param d the bound
   */
  public static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  private static String shown(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
