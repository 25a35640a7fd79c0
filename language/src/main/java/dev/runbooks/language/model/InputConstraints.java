package dev.runbooks.language.model;

import java.util.List;

/**
 * What a declared input's value must satisfy beyond its type: a regular expression a string matches
 * whole ({@code pattern}), a list of allowed values ({@code enum}), and bounds of a number ({@code
 * min}, {@code max}, inclusive). Each is null (or the list empty) when the runbook does not set it.
 *
 * @param pattern an RE2 regular expression the whole string must match, or null
 * @param allowed the allowed values (plain values of the input's type), or an empty list
 * @param min the least value of an int or number input, or null
 * @param max the greatest value of an int or number input, or null
 */
public record InputConstraints(String pattern, List<Object> allowed, Double min, Double max) {
  /** No constraint at all. */
  public static final InputConstraints NONE = new InputConstraints(null, List.of(), null, null);

  /** Copies the list of allowed values. */
  public InputConstraints {
    allowed = allowed == null ? List.of() : List.copyOf(allowed);
  }

  /** Whether any constraint is set. */
  public boolean any() {
    return pattern != null || !allowed.isEmpty() || min != null || max != null;
  }
}
