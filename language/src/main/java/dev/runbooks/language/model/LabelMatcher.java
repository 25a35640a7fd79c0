package dev.runbooks.language.model;

import java.util.List;
import java.util.Set;

/**
 * One label matcher of a trigger: an operator and its operand values. The operators are {@code
 * equals}, {@code notEquals}, {@code regex} and {@code notRegex} (one value each), {@code in} and
 * {@code notIn} (one or more values) and {@code exists} (one value, {@code "true"} or {@code
 * "false"}). A regex must match the whole label value. An absent label reads as the empty string
 * for every operator but {@code exists}, as in Prometheus.
 */
public record LabelMatcher(String op, List<String> values) {
  /** Every operator, in the order the language reference lists them. */
  public static final List<String> OPS =
      List.of("equals", "notEquals", "in", "notIn", "regex", "notRegex", "exists");

  private static final Set<String> KNOWN = Set.copyOf(OPS);

  public LabelMatcher {
    if (!KNOWN.contains(op)) {
      throw new IllegalArgumentException("unknown label matcher operator '" + op + "'");
    }
    values = List.copyOf(values);
  }

  /** A matcher for equality with one value, as written {@code service: jarvis}. */
  public static LabelMatcher equalTo(String value) {
    return new LabelMatcher("equals", List.of(value));
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
