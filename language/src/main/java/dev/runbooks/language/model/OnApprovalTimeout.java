package dev.runbooks.language.model;

import java.util.Optional;

/** What an {@code approval} step's timeout means; {@code reject} by default. */
public enum OnApprovalTimeout {
  /** Nobody decided: the approval counts as rejected. */
  REJECT,
  /** Nobody decided: the approval counts as approved. */
  APPROVE,
  /**
   * Nobody decided: the approval's {@code route} is paged and the step fails with {@code
   * ApprovalTimedOut}.
   */
  ESCALATE;

  /** The constant written {@code name} in YAML, if there is one. */
  public static Optional<OnApprovalTimeout> fromYaml(String name) {
    return YamlEnums.find(values(), name);
  }

  /** The name as written in YAML, such as {@code reject}. */
  @Override
  public String toString() {
    return YamlEnums.yamlName(this);
  }
}
