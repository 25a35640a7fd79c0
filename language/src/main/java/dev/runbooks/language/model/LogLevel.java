package dev.runbooks.language.model;

import java.util.Optional;

/** The level of a {@code log} step's message; {@code info} by default. */
public enum LogLevel {
  /** Routine progress. */
  INFO,
  /** Something a person may want to look at. */
  WARN,
  /** Something went wrong. */
  ERROR;

  /** The constant written {@code name} in YAML, if there is one. */
  public static Optional<LogLevel> fromYaml(String name) {
    return YamlEnums.find(values(), name);
  }

  /** The name as written in YAML, such as {@code info}. */
  @Override
  public String toString() {
    return YamlEnums.yamlName(this);
  }
}
