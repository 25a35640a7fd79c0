package dev.runbooks.language.model;

import java.util.Optional;

/** What a trigger's alert resolving does to the run it started; {@code signal} by default. */
public enum OnResolved {
  /** The run gets an {@code alertResolved} signal (a {@code waitUntil} with untilResolved ends). */
  SIGNAL,
  /** The run is aborted. */
  CANCEL,
  /** Nothing: the resolve is recorded and the run left alone. */
  IGNORE,
  /**
   * The run gets an {@code alertResolved} signal; it finishes its current step and stops before its
   * next mutating step with outcome {@code resolved-externally} ({@code finally} runs, compensation
   * does not).
   */
  STOP_BEFORE_MUTATION;

  /** The constant written {@code name} in YAML, if there is one. */
  public static Optional<OnResolved> fromYaml(String name) {
    return YamlEnums.find(values(), name);
  }

  /** The name as written in YAML, such as {@code signal} or {@code stopBeforeMutation}. */
  @Override
  public String toString() {
    return this == STOP_BEFORE_MUTATION ? "stopBeforeMutation" : YamlEnums.yamlName(this);
  }
}
