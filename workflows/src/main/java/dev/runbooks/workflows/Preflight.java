package dev.runbooks.workflows;

import dev.runbooks.language.model.Autonomy;

/**
 * The answer of {@link GuardRailActivities#preflight}.
 *
 * @param autonomy the autonomy the step runs under now
 * @param autonomyReason why it is not the written one (an override by whom, or a freeze), or null
 * @param blastRadiusExceeded whether the step's target would pass its {@code maxTargets}
 * @param message the blast-radius refusal in words (targets already acted on, window), or null
 * @param held the kill switch that holds the runbook's automation now, in words (who switched it
 *     off, why, until when), or null when it is on: a run started automatically (by an alert, a
 *     schedule, or straight through Temporal) stops before its next mutating step
 * @param notifyRoute the escalation route told what a {@code dry-run} step would have done ({@code
 *     runbook.guard-rails.notify-route}), or null when none is configured
 */
public record Preflight(
    Autonomy autonomy,
    String autonomyReason,
    boolean blastRadiusExceeded,
    String message,
    String held,
    String notifyRoute) {
  /** An answer without a kill switch and without a route for dry-run notices. */
  public Preflight(
      Autonomy autonomy, String autonomyReason, boolean blastRadiusExceeded, String message) {
    this(autonomy, autonomyReason, blastRadiusExceeded, message, null, null);
  }
}
