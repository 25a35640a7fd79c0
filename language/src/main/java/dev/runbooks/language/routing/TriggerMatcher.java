package dev.runbooks.language.routing;

import dev.runbooks.language.Regexes;
import dev.runbooks.language.expr.Expressions;
import dev.runbooks.language.model.LabelMatcher;
import dev.runbooks.language.model.Trigger;
import java.util.Map;

/**
 * Whether one trigger matches one alert: source, alert name, every label matcher and the {@code
 * when} condition, in that order. Pure and thread-safe; regexes run on RE2/J (see {@link Regexes}),
 * in time linear in the label's length.
 */
final class TriggerMatcher {
  private TriggerMatcher() {}

  /**
   * Whether the trigger matches.
   *
   * @param view the alert's expression view, as {@code alert}
   * @throws RuntimeException when {@code when} fails to evaluate or a regex does not compile
   */
  static boolean matches(Trigger trigger, Alert alert, Map<String, Object> view) {
    if (!sourceMatches(trigger.source(), alert.source())) {
      return false;
    }
    if (!trigger.alertNames().isEmpty() && !trigger.alertNames().contains(alert.name())) {
      return false;
    }
    for (Map.Entry<String, LabelMatcher> e : trigger.labels().entrySet()) {
      if (!holds(e.getValue(), alert.labels().get(e.getKey()))) {
        return false;
      }
    }
    return trigger.when() == null
        || Expressions.standard().test(trigger.when(), Map.of("alert", view));
  }

  /**
   * Whether an alert's source fits a trigger's: {@code any} fits every source, {@code generic} fits
   * {@code generic} and every {@code generic/<name>}, anything else must be equal.
   */
  static boolean sourceMatches(String wanted, String actual) {
    if (wanted.equals(Trigger.ANY_SOURCE)) {
      return true;
    }
    if (wanted.equals("generic")) {
      return actual.equals("generic") || actual.startsWith("generic/");
    }
    return wanted.equalsIgnoreCase(actual);
  }

  /** Whether a label matcher holds for a label value (null when the label is absent). */
  static boolean holds(LabelMatcher m, String label) {
    String v = label == null ? "" : label;
    return switch (m.op()) {
      case EQUALS -> v.equals(m.value());
      case NOT_EQUALS -> !v.equals(m.value());
      case IN -> m.values().contains(v);
      case NOT_IN -> !m.values().contains(v);
      case REGEX -> Regexes.matchesWhole(m.value(), v);
      case NOT_REGEX -> !Regexes.matchesWhole(m.value(), v);
      case EXISTS -> !v.isEmpty() == Boolean.parseBoolean(m.value());
    };
  }
}
