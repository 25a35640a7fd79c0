package dev.runbooks.workflows.internal;

import dev.runbooks.api.ErrorReport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a step failed: an error type (the ApplicationFailure type of an activity, or one of the
 * interpreter's own in {@link dev.runbooks.api.ErrorTypes}), a message, and the evidence the step
 * produced, if any.
 */
record StepError(String type, String message, Object details) {
  /** The error as a handler's {@code error} variable and checkpoints see it. */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("message", message);
    if (details != null) {
      m.put("details", details);
    }
    return m;
  }

  /** The error as reports show it. */
  ErrorReport toReport() {
    return new ErrorReport(type, message, details);
  }
}
