package dev.runbooks.language.model;

import java.util.Optional;

/** What a rejected {@code approval} does; {@code fail} by default. */
public enum OnReject {
  /** The step fails with ApprovalRejected. */
  FAIL,
  /** The step succeeds with {@code approved: false}. */
  CONTINUE;

  /** The constant written {@code name} in YAML, if there is one. */
  public static Optional<OnReject> fromYaml(String name) {
    return YamlEnums.find(values(), name);
  }

  /** The name as written in YAML, such as {@code fail}. */
  @Override
  public String toString() {
    return YamlEnums.yamlName(this);
  }
}
