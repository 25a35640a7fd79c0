package dev.runbooks.tester.record;

import java.util.Map;

/**
 * One action activity of a recorded run, as its history shows it: the step that asked for it, the
 * attempts Temporal made, and how the last one ended.
 *
 * @param stepId the step ({@code ActionRequest.stepId})
 * @param type the action kind (the activity type)
 * @param config the rendered config the step sent
 * @param attempts how many attempts Temporal made (1 without retries)
 * @param result the last attempt's result, when it succeeded
 * @param error the last attempt's error ({@code type}, {@code message}), when it failed
 * @param earlierError the error of the attempt before the last, when the history kept it
 * @param lastAttemptMs how long the last attempt took
 * @param scheduledAtMs when it was scheduled (epoch millis), which orders calls across a run and
 *     the runbooks it called
 */
record ActivityCall(
    String stepId,
    String type,
    Map<String, Object> config,
    int attempts,
    Object result,
    Map<String, Object> error,
    Map<String, Object> earlierError,
    long lastAttemptMs,
    long scheduledAtMs) {

  /** Whether this is an escalation: the tester captures those itself, no mock needed. */
  boolean escalation() {
    return "escalate".equals(type);
  }

  /** Whether it pages people: not an incident's resolve event nor an approval's notice. */
  boolean pages() {
    return escalation()
        && !"resolve".equals(config.get("action"))
        && config.get("approvalFor") == null;
  }
}
