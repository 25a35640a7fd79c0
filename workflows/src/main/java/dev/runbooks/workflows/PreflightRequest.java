package dev.runbooks.workflows;

import dev.runbooks.language.model.Autonomy;
import dev.runbooks.language.model.Rate;

/**
 * A mutating step about to run, as {@link GuardRailActivities#preflight} sees it.
 *
 * @param runbook the runbook's name
 * @param workflowId the run's workflow id
 * @param stepId the step's id
 * @param stepType the step's type, such as {@code restart}
 * @param target the step's target (the service, breaker, queue, host or argv it acts on), or null
 * @param maxTargets the step's {@code maxTargets}, or null when it has none
 * @param written the autonomy the runbook declares
 */
public record PreflightRequest(
    String runbook,
    String workflowId,
    String stepId,
    String stepType,
    String target,
    Rate maxTargets,
    Autonomy written) {}
