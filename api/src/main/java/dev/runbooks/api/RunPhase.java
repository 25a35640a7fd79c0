package dev.runbooks.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a run is doing: its steps, then compensation, {@code finally}, auto-resolve, done. */
public enum RunPhase {
  RUNNING("running"),
  COMPENSATING("compensating"),
  FINALLY("finally"),
  RESOLVING_INCIDENTS("resolving incidents"),
  DONE("done");

  private final String wire;

  RunPhase(String wire) {
    this.wire = wire;
  }

  /** The name in JSON. */
  @JsonValue
  public String wire() {
    return wire;
  }

  /** The phase of a wire name. */
  @JsonCreator
  public static RunPhase of(String wire) {
    for (RunPhase p : values()) {
      if (p.wire.equals(wire)) {
        return p;
      }
    }
    throw new IllegalArgumentException("not a run phase: '" + wire + "'");
  }

  @Override
  public String toString() {
    return wire;
  }
}
