package dev.runbooks.language.model;

import java.util.Optional;

/**
 * How much a runbook may do by itself ({@code autonomy:}; an operator can switch it at run time
 * without editing YAML, and a change freeze runs {@code auto} runbooks as {@code approve}).
 */
public enum Autonomy {
  /** Mutating steps run by themselves. */
  AUTO("auto"),
  /** Every mutating step waits for an approval first. */
  APPROVE("approve"),
  /** Mutating steps are recorded, not done, and the guard-rail route is told what would happen. */
  DRY_RUN("dry-run");

  private final String yaml;

  Autonomy(String yaml) {
    this.yaml = yaml;
  }

  /** The constant written {@code name} in YAML (and on the wire), if there is one. */
  public static Optional<Autonomy> fromYaml(String name) {
    return YamlEnums.find(values(), name);
  }

  /** The name as written in YAML, such as {@code dry-run}. */
  @Override
  public String toString() {
    return yaml;
  }
}
