package dev.runbooks.language.inputs;

import dev.runbooks.language.model.InputSpec;
import dev.runbooks.language.model.Runbook;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds the inputs given to a run to the inputs a runbook declares: applies defaults, checks
 * required inputs, rejects inputs the runbook does not take, and coerces each value to its declared
 * type, and checks each value against the input's constraints ({@code pattern}, {@code enum},
 * {@code min}, {@code max}). Every problem is reported at once in one {@link InputException}.
 *
 * <p>The result holds plain values only (String, Long, Double, Boolean, List, Map, or null for an
 * optional input that was neither given nor defaulted), one entry per declared input in declared
 * order. A duration stays the string that was given, once it parses. The binder is pure, with no
 * I/O and no clock, so workflow code may call it.
 */
public final class InputBinder {
  private InputBinder() {}

  /**
   * Binds the given inputs to the runbook's declared inputs.
   *
   * @param rb the runbook whose inputs are declared
   * @param given the inputs given to the run by name; null means none
   * @return an unmodifiable map of every declared input, in declared order
   * @throws InputException listing every problem when any input does not fit
   */
  public static Map<String, Object> bind(Runbook rb, Map<String, ?> given) {
    Map<String, ?> values = given == null ? Map.of() : given;
    Map<String, InputSpec> declared = rb.inputs();
    List<String> problems = new ArrayList<>();
    for (String name : values.keySet()) {
      if (!declared.containsKey(name)) {
        problems.add(unknown(name, declared));
      }
    }
    Map<String, Object> bound = new LinkedHashMap<>();
    for (InputSpec spec : declared.values()) {
      Object value = values.get(spec.name());
      if (value == null) {
        value = spec.defaultValue();
      }
      if (value == null) {
        if (spec.required()) {
          problems.add("input '" + spec.name() + "' is required");
        }
        bound.put(spec.name(), null);
        continue;
      }
      try {
        Object coerced = InputValues.coerce(spec.type(), value);
        InputConstraintCheck.problem(spec.constraints(), coerced)
            .ifPresent(p -> problems.add("input '" + spec.name() + "' " + p));
        bound.put(spec.name(), coerced);
      } catch (InputValues.Mismatch e) {
        problems.add("input '" + spec.name() + "' " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new InputException(problems);
    }
    return Collections.unmodifiableMap(bound);
  }

  private static String unknown(String name, Map<String, InputSpec> declared) {
    String takes =
        declared.isEmpty()
            ? "this runbook takes no inputs"
            : "this runbook takes: " + String.join(", ", declared.keySet());
    return "unknown input '" + name + "'; " + takes;
  }
}
