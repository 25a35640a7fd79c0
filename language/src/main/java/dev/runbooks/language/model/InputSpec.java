package dev.runbooks.language.model;

/**
 * A declared input of a runbook. The default is a plain JSON-like value (String, Long, Double,
 * Boolean, List, Map) or null when there is none. The constraints ({@code pattern}, {@code enum},
 * {@code min}, {@code max}) are checked against the default at compile time and against the value
 * given at start.
 *
 * @param constraints what a value must satisfy beyond its type; never null
 */
public record InputSpec(
    String name,
    InputType type,
    boolean required,
    Object defaultValue,
    String description,
    Location location,
    InputConstraints constraints) {
  /** Replaces a null constraints with none. */
  public InputSpec {
    constraints = constraints == null ? InputConstraints.NONE : constraints;
  }

  /** An input without constraints. */
  public InputSpec(
      String name,
      InputType type,
      boolean required,
      Object defaultValue,
      String description,
      Location location) {
    this(name, type, required, defaultValue, description, location, InputConstraints.NONE);
  }
}
