package dev.runbooks.workflows.internal;

import dev.runbooks.api.ErrorReport;
import dev.runbooks.api.ErrorTypes;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
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

  /** Turns an activity failure into the step error the report and handlers see. */
  static StepError of(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof CanceledFailure canceled) {
      throw canceled;
    }
    if (cause instanceof ApplicationFailure app) {
      Object details = null;
      try {
        if (app.getDetails().getSize() > 0) {
          details = app.getDetails().get(0, Object.class);
        }
      } catch (RuntimeException e) {
        details = null;
      }
      return new StepError(app.getType(), app.getOriginalMessage(), details);
    }
    if (cause instanceof TimeoutFailure timeout) {
      return new StepError(
          ErrorTypes.TIMEOUT,
          "timed out (" + timeout.getTimeoutType().name().toLowerCase() + ")",
          null);
    }
    if (cause instanceof TemporalFailure tf) {
      return new StepError(tf.getClass().getSimpleName(), tf.getOriginalMessage(), null);
    }
    return new StepError(ErrorTypes.ACTIVITY_FAILED, String.valueOf(cause), null);
  }
}
