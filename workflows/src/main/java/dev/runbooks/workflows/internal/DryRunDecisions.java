package dev.runbooks.workflows.internal;

import dev.runbooks.workflows.ChangeId;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * Whether a dry run stubs an action: its plugin says whether the action, so configured, changes
 * anything ({@code ActionKind.mutating}; an unknown type counts as mutating). Since {@link
 * ChangeId#DRY_RUN_DECISIONS} the answer is recorded in history ({@code Workflow.sideEffect}), so a
 * plugin whose {@code mutating()} changes cannot alter the commands of a dry run in flight: replay
 * reads the recorded answer. A dry run recorded before decides again, as it always did.
 */
final class DryRunDecisions {
  private Boolean recordsDecisions;

  /** Whether the dry run stubs this action instead of running its activity. Workflow code only. */
  boolean stubs(String type, Map<String, Object> config) {
    if (recordsDecisions == null) {
      recordsDecisions = ChangeId.DRY_RUN_DECISIONS.enabled();
    }
    if (!recordsDecisions) {
      return Mutations.kindSaysMutating(type, config);
    }
    return Workflow.sideEffect(Boolean.class, () -> Mutations.kindSaysMutating(type, config));
  }
}
