package dev.runbooks.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * A decision a person sends a run: each is a Temporal Update (and, for runs and tools that still
 * send them, a signal) named by {@link #wire()}.
 */
public enum DecisionAction {
  /** Approves a pending approval. */
  APPROVE("approver"),
  /** Rejects a pending approval. */
  REJECT("approver"),
  /** Acknowledges a waiting escalation ladder. */
  ACKNOWLEDGE("by"),
  /** Aborts the run. */
  ABORT("by");

  private final String nameKey;

  DecisionAction(String nameKey) {
    this.nameKey = nameKey;
  }

  /** The update's (and signal's) name: {@code approve}, {@code reject}, … */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The payload key naming who decides: {@code approver} or {@code by}. */
  public String nameKey() {
    return nameKey;
  }

  /** Whether this decides an approval (approve or reject). */
  public boolean decidesApproval() {
    return this == APPROVE || this == REJECT;
  }

  /** The action of an update or signal name, if it is one. */
  public static Optional<DecisionAction> of(String wire) {
    for (DecisionAction a : values()) {
      if (a.wire().equals(wire)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
