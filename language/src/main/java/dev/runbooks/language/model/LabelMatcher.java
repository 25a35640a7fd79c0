package dev.runbooks.language.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One label matcher of a trigger: an operator and its operand values. The operators are {@code
 * equals}, {@code notEquals}, {@code regex} and {@code notRegex} (one value each), {@code in} and
 * {@code notIn} (one or more values) and {@code exists} (one value, {@code "true"} or {@code
 * "false"}). A regex must match the whole label value. An absent label reads as the empty string
 * for every operator but {@code exists}, as in Prometheus.
 */
public record LabelMatcher(Op op, List<String> values) {
  /** An operator, written in YAML as its camel-case name, such as {@code notEquals}. */
  public enum Op {
    /** The label is this value. */
    EQUALS,
    /** The label is not this value. */
    NOT_EQUALS,
    /** The label is one of these values. */
    IN,
    /** The label is none of these values. */
    NOT_IN,
    /** This regex matches the whole label. */
    REGEX,
    /** This regex does not match the whole label. */
    NOT_REGEX,
    /** The label is present ({@code "true"}) or absent ({@code "false"}). */
    EXISTS;

    /** The operator written {@code name} in YAML, if it is one. */
    public static Optional<Op> fromYaml(String name) {
      return YamlEnums.find(values(), name);
    }

    /** The name as written in YAML, such as {@code notEquals}. */
    @Override
    public String toString() {
      String[] words = name().toLowerCase(java.util.Locale.ROOT).split("_");
      StringBuilder out = new StringBuilder(words[0]);
      for (int i = 1; i < words.length; i++) {
        out.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
      }
      return out.toString();
    }
  }

  /** Every operator's YAML name, in the order the language reference lists them. */
  public static final List<String> OPS = Arrays.stream(Op.values()).map(Op::toString).toList();

  public LabelMatcher {
    if (op == null) {
      throw new IllegalArgumentException("a label matcher needs an operator");
    }
    values = List.copyOf(values);
  }

  /**
   * A matcher with the operator written {@code op} in YAML.
   *
   * @throws IllegalArgumentException when op is no operator
   */
  public LabelMatcher(String op, List<String> values) {
    this(
        Op.fromYaml(op)
            .orElseThrow(
                () -> new IllegalArgumentException("unknown label matcher operator '" + op + "'")),
        values);
  }

  /** A matcher for equality with one value, as written {@code service: jarvis}. */
  public static LabelMatcher equalTo(String value) {
    return new LabelMatcher(Op.EQUALS, List.of(value));
  }

  /** The single operand of a one-value operator, or the first one of {@code in}/{@code notIn}. */
  public String value() {
    return values.isEmpty() ? "" : values.get(0);
  }

  @Override
  public String toString() {
    return op + " " + (values.size() == 1 ? values.get(0) : values);
  }
}
