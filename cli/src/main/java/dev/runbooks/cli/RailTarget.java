package dev.runbooks.cli;

import dev.runbooks.cli.internal.ApiClient;
import java.util.Map;

/** What the kill-switch commands act on: one runbook, or all automation ({@code --all}). */
final class RailTarget {
  private RailTarget() {}

  /**
   * The API path of the action on a runbook ({@code /api/runbooks/NAME/ACTION}) or on all
   * automation ({@code /api/automation/ACTION}); a usage error unless exactly one is given.
   */
  static String path(ApiCommand command, String runbook, boolean all, String action) {
    if (all == (runbook != null)) {
      throw command.usage("give a runbook's name or --all (one of them)");
    }
    return all
        ? "/api/automation/" + action
        : "/api/runbooks/" + ApiClient.pathOf(runbook) + "/" + action;
  }

  /** " (by NAME)" when the API's answer names who acted, else nothing. */
  static String by(Map<String, Object> answer) {
    Object by = answer.get("by");
    if (by == null && answer.get("disabled") instanceof Map<?, ?> disabled) {
      by = disabled.get("by");
    }
    return by == null ? "" : " (by " + by + ")";
  }
}
