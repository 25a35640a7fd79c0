package dev.runbooks.starter.inbox.internal;

import dev.runbooks.language.routing.AlertRouter;
import dev.runbooks.language.routing.RunbookHint;
import dev.runbooks.language.routing.TriggerVerdict;
import java.util.List;
import java.util.Map;

/**
 * Why an alert did or did not start a run ({@code GET /api/alerts/{id}/explain}): what the
 * dispatcher recorded for its inbox row, and, recomputed now, each trigger considered and why it
 * matched or not, and for each runbook it routes to the dedup key, cooldown and every guard rail
 * with whether it holds. Each record is one JSON object, its components its fields.
 *
 * @param alert the alert as received
 * @param recorded what the dispatcher did with it
 * @param verdict one sentence: would the alert start a run now, and if not, what holds
 * @param triggers each trigger of each runbook, by runbook name and trigger index, with why it
 *     matched or not ({@link AlertRouter#explain})
 * @param runbooks each runbook the alert routes to now
 * @param maintenance the maintenance windows in force now that match the alert's labels
 * @param runbookUrl the alert's {@code runbook_url} annotation as a routing hint: the runbook it
 *     names, whether it routed the alert and why (or not); null when the alert has none
 */
public record AlertExplanation(
    AlertFacts alert,
    Recorded recorded,
    String verdict,
    List<TriggerVerdict> triggers,
    List<RunbookExplanation> runbooks,
    List<WindowMatch> maintenance,
    RunbookHint runbookUrl) {

  /**
   * The alert.
   *
   * @param id its inbox id
   * @param name its name
   * @param status firing or resolved
   * @param fingerprint its fingerprint
   * @param source where it came from
   * @param receivedAt when it came in (ISO-8601)
   * @param startsAt when it started firing, as its source said
   * @param labels its labels
   */
  public record AlertFacts(
      long id,
      String name,
      String status,
      String fingerprint,
      String source,
      String receivedAt,
      String startsAt,
      Map<String, String> labels) {}

  /**
   * What the dispatcher recorded.
   *
   * @param state the inbox row's state (dispatched, limited, disabled, cooldown, ...)
   * @param handledAt when it was handled (ISO-8601), or null while pending
   * @param windowId the maintenance window that suppressed it, or null
   * @param routes one entry per runbook: runbook, action, message, workflowId, runId
   */
  public record Recorded(
      String state, String handledAt, String windowId, List<Map<String, Object>> routes) {}

  /**
   * A runbook the alert routes to, and what holds its start now.
   *
   * @param runbook its name
   * @param version its version
   * @param trigger the index of the trigger that matched
   * @param workflowId the id of its run for this alert
   * @param dedupKey the rendered dedup key
   * @param cooldown the trigger's cooldown (ISO-8601 duration), or null for none
   * @param onResolved what a resolve does to the run
   * @param problems why the route cannot start a run (inputs that do not bind), or empty
   * @param rails every rail considered, in the order the dispatcher checks them
   */
  public record RunbookExplanation(
      String runbook,
      String version,
      int trigger,
      String workflowId,
      String dedupKey,
      String cooldown,
      String onResolved,
      List<String> problems,
      List<RailCheck> rails) {

    /** Whether nothing holds: the alert would start (or signal) its run now. */
    public boolean clear() {
      return problems.isEmpty() && rails.stream().noneMatch(RailCheck::holds);
    }
  }

  /**
   * One rail and whether it holds the start now.
   *
   * @param rail its name: automation, kill switch, trip, limits, maintenance, max age, dedup,
   *     cooldown, autonomy, lock
   * @param holds whether it keeps the alert from starting a run now
   * @param detail what it says, in words
   */
  public record RailCheck(String rail, boolean holds, String detail) {}

  /**
   * A maintenance window that matches the alert now.
   *
   * @param id its id
   * @param comment why it was set
   * @param endsAt when it ends (ISO-8601)
   */
  public record WindowMatch(String id, String comment, String endsAt) {}
}
