package dev.runbooks.language.model;

import java.util.Optional;

/** What a run does when the lock its runbook or step names is held by another run. */
public enum OnLocked {
  /** Waits its turn, at most {@code lockTimeout}, then fails with {@code LockTimeout}. */
  WAIT,
  /** Skips the step (or, for a runbook's lock, ends the run {@code skipped}). */
  SKIP,
  /** Fails the step (or the run) at once with {@code Locked}. */
  FAIL;

  /** The constant written {@code name} in YAML, if there is one. */
  public static Optional<OnLocked> fromYaml(String name) {
    return YamlEnums.find(values(), name);
  }

  /** The name as written in YAML, such as {@code wait}. */
  @Override
  public String toString() {
    return YamlEnums.yamlName(this);
  }
}
