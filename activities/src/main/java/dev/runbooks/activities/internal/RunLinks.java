package dev.runbooks.activities.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The links every escalation message carries after the runbook's own: the run's page and the
 * runbook's page in the engine's {@code /ui}, under the API's public URL ({@code
 * runbook.api.public-url}). PagerDuty also gets the run's page as the event's {@code client_url}.
 *
 * @param run the run's page, or null when the run is not known
 * @param runbook the runbook's page, or null when the runbook is not known
 */
record RunLinks(String run, String runbook) {
  /** The links of a run of a runbook under a base URL (without a trailing slash). */
  static RunLinks of(String apiUrl, String runbook, String workflowId) {
    return new RunLinks(
        workflowId == null || workflowId.isBlank()
            ? null
            : apiUrl + "/ui/runs/" + JsonHttp.pathOf(workflowId),
        runbook == null || runbook.isBlank()
            ? null
            : apiUrl + "/ui/runbooks/" + JsonHttp.pathOf(runbook));
  }

  /** The links as {@code {href, text}} maps: the run's page, then the runbook's. */
  List<Map<String, String>> asLinks() {
    List<Map<String, String>> links = new ArrayList<>();
    if (run != null) {
      links.add(Map.of("href", run, "text", "Run"));
    }
    if (runbook != null) {
      links.add(Map.of("href", runbook, "text", "Runbook"));
    }
    return links;
  }
}
