package dev.runbooks.language.types;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values built from a {@link ValueType}: what a dry run answers for a step it does not send, and
 * what a test answers for a step without a mock, so that expressions the checker accepted still
 * evaluate. Pure and deterministic: workflow code may call it.
 */
public final class ValueTypes {
  private ValueTypes() {}

  /**
   * The placeholder of a type: {@code ""} for a string, {@code 0} for an int, {@code 0.0} for a
   * double, {@code false} for a bool, an empty list or map for a list or map, an object with a
   * placeholder for every field it lists (optional ones too, so a read of one evaluates), and an
   * empty map for {@link ValueType#ANY} (nothing is known of it). The result is mutable and new at
   * each call.
   */
  public static Object placeholder(ValueType type) {
    if (type instanceof ValueType.Scalar scalar) {
      return switch (scalar.kind()) {
        case STRING -> "";
        case INT -> 0L;
        case DOUBLE -> 0.0;
        case BOOL -> false;
      };
    }
    if (type instanceof ValueType.ListOf) {
      return new ArrayList<>();
    }
    if (type instanceof ValueType.ObjectOf object) {
      Map<String, Object> value = new LinkedHashMap<>();
      object.fields().forEach((name, field) -> value.put(name, placeholder(field.type())));
      return value;
    }
    return new LinkedHashMap<String, Object>(); // a map, or any value
  }

  /**
   * A value of {@code type} whose parts come from {@code given} where it has them and from {@link
   * #placeholder} elsewhere: a field of an object that {@code given} leaves out gets its
   * placeholder, a field it sets keeps its value (objects merge field by field), and fields of an
   * open object or of {@link ValueType#ANY} that {@code given} adds are kept. A {@code given} that
   * is null is the placeholder itself.
   */
  public static Object fill(ValueType type, Object given) {
    if (given == null) {
      return placeholder(type);
    }
    if (type instanceof ValueType.ObjectOf object && given instanceof Map<?, ?> map) {
      Map<String, Object> value = new LinkedHashMap<>();
      object
          .fields()
          .forEach(
              (name, field) ->
                  value.put(
                      name,
                      map.containsKey(name)
                          ? fill(field.type(), map.get(name))
                          : placeholder(field.type())));
      map.forEach((k, v) -> value.putIfAbsent(String.valueOf(k), v));
      return value;
    }
    return given;
  }
}
