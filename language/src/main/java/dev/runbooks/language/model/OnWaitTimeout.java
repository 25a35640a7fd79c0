package dev.runbooks.language.model;

import java.util.Optional;

/** What a {@code waitUntil} step does when its deadline passes; {@code fail} by default. */
public enum OnWaitTimeout {
  /** The step fails with WaitUntilTimeout. */
  FAIL,
  /** The step succeeds with {@code timedOut: true} in its result. */
  CONTINUE;

  /** The constant written {@code name} in YAML, if there is one. */
  public static Optional<OnWaitTimeout> fromYaml(String name) {
    return YamlEnums.find(values(), name);
  }

  /** The name as written in YAML, such as {@code fail}. */
  @Override
  public String toString() {
    return YamlEnums.yamlName(this);
  }
}
