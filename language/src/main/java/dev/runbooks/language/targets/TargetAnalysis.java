package dev.runbooks.language.targets;

import dev.runbooks.language.expr.CelText;
import dev.runbooks.language.expr.Templates;
import dev.runbooks.language.model.Runbook;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import dev.runbooks.language.model.Trigger;
import dev.runbooks.language.steps.ActionKind;
import dev.runbooks.language.steps.ActionKinds;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the destinations whose host comes from alert data: a template in the host part of a URL
 * field (or in a host field) that reads {@code alert}, or an input that some trigger fills from
 * {@code alert} (such as {@code base_url: http://${{ alert.labels.instance }}}). Pure and static:
 * it reads the runbook, not a run, so it is the same in the compiler (which warns when such a
 * runbook has no {@code targets:}) and in the interpreter (which tells the activity, so that
 * loopback is refused for these hosts when an alert started the run).
 *
 * <p>It follows {@code alert} and inputs only: a host computed from a step's output or a {@code
 * foreach} item is not traced.
 */
public final class TargetAnalysis {
  private static final Pattern ALERT = Pattern.compile("(?<![\\w.])alert\\b");
  private static final Pattern INPUT =
      Pattern.compile(
          "(?<![\\w.])inputs\\s*(?:\\.\\s*([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*['\"]([^'\"]+)['\"]\\s*])");

  /**
   * One destination field whose host comes from alert data.
   *
   * @param stepId the step
   * @param path the field path, such as {@code steps[2].http.url}
   * @param via what carries the alert data: {@code alert} or {@code inputs.base_url}
   */
  public record AlertHost(String stepId, String path, String via) {}

  private TargetAnalysis() {}

  /** The inputs some trigger fills with a template that reads {@code alert}, sorted. */
  public static Set<String> alertInputs(Runbook runbook) {
    Set<String> out = new TreeSet<>();
    for (Trigger trigger : runbook.triggers()) {
      trigger
          .inputs()
          .forEach(
              (name, value) -> {
                if (value instanceof String s && readsAlert(Templates.expressionsIn(s))) {
                  out.add(name);
                }
              });
    }
    return out;
  }

  /** Every destination field of the given steps whose host comes from alert data. */
  public static List<AlertHost> alertHosts(Runbook runbook, Collection<Step> steps) {
    Set<String> inputs = alertInputs(runbook);
    List<AlertHost> out = new ArrayList<>();
    for (Step step : steps) {
      StepBody.Action action = null;
      String path = step.path() + "." + step.type();
      if (step.body() instanceof StepBody.Action a) {
        action = a;
      } else if (step.body() instanceof StepBody.WaitUntil w && !w.probe().type().isEmpty()) {
        action = w.probe();
        path = path + ".probe." + action.type();
      }
      if (action == null) {
        continue;
      }
      Optional<ActionKind> kind = ActionKinds.find(action.type());
      if (kind.isEmpty()) {
        continue;
      }
      Map<String, Boolean> fields = new LinkedHashMap<>();
      kind.get().urlFields().forEach(f -> fields.put(f, true));
      kind.get().hostFields().forEach(f -> fields.put(f, false));
      for (var field : fields.entrySet()) {
        if (!(valueAt(action.config(), field.getKey()) instanceof String text)) {
          continue;
        }
        List<String> hostExpressions =
            field.getValue() ? prefixExpressions(text) : Templates.expressionsIn(text);
        via(hostExpressions, inputs)
            .ifPresent(v -> out.add(new AlertHost(step.id(), pathOf(step, field.getKey()), v)));
      }
    }
    return out;
  }

  /** The ids of the steps with a destination whose host comes from alert data. */
  public static Set<String> alertHostSteps(Runbook runbook, Collection<Step> steps) {
    Set<String> out = new LinkedHashSet<>();
    alertHosts(runbook, steps).forEach(h -> out.add(h.stepId()));
    return out;
  }

  private static String pathOf(Step step, String field) {
    String base = step.path() + "." + step.type();
    if (step.body() instanceof StepBody.WaitUntil w) {
      base = base + ".probe." + w.probe().type();
    }
    return base + "." + field;
  }

  /** The expressions of the templates that land in a URL's scheme and authority. */
  static List<String> prefixExpressions(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder soFar = new StringBuilder();
    int last = 0;
    for (Templates.Found found : Templates.find(text)) {
      soFar.append(text, last, found.start());
      last = found.end();
      boolean prefix =
          Templates.isRaw(found.source()) || Templates.partAfter(soFar) == Templates.UrlPart.PREFIX;
      if (prefix) {
        out.add(Templates.expressionOf(found.source()));
      }
      // a stand-in for the value: a prefix value may hold the rest of a URL, a path value does not
      soFar.append(prefix ? (soFar.indexOf("://") < 0 ? "s://h" : "h") : "v");
    }
    return out;
  }

  private static Optional<String> via(List<String> expressions, Set<String> alertInputs) {
    for (String expression : expressions) {
      String code = CelText.blankStringLiterals(expression);
      if (ALERT.matcher(code).find()) {
        return Optional.of("alert");
      }
      Matcher m = INPUT.matcher(code);
      while (m.find()) {
        String name = m.group(1) != null ? m.group(1) : m.group(2);
        if (alertInputs.contains(name)) {
          return Optional.of("inputs." + name);
        }
      }
    }
    return Optional.empty();
  }

  private static boolean readsAlert(List<String> expressions) {
    return expressions.stream().anyMatch(e -> ALERT.matcher(CelText.blankStringLiterals(e)).find());
  }

  private static Object valueAt(Map<String, Object> config, String dotted) {
    Object v = config;
    for (String part : dotted.split("\\.")) {
      if (!(v instanceof Map<?, ?> m)) {
        return null;
      }
      v = m.get(part);
    }
    return v;
  }
}
