package dev.runbooks.workflows.internal;

import static dev.runbooks.workflows.RunbookSearchAttributes.ALERT_FINGERPRINT;
import static dev.runbooks.workflows.RunbookSearchAttributes.ALERT_NAME;
import static dev.runbooks.workflows.RunbookSearchAttributes.APPROVAL_WAITING_SINCE;
import static dev.runbooks.workflows.RunbookSearchAttributes.CURRENT_STEP;
import static dev.runbooks.workflows.RunbookSearchAttributes.OUTCOME;
import static dev.runbooks.workflows.RunbookSearchAttributes.RUNBOOK_NAME;
import static dev.runbooks.workflows.RunbookSearchAttributes.RUNBOOK_VERSION;
import static dev.runbooks.workflows.RunbookSearchAttributes.SERVICE;
import static dev.runbooks.workflows.RunbookSearchAttributes.SEVERITY;

import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.workflows.ChangeId;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Keeps the run's search attributes and memo up to date, so the Temporal Web UI shows which
 * runbook, alert, service and step a run is on. Runs recorded before this existed replay without
 * it: the feature sits behind {@link ChangeId#SEARCH_ATTRIBUTES}.
 */
final class Visibility {
  private final boolean enabled;
  private String currentStep;

  /** Pending approvals by step id: when each started waiting. */
  private final Map<String, Long> approvals = new LinkedHashMap<>();

  private Long approvalsShown;
  private Boolean approvalsEnabled;
  private Boolean coalesced;

  Visibility() {
    this.enabled = ChangeId.SEARCH_ATTRIBUTES.enabled();
  }

  /** Sets the attributes known at start and the memo's alert summary. */
  @SuppressWarnings("unchecked")
  void started(CompiledRunbook plan, Map<String, Object> alert) {
    if (!enabled) {
      return;
    }
    Map<String, Object> labels =
        alert.get("labels") instanceof Map<?, ?> l ? (Map<String, Object>) l : Map.of();
    Map<String, String> runbookLabels = plan.definition().metadata().labels();
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
    updates.add(RUNBOOK_NAME.valueSet(plan.name()));
    updates.add(RUNBOOK_VERSION.valueSet(plan.version()));
    updates.add(OUTCOME.valueSet("running"));
    set(updates, ALERT_NAME, alert.get("name"));
    set(updates, ALERT_FINGERPRINT, alert.get("fingerprint"));
    Object service = labels.get("service");
    set(updates, SERVICE, service != null ? service : runbookLabels.get("service"));
    Object severity = alert.get("severity");
    set(updates, SEVERITY, severity != null ? severity : plan.definition().metadata().severity());
    Workflow.upsertTypedSearchAttributes(updates.toArray(new SearchAttributeUpdate<?>[0]));
    if (!alert.isEmpty()) {
      Map<String, Object> memo = new LinkedHashMap<>();
      Map<String, Object> annotations =
          alert.get("annotations") instanceof Map<?, ?> a ? (Map<String, Object>) a : Map.of();
      Object summary = annotations.get("summary");
      memo.put("alertSummary", summary != null ? summary : alert.get("name"));
      memo.put("alertLabels", labels);
      Workflow.upsertMemo(memo);
    }
  }

  /**
   * Records the step that started last, unless it runs within the workflow task and the run
   * coalesces such steps ({@link ChangeId#STEP_ATTRIBUTE_COALESCED}, asked at the first such step):
   * then {@code CurrentStep} keeps the last step that may wait, which is what the run is on
   * whenever it waits, and the upsert (an event) is saved.
   *
   * @param quick whether the step issues nothing that waits (asked only when it matters)
   */
  void stepStarted(String stepId, BooleanSupplier quick) {
    if (!enabled || stepId.equals(currentStep)) {
      return;
    }
    if (quick.getAsBoolean()) {
      if (coalesced == null) {
        coalesced = ChangeId.STEP_ATTRIBUTE_COALESCED.enabled();
      }
      if (coalesced) {
        return;
      }
    }
    currentStep = stepId;
    Workflow.upsertTypedSearchAttributes(CURRENT_STEP.valueSet(stepId));
  }

  /**
   * An approval starts waiting: {@code ApprovalWaitingSince} shows the oldest pending one. Runs
   * recorded before this existed replay without it ({@link ChangeId#APPROVAL_WAITING_ATTRIBUTE},
   * asked at the first approval).
   */
  void approvalWaiting(String stepId, long since) {
    approvals.put(stepId, since);
    showApprovals();
  }

  /** An approval was decided (or timed out, or the run is aborting). */
  void approvalDone(String stepId) {
    approvals.remove(stepId);
    showApprovals();
  }

  private void showApprovals() {
    if (!enabled) {
      return;
    }
    if (approvalsEnabled == null) {
      approvalsEnabled = ChangeId.APPROVAL_WAITING_ATTRIBUTE.enabled();
    }
    Long oldest = approvals.values().stream().min(Long::compare).orElse(null);
    if (!approvalsEnabled || java.util.Objects.equals(oldest, approvalsShown)) {
      return;
    }
    approvalsShown = oldest;
    Workflow.upsertTypedSearchAttributes(
        oldest == null
            ? APPROVAL_WAITING_SINCE.valueUnset()
            : APPROVAL_WAITING_SINCE.valueSet(
                OffsetDateTime.ofInstant(Instant.ofEpochMilli(oldest), ZoneOffset.UTC)));
  }

  /** Records the outcome and clears the current step. */
  void ended(String outcome) {
    if (!enabled) {
      return;
    }
    Workflow.upsertTypedSearchAttributes(OUTCOME.valueSet(outcome), CURRENT_STEP.valueUnset());
  }

  private static void set(
      List<SearchAttributeUpdate<?>> updates,
      io.temporal.common.SearchAttributeKey<String> key,
      Object value) {
    if (value != null && !String.valueOf(value).isEmpty()) {
      updates.add(key.valueSet(String.valueOf(value)));
    }
  }
}
