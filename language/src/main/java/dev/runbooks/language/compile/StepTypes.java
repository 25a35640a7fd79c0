package dev.runbooks.language.compile;

import dev.runbooks.language.expr.Expressions.Expect;
import dev.runbooks.language.model.InputSpec;
import dev.runbooks.language.types.ResultTypes;
import dev.runbooks.language.types.ValueType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The types the type checker gives inputs and steps, and what an expression must yield. */
final class StepTypes {
  private StepTypes() {}

  /**
   * The type of {@code inputs}: each declared input with its declared type. Open, because an
   * undeclared input is reported by name elsewhere.
   */
  static ValueType inputs(Map<String, InputSpec> inputs) {
    Map<String, ValueType.Field> fields = new LinkedHashMap<>();
    inputs.forEach(
        (name, spec) ->
            fields.put(
                name,
                new ValueType.Field(
                    of(spec),
                    spec.description(),
                    !spec.required() && spec.defaultValue() == null)));
    return new ValueType.ObjectOf(fields, true);
  }

  private static ValueType of(InputSpec spec) {
    if (spec.type() == null) {
      return ValueType.ANY;
    }
    return switch (spec.type()) {
      case STRING, DURATION -> ValueType.STRING;
      case INT -> ValueType.INT;
      case NUMBER -> ValueType.DOUBLE;
      case BOOL -> ValueType.BOOL;
      case LIST -> ValueType.listOf(ValueType.ANY);
      case OBJECT -> new ValueType.MapOf(ValueType.ANY);
    };
  }

  /** What {@code steps.<id>} is: its status, declared outputs (closed), result and error. */
  static ValueType view(ValueType result, Map<String, ValueType> outputs) {
    Map<String, ValueType.Field> declared = new LinkedHashMap<>();
    outputs.forEach((name, type) -> declared.put(name, new ValueType.Field(type, "", false)));
    return ValueType.object(
        "status", ValueType.field(ValueType.STRING, "The step's status."),
        "outputs", ValueType.field(new ValueType.ObjectOf(declared, false), "Declared outputs."),
        "result", ValueType.field(result, "The step's result."),
        "error", ValueType.optional(ResultTypes.ERROR, "The step's error, when it failed."));
  }

  /**
   * A message when an expression's type cannot be what is expected: a condition that is not a bool,
   * items that are not a list. Worded as the CEL check words it, so that both finding it report it
   * once.
   */
  static Optional<String> expected(String source, Expect expect, ValueType type) {
    if (type instanceof ValueType.Any) {
      return Optional.empty();
    }
    String name = name(type);
    if (expect == Expect.BOOL && !type.equals(ValueType.BOOL)) {
      return Optional.of(
          "CEL expression '" + source + "' yields " + name + ", but a condition must yield bool");
    }
    if (expect == Expect.LIST && !(type instanceof ValueType.ListOf)) {
      return Optional.of(
          "CEL expression '" + source + "' yields " + name + ", but a list is needed");
    }
    return Optional.empty();
  }

  private static String name(ValueType type) {
    if (type instanceof ValueType.Scalar s) {
      return s.kind().name().toLowerCase(java.util.Locale.ROOT);
    }
    return type instanceof ValueType.ListOf
        ? "list"
        : type instanceof ValueType.Any ? "dyn" : "map";
  }
}
