package dev.runbooks.language.model;

/** The types an input of a runbook can have, as written in YAML ({@code type: duration}). */
public enum InputType {
  STRING,
  INT,
  NUMBER,
  BOOL,
  DURATION,
  LIST,
  OBJECT;

  /** The name used in YAML. */
  public String yamlName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
