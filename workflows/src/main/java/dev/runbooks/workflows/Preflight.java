package dev.runbooks.workflows;

import dev.runbooks.language.model.Autonomy;

/**
 * The answer of {@link GuardRailActivities#preflight}.
 *
 * @param autonomy the autonomy the step runs under now
 * @param autonomyReason why it is not the written one (an override by whom, or a freeze), or null
 * @param blastRadiusExceeded whether the step's target would pass its {@code maxTargets}
 * @param message the blast-radius refusal in words (targets already acted on, window), or null
 */
public record Preflight(
    Autonomy autonomy, String autonomyReason, boolean blastRadiusExceeded, String message) {}
