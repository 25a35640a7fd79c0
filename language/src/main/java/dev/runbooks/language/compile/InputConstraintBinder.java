package dev.runbooks.language.compile;

import dev.runbooks.language.Regexes;
import dev.runbooks.language.inputs.InputConstraintCheck;
import dev.runbooks.language.model.InputConstraints;
import dev.runbooks.language.model.InputType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Binds an input's {@code pattern}, {@code enum}, {@code min} and {@code max}, checking that each
 * fits the input's type, that the pattern compiles, that {@code min} is not above {@code max}, and
 * that the default satisfies them.
 */
final class InputConstraintBinder {
  private final Problems problems;

  InputConstraintBinder(Problems problems) {
    this.problems = problems;
  }

  InputConstraints bind(String path, InputType type, Map<String, Object> spec) {
    String pattern = spec.get("pattern") instanceof String p ? p : null;
    if (pattern != null) {
      if (type != InputType.STRING) {
        problems.at(path + ".pattern", "pattern applies only to string inputs");
        pattern = null;
      } else {
        String bad = Regexes.problem(pattern).orElse(null);
        if (bad != null) {
          problems.at(path + ".pattern", "invalid regex: " + bad);
          pattern = null;
        }
      }
    }
    List<Object> allowed = new ArrayList<>();
    if (spec.get("enum") instanceof List<?> values) {
      for (int i = 0; i < values.size(); i++) {
        Object v = values.get(i);
        if (!fits(type, v)) {
          problems.at(
              path + ".enum[" + i + "]",
              "enum values must be of the input's type "
                  + type.yamlName()
                  + ", not "
                  + DocumentBinder.describe(v));
        } else {
          allowed.add(v);
        }
      }
    }
    Double min = bound(path, "min", type, spec);
    Double max = bound(path, "max", type, spec);
    if (min != null && max != null && min > max) {
      problems.at(
          path + ".max",
          "max "
              + InputConstraintCheck.number(max)
              + " is below min "
              + InputConstraintCheck.number(min));
    }
    InputConstraints constraints = new InputConstraints(pattern, allowed, min, max);
    Object dflt = spec.get("default");
    if (dflt != null && fits(type, dflt)) {
      InputConstraintCheck.problem(constraints, dflt)
          .ifPresent(p -> problems.at(path + ".default", "the default " + p));
    }
    return constraints;
  }

  private Double bound(String path, String field, InputType type, Map<String, Object> spec) {
    if (!(spec.get(field) instanceof Number n)) {
      return null; // absent, or reported by the schema
    }
    if (type != InputType.INT && type != InputType.NUMBER) {
      problems.at(path + "." + field, field + " applies only to int and number inputs");
      return null;
    }
    return n.doubleValue();
  }

  private static boolean fits(InputType type, Object value) {
    return switch (type) {
      case STRING, DURATION -> value instanceof String;
      case INT -> value instanceof Long || value instanceof Integer;
      case NUMBER -> value instanceof Number;
      case BOOL -> value instanceof Boolean;
      case LIST -> value instanceof List;
      case OBJECT -> value instanceof Map;
    };
  }
}
