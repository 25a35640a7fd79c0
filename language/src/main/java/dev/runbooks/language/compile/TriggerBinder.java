package dev.runbooks.language.compile;

import static dev.runbooks.language.compile.Problems.map;
import static dev.runbooks.language.compile.Problems.string;

import dev.runbooks.language.Regexes;
import dev.runbooks.language.expr.Templates;
import dev.runbooks.language.model.LabelMatcher;
import dev.runbooks.language.model.OnResolved;
import dev.runbooks.language.model.Trigger;
import dev.runbooks.language.parse.FieldPaths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Binds the {@code triggers:} list to {@link Trigger} records, reporting what only binding can see:
 * unknown sources, label matchers with no or several operators, regexes that do not compile and bad
 * cooldowns. Expressions and inputs are checked afterwards by {@link TriggerCheck}.
 */
final class TriggerBinder {
  private static final Pattern SOURCE =
      Pattern.compile("alertmanager|grafana|generic|generic/[A-Za-z0-9][A-Za-z0-9._-]*|any");

  private final Problems problems;

  TriggerBinder(Problems problems) {
    this.problems = problems;
  }

  /** Binds the list; elements that are not maps are skipped (the schema reported them). */
  List<Trigger> list(Object raw) {
    List<Trigger> triggers = new ArrayList<>();
    List<Object> items = Problems.list(raw);
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) instanceof Map<?, ?>) {
        triggers.add(trigger(map(items.get(i)), FieldPaths.index("triggers", i)));
      }
    }
    return triggers;
  }

  private Trigger trigger(Map<String, Object> raw, String path) {
    String source = string(raw, "source", Trigger.ANY_SOURCE);
    if (!SOURCE.matcher(source).matches()) {
      problems.at(
          path + ".source",
          "unknown source '"
              + source
              + "': use alertmanager, grafana, generic, generic/<name> or any");
    }
    List<String> names = new ArrayList<>();
    Object alertname = raw.get("alertname");
    if (alertname instanceof String s) {
      names.add(s);
    } else {
      names.addAll(Problems.strings(alertname));
    }
    Map<String, LabelMatcher> labels = new LinkedHashMap<>();
    map(raw.get("labels"))
        .forEach(
            (name, matcher) -> {
              LabelMatcher bound = matcher(name, matcher, path + ".labels." + name);
              if (bound != null) {
                labels.put(name, bound);
              }
            });
    return new Trigger(
        source,
        names,
        labels,
        string(raw, "when"),
        map(raw.get("inputs")),
        string(raw, "dedupKey"),
        problems.duration(raw, "cooldown", path, Duration.ZERO),
        OnResolved.fromYaml(string(raw, "onResolved")).orElse(OnResolved.SIGNAL),
        maxAge(raw, path),
        problems.map().value(path),
        path);
  }

  /** Reads {@code maxAge}, which must be longer than zero; null when absent or bad. */
  private Duration maxAge(Map<String, Object> raw, String path) {
    Duration maxAge = problems.duration(raw, "maxAge", path, null);
    if (maxAge != null && (maxAge.isZero() || maxAge.isNegative())) {
      problems.at(
          path + ".maxAge",
          "maxAge must be longer than zero, such as 30m; firing alerts older than it start no run");
      return null;
    }
    return maxAge;
  }

  private LabelMatcher matcher(String label, Object raw, String path) {
    if (isScalar(raw)) {
      return LabelMatcher.equalTo(text(raw));
    }
    if (!(raw instanceof Map<?, ?>)) {
      return null;
    }
    Map<String, Object> ops = map(raw);
    List<String> found = ops.keySet().stream().filter(LabelMatcher.OPS::contains).toList();
    if (found.isEmpty()) {
      if (ops.isEmpty()) {
        problems.at(
            path,
            "label matcher for '"
                + label
                + "' needs one operator: "
                + String.join(", ", LabelMatcher.OPS));
      }
      return null;
    }
    if (found.size() > 1) {
      problems.atKey(
          FieldPaths.child(path, found.get(1)),
          "label matcher for '"
              + label
              + "' has two operators, '"
              + found.get(0)
              + "' and '"
              + found.get(1)
              + "'; use one matcher per label");
    }
    LabelMatcher.Op op = LabelMatcher.Op.fromYaml(found.get(0)).orElseThrow();
    Object value = ops.get(found.get(0));
    List<String> values = new ArrayList<>();
    switch (op) {
      case IN, NOT_IN ->
          Problems.list(value).stream()
              .filter(TriggerBinder::isScalar)
              .forEach(v -> values.add(text(v)));
      case EXISTS -> {
        if (!(value instanceof Boolean)) {
          return null;
        }
        values.add(value.toString());
      }
      case REGEX, NOT_REGEX -> {
        if (!(value instanceof String regex)) {
          return null;
        }
        checkRegex(regex, FieldPaths.child(path, op.toString()));
        values.add(regex);
      }
      default -> {
        if (!isScalar(value)) {
          return null;
        }
        values.add(text(value));
      }
    }
    return new LabelMatcher(op, values);
  }

  private void checkRegex(String regex, String path) {
    Regexes.problem(regex)
        .ifPresent(
            problem ->
                problems.at(
                    path,
                    "invalid regex '"
                        + (regex.length() > 80 ? regex.substring(0, 80) + "..." : regex)
                        + "': "
                        + problem));
  }

  private static boolean isScalar(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean;
  }

  private static String text(Object value) {
    return Templates.asText(value);
  }
}
