package dev.runbooks.language.types;

import java.util.List;
import java.util.Map;

/**
 * The type of a value a runbook expression can see: a step's {@code result}, a declared output, an
 * input, an {@code item} of a {@code foreach}, the {@code error} in a handler. The compiler checks
 * expressions against these types, the language reference documents each step kind's result with
 * them, and dry runs and tests build placeholders of them. Immutable.
 */
public sealed interface ValueType {
  /** Any value: nothing is known, every use is accepted. */
  ValueType ANY = new Any();

  /** A string. */
  ValueType STRING = new Scalar(ScalarKind.STRING);

  /** A 64-bit integer. */
  ValueType INT = new Scalar(ScalarKind.INT);

  /** A double. */
  ValueType DOUBLE = new Scalar(ScalarKind.DOUBLE);

  /** A boolean. */
  ValueType BOOL = new Scalar(ScalarKind.BOOL);

  /** The scalar kinds. */
  enum ScalarKind {
    /** A string. */
    STRING,
    /** A 64-bit integer. */
    INT,
    /** A double. */
    DOUBLE,
    /** A boolean. */
    BOOL
  }

  /** Any value: nothing is known about it. */
  record Any() implements ValueType {}

  /**
   * A scalar.
   *
   * @param kind which scalar
   */
  record Scalar(ScalarKind kind) implements ValueType {}

  /**
   * A list whose elements all have one type.
   *
   * @param element the type of each element
   */
  record ListOf(ValueType element) implements ValueType {
    /** Requires an element type. */
    public ListOf {
      java.util.Objects.requireNonNull(element, "element");
    }
  }

  /**
   * A map from strings to values of one type, with keys not known before the run (labels, headers).
   *
   * @param value the type of each value
   */
  record MapOf(ValueType value) implements ValueType {
    /** Requires a value type. */
    public MapOf {
      java.util.Objects.requireNonNull(value, "value");
    }
  }

  /**
   * An object with known fields, such as a step kind's result. A field not listed is refused by the
   * compiler unless the object is open.
   *
   * @param fields the known fields, in documentation order
   * @param open whether fields not listed may be present (read as {@link #ANY})
   */
  record ObjectOf(Map<String, Field> fields, boolean open) implements ValueType {
    /** Copies the fields, keeping their order. */
    public ObjectOf {
      fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }
  }

  /**
   * A field of an object.
   *
   * @param type its type
   * @param description one sentence for the reference
   * @param optional whether it may be absent (or null) in a value
   */
  record Field(ValueType type, String description, boolean optional) {
    /** Requires a type; a null description becomes empty. */
    public Field {
      java.util.Objects.requireNonNull(type, "type");
      description = description == null ? "" : description;
    }
  }

  /**
   * A closed object type from its fields, in order: {@code name, field, name, field, ...}.
   *
   * @throws IllegalArgumentException when the arguments are not pairs of a name and a field
   */
  static ObjectOf object(Object... namesAndFields) {
    if (namesAndFields.length % 2 != 0) {
      throw new IllegalArgumentException("names and fields come in pairs");
    }
    Map<String, Field> fields = new java.util.LinkedHashMap<>();
    for (int i = 0; i < namesAndFields.length; i += 2) {
      if (!(namesAndFields[i] instanceof String name)
          || !(namesAndFields[i + 1] instanceof Field field)) {
        throw new IllegalArgumentException("expected a name and a field at " + i);
      }
      fields.put(name, field);
    }
    return new ObjectOf(fields, false);
  }

  /** A required field. */
  static Field field(ValueType type, String description) {
    return new Field(type, description, false);
  }

  /** A field that may be absent. */
  static Field optional(ValueType type, String description) {
    return new Field(type, description, true);
  }

  /** A list of this type. */
  static ValueType listOf(ValueType element) {
    return new ListOf(element);
  }

  /** The names of the fields of an object type, or an empty list for any other type. */
  default List<String> fieldNames() {
    return this instanceof ObjectOf o ? List.copyOf(o.fields().keySet()) : List.of();
  }
}
