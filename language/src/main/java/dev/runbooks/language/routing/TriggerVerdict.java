package dev.runbooks.language.routing;

import java.util.List;

/**
 * Why one trigger of one runbook did or did not match an alert, in words: each condition the
 * trigger states (source, alert name, each label matcher, {@code when}) with what the alert had,
 * and, for a matching trigger with {@code maxAge}, how old the alert is. {@link
 * AlertRouter#explain} returns one per trigger; its {@code matched} agrees with {@link
 * AlertRouter#route}.
 *
 * @param runbook the runbook's name
 * @param version the runbook's version
 * @param triggerIndex the trigger's index in {@code triggers:}
 * @param path the trigger's field path, such as {@code triggers[1]}
 * @param matched whether the trigger matches the alert (its conditions hold)
 * @param reasons one sentence per condition, in the order the trigger is evaluated: those that do
 *     not hold for a trigger that did not match, all of them (as they held) for one that did
 * @param chosen whether this is the trigger the router uses for the runbook: the first that
 *     matched, or the first whose evaluation failed before any matched
 * @param failed whether evaluating the trigger failed (its {@code when} threw); the route then
 *     carries the problem and starts nothing
 * @param stale whether the trigger matched but the firing alert is older than the trigger's {@code
 *     maxAge}, so the intake records it and starts nothing
 */
public record TriggerVerdict(
    String runbook,
    String version,
    int triggerIndex,
    String path,
    boolean matched,
    List<String> reasons,
    boolean chosen,
    boolean failed,
    boolean stale) {
  public TriggerVerdict {
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
  }
}
