package dev.runbooks.language.model;

import java.util.Optional;

/**
 * Which decisions an {@code approval} step accepts ({@code via}): only those the engine sealed
 * after checking who sent them ({@code engine}, the default), or any decision, those that reach the
 * run directly through Temporal recorded as unverified ({@code any}).
 */
public enum DecisionVia {
  /** Only decisions sealed by the engine count; others are refused (not-allowed) or ignored. */
  ENGINE,
  /** Any decision counts; one without a valid seal is recorded as unverified. */
  ANY;

  /** The constant written {@code name} in YAML, if there is one. */
  public static Optional<DecisionVia> fromYaml(String name) {
    return YamlEnums.find(values(), name);
  }

  /** The name as written in YAML, such as {@code engine}. */
  @Override
  public String toString() {
    return YamlEnums.yamlName(this);
  }
}
