package dev.runbooks.starter.inbox.internal;

import dev.runbooks.language.Regexes;
import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.expr.Expressions;
import dev.runbooks.language.model.LabelMatcher;
import dev.runbooks.language.model.Trigger;
import dev.runbooks.language.routing.Alert;
import dev.runbooks.starter.inbox.internal.AlertExplanation.TriggerVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each trigger of each runbook against one alert, with the reason it matched or not: source, alert
 * name, each label matcher and {@code when}, in the order the router checks them, up to the first
 * that fails. A runbook's triggers after the first that matched are reported as not considered.
 */
final class TriggerVerdicts {
  private TriggerVerdicts() {}

  /** The verdicts, runbook by runbook (in the order given), trigger by trigger. */
  static List<TriggerVerdict> of(Alert alert, List<CompiledRunbook> runbooks) {
    Map<String, Object> view = alert.toExpressionView();
    List<TriggerVerdict> verdicts = new ArrayList<>();
    for (CompiledRunbook runbook : runbooks) {
      boolean found = false;
      List<Trigger> triggers = runbook.definition().triggers();
      for (int i = 0; i < triggers.size(); i++) {
        Trigger t = triggers.get(i);
        String path = t.path() == null ? "triggers[" + i + "]" : t.path();
        if (found) {
          verdicts.add(
              new TriggerVerdict(
                  runbook.name(),
                  i,
                  path,
                  false,
                  List.of("not considered: an earlier trigger of this runbook matched")));
          continue;
        }
        List<String> reasons = new ArrayList<>();
        boolean matched = check(t, alert, view, reasons);
        found = matched;
        verdicts.add(new TriggerVerdict(runbook.name(), i, path, matched, reasons));
      }
    }
    return verdicts;
  }

  private static boolean check(
      Trigger t, Alert alert, Map<String, Object> view, List<String> reasons) {
    if (!sourceMatches(t.source(), alert.source())) {
      reasons.add("source " + alert.source() + " is not " + t.source());
      return false;
    }
    reasons.add("source " + alert.source() + " fits " + t.source());
    if (!t.alertNames().isEmpty()) {
      if (!t.alertNames().contains(alert.name())) {
        reasons.add("alert name " + alert.name() + " is not one of " + t.alertNames());
        return false;
      }
      reasons.add("alert name " + alert.name() + " is listed");
    }
    for (Map.Entry<String, LabelMatcher> e : t.labels().entrySet()) {
      String value = alert.labels().get(e.getKey());
      boolean holds;
      try {
        holds = holds(e.getValue(), value);
      } catch (RuntimeException ex) {
        reasons.add("label " + e.getKey() + ": " + message(ex));
        return false;
      }
      String shown = value == null ? "absent" : "'" + value + "'";
      String text = "label " + e.getKey() + " " + shown + " " + e.getValue();
      reasons.add(text + (holds ? ": holds" : ": does not hold"));
      if (!holds) {
        return false;
      }
    }
    if (t.when() != null) {
      try {
        if (!Expressions.standard().test(t.when(), Map.of("alert", view))) {
          reasons.add("when " + t.when() + " is false");
          return false;
        }
        reasons.add("when " + t.when() + " is true");
      } catch (RuntimeException ex) {
        reasons.add("when " + t.when() + " failed: " + message(ex));
        return false;
      }
    }
    return true;
  }

  private static boolean sourceMatches(String wanted, String actual) {
    if (wanted.equals(Trigger.ANY_SOURCE)) {
      return true;
    }
    if (wanted.equals("generic")) {
      return actual.equals("generic") || actual.startsWith("generic/");
    }
    return wanted.equalsIgnoreCase(actual);
  }

  private static boolean holds(LabelMatcher m, String label) {
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

  private static String message(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
