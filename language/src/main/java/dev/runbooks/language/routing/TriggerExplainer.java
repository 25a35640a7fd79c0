package dev.runbooks.language.routing;

import dev.runbooks.language.Durations;
import dev.runbooks.language.expr.Expressions;
import dev.runbooks.language.model.LabelMatcher;
import dev.runbooks.language.model.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Says in words why a trigger matches an alert or not, with the same checks as {@link
 * TriggerMatcher} in the same order. Pure and thread-safe.
 */
final class TriggerExplainer {
  private TriggerExplainer() {}

  /** What explaining one trigger found. */
  record Finding(boolean matched, boolean failed, boolean stale, List<String> reasons) {}

  static Finding explain(Trigger trigger, Alert alert, Map<String, Object> view, Instant now) {
    List<String> held = new ArrayList<>();
    List<String> failing = new ArrayList<>();
    source(trigger, alert, held, failing);
    alertName(trigger, alert, held, failing);
    boolean failed = false;
    for (Map.Entry<String, LabelMatcher> e : trigger.labels().entrySet()) {
      String label = alert.labels().get(e.getKey());
      try {
        boolean holds = TriggerMatcher.holds(e.getValue(), label);
        (holds ? held : failing).add(label(e.getKey(), e.getValue(), label, holds));
      } catch (RuntimeException ex) {
        failing.add("label " + e.getKey() + ": the matcher could not be evaluated: " + message(ex));
        failed |= failing.size() == 1; // the router fails only when nothing failed before
      }
    }
    if (trigger.when() != null) {
      if (failing.isEmpty()) {
        try {
          boolean ok = Expressions.standard().test(trigger.when(), Map.of("alert", view));
          (ok ? held : failing).add("when: " + trigger.when() + " is " + ok);
        } catch (RuntimeException ex) {
          failing.add("when: " + trigger.when() + " could not be evaluated: " + message(ex));
          failed = true;
        }
      } else {
        failing.add("when: " + trigger.when() + " was not evaluated");
      }
    }
    boolean matched = failing.isEmpty();
    if (!matched) {
      return new Finding(false, failed, false, failing);
    }
    boolean stale = false;
    if (trigger.maxAge() != null) {
      stale = AlertAges.stale(trigger, alert, now);
      held.add(maxAge(trigger.maxAge(), alert, now, stale));
    }
    return new Finding(true, false, stale, held);
  }

  private static void source(Trigger trigger, Alert alert, List<String> held, List<String> out) {
    if (trigger.source().equals(Trigger.ANY_SOURCE)) {
      return;
    }
    boolean ok = TriggerMatcher.sourceMatches(trigger.source(), alert.source());
    String wanted =
        trigger.source().equals("generic") ? "generic or generic/<name>" : trigger.source();
    String actual = alert.source().isEmpty() ? "(none)" : alert.source();
    (ok ? held : out).add("source " + actual + (ok ? " is " : " is not ") + wanted);
  }

  private static void alertName(Trigger trigger, Alert alert, List<String> held, List<String> out) {
    List<String> names = trigger.alertNames();
    if (names.isEmpty()) {
      return;
    }
    boolean ok = names.contains(alert.name());
    String wanted = names.size() == 1 ? names.get(0) : "one of " + names;
    String actual = alert.name().isEmpty() ? "(none)" : alert.name();
    (ok ? held : out).add("alertname " + actual + (ok ? " is " : " is not ") + wanted);
  }

  private static String label(String name, LabelMatcher m, String value, boolean holds) {
    String have = value == null ? "label " + name + " is absent" : "label " + name + "=" + value;
    if (m.op() == LabelMatcher.Op.EXISTS) {
      boolean present = value != null && !value.isEmpty();
      if (holds) {
        return "label " + name + (present ? " is present" : " is absent");
      }
      return present
          ? have + " is present, and the trigger needs it absent"
          : "label " + name + " is absent, and the trigger needs it";
    }
    return have + (holds ? " matches " : " does not match ") + wanted(name, m);
  }

  private static String wanted(String name, LabelMatcher m) {
    return switch (m.op()) {
      case EQUALS -> name + "=" + m.value();
      case NOT_EQUALS -> name + "!=" + m.value();
      case IN -> name + " in " + m.values();
      case NOT_IN -> name + " notIn " + m.values();
      case REGEX -> name + "=~" + m.value();
      case NOT_REGEX -> name + "!~" + m.value();
      case EXISTS -> name + " exists " + m.value();
    };
  }

  private static String maxAge(Duration maxAge, Alert alert, Instant now, boolean stale) {
    String limit = "maxAge " + Durations.format(maxAge) + ": ";
    if (alert.resolved()) {
      return limit + "the alert is resolved, so its age does not matter";
    }
    return AlertAges.age(alert, now)
        .map(
            age ->
                limit
                    + "the alert started "
                    + Durations.format(age.truncatedTo(ChronoUnit.SECONDS))
                    + " ago"
                    + (stale ? ", so it starts no run" : ""))
        .orElse(limit + "the alert has no start time, so it counts as new");
  }

  private static String message(RuntimeException e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}
