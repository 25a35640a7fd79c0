package dev.runbooks.workflows.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a step failed: an error type (the ApplicationFailure type of an activity, or one of the
 * interpreter's own such as {@code ExpressionFailed}, {@code ApprovalRejected}, {@code
 * WaitUntilTimeout}), a message, and the evidence the step produced, if any.
 */
record StepError(String type, String message, Object details) {
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type);
    m.put("message", message);
    if (details != null) {
      m.put("details", details);
    }
    return m;
  }
}
