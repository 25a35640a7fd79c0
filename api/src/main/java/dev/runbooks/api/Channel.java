package dev.runbooks.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a person's or a system's action reached the engine, as the audit trail records it. */
public enum Channel {
  /** A form of the {@code /ui} pages. */
  UI,
  /** The HTTP API, called by a script or another program. */
  API,
  /** {@code bin/runbook}, which says so in its {@code X-Runbook-Channel} header. */
  CLI,
  /** An alert delivered to a webhook. */
  ALERT,
  /** A schedule of the worker. */
  SCHEDULE,
  /** Temporal directly ({@code temporal workflow signal}, the Temporal Web UI): not checked. */
  TEMPORAL;

  /** The name in JSON: {@code ui}, {@code api}, {@code cli}, {@code alert}, … */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The channel of a wire name; {@link #TEMPORAL} for null or a name it does not know. */
  @JsonCreator
  public static Channel of(String wire) {
    for (Channel c : values()) {
      if (c.wire().equals(wire)) {
        return c;
      }
    }
    return TEMPORAL;
  }
}
