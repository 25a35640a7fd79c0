package dev.runbooks.testbed.razar;

import java.util.Locale;
import java.util.Map;

/** {@code razar.issue_analyzer}: classifies a component's failure and suggests a fix. */
final class IssueAnalyzer {
  private IssueAnalyzer() {}

  /** The issue type and suggested fix for an error message. */
  static Map<String, Object> classify(String error) {
    String e = error.toLowerCase(Locale.ROOT);
    if (e.contains("modulenotfounderror") || e.contains("importerror")) {
      return Map.of(
          "issue_type",
          e.contains("after patch") ? "patch" : "dependency",
          "suggested_fix",
          e.contains("after patch")
              ? "roll back the patch recorded in recovery_state/"
              : "rebuild the virtual environment (razar.environment_builder)");
    }
    if (e.contains("restart loop") || e.contains("segmentation fault") || e.contains("exited")) {
      return Map.of(
          "issue_type",
          "runtime",
          "suggested_fix",
          "the component crashes after every start: inspect its logs and fix the code");
    }
    if (e.contains("connection refused") || e.contains("health check failed")) {
      return Map.of(
          "issue_type",
          "configuration",
          "suggested_fix",
          "check the component's port, credentials and dependencies in razar_config.yaml");
    }
    return Map.of("issue_type", "unknown", "suggested_fix", "triage by hand");
  }
}
