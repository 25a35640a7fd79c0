package dev.runbooks.language.model;

/**
 * The actions a runbook's {@code access:} block can restrict, each written in YAML as its
 * lower-case name ({@code start}, {@code approve}, {@code abort}, {@code acknowledge}).
 */
public enum AccessAction {
  /** Starting a run, or a dry run, of the runbook. */
  START,
  /** Approving or rejecting an approval step of a run. */
  APPROVE,
  /** Aborting a run. */
  ABORT,
  /** Acknowledging an escalation of a run. */
  ACKNOWLEDGE;

  /** The YAML name: {@code start}, {@code approve}, {@code abort} or {@code acknowledge}. */
  @Override
  public String toString() {
    return YamlEnums.yamlName(this);
  }
}
