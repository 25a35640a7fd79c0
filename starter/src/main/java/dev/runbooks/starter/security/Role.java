package dev.runbooks.starter.security;

import java.util.Locale;

/**
 * The engine's roles, each including the ones before it: a viewer reads the catalog, runs and
 * reports; an operator also starts, aborts, acknowledges and dry-runs; an approver also decides the
 * approvals it is named for; an admin also manages maintenance windows, the quarantine and API
 * tokens.
 */
public enum Role {
  /** Reads the catalog, runs and reports. */
  VIEWER,
  /** Starts, aborts and acknowledges runs, and starts dry runs. */
  OPERATOR,
  /** Decides the approvals it is named for. */
  APPROVER,
  /** Maintenance windows, the quarantine, API tokens. */
  ADMIN;

  /** Whether this role includes {@code other}. */
  public boolean includes(Role other) {
    return compareTo(other) >= 0;
  }

  /** The lower-case name used in configuration and JSON. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
