package dev.runbooks.workflows.internal;

import java.time.Instant;

/** Formats workflow time (from {@code Workflow.currentTimeMillis()}) for reports. */
final class Times {
  private Times() {}

  static String iso(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }
}
