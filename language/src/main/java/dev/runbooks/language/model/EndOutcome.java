package dev.runbooks.language.model;

import java.util.List;
import java.util.Optional;

/**
 * The outcome a {@code fail} or {@code succeed} step ends the run with. These are the language's
 * outcomes; the engine maps them to the outcome of its run.
 */
public enum EndOutcome {
  /** The incident is resolved: the default of {@code succeed}. */
  RESOLVED,
  /** The run failed: the default of {@code fail}. */
  FAILED,
  /** People must take over. */
  ESCALATED;

  /** The outcomes a {@code fail} step may give, its default first. */
  public static final List<EndOutcome> OF_FAIL = List.of(FAILED, ESCALATED);

  /** The outcomes a {@code succeed} step may give, its default first. */
  public static final List<EndOutcome> OF_SUCCEED = List.of(RESOLVED, ESCALATED);

  /** The constant written {@code name} in YAML, if there is one. */
  public static Optional<EndOutcome> fromYaml(String name) {
    return YamlEnums.find(values(), name);
  }

  /** The name as written in YAML, such as {@code resolved}. */
  @Override
  public String toString() {
    return YamlEnums.yamlName(this);
  }
}
