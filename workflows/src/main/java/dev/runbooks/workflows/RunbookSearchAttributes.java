package dev.runbooks.workflows;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.common.SearchAttributeKey;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search attributes every run sets, so that lists in the Temporal Web UI and {@code temporal
 * workflow list --query} can find runs, for example {@code
 * RunbookName="jarvis-circuit-breaker-open" AND Outcome="escalated"}. They must be registered in
 * the namespace before runs start; the worker does that at start-up.
 */
public final class RunbookSearchAttributes {
  /** The runbook's name (also the workflow type). */
  public static final SearchAttributeKey<String> RUNBOOK_NAME =
      SearchAttributeKey.forKeyword("RunbookName");

  /** The content hash of the runbook version the run is pinned to. */
  public static final SearchAttributeKey<String> RUNBOOK_VERSION =
      SearchAttributeKey.forKeyword("RunbookVersion");

  /** The name of the alert that started the run, if one did. */
  public static final SearchAttributeKey<String> ALERT_NAME =
      SearchAttributeKey.forKeyword("AlertName");

  /** The fingerprint of the alert that started the run, if one did. */
  public static final SearchAttributeKey<String> ALERT_FINGERPRINT =
      SearchAttributeKey.forKeyword("AlertFingerprint");

  /** The service concerned: the alert's {@code service} label, else the runbook's label. */
  public static final SearchAttributeKey<String> SERVICE = SearchAttributeKey.forKeyword("Service");

  /** The severity: the alert's, else the runbook's. */
  public static final SearchAttributeKey<String> SEVERITY =
      SearchAttributeKey.forKeyword("Severity");

  /** {@code running} until the run ends, then resolved, escalated, failed or aborted. */
  public static final SearchAttributeKey<String> OUTCOME = SearchAttributeKey.forKeyword("Outcome");

  /** The step that started last, while the run is running. */
  public static final SearchAttributeKey<String> CURRENT_STEP =
      SearchAttributeKey.forKeyword("CurrentStep");

  /**
   * While the run waits for at least one approval: when the oldest of its pending approvals started
   * waiting; unset otherwise. The worker's {@code runbook_approvals_waiting} gauges count the
   * running runs that have it ({@code ApprovalWaitingSince IS NOT NULL}). Not in {@link #ALL},
   * which holds the keyword attributes.
   */
  public static final SearchAttributeKey<OffsetDateTime> APPROVAL_WAITING_SINCE =
      SearchAttributeKey.forOffsetDateTime("ApprovalWaitingSince");

  /** Every keyword key, in the order above. */
  public static final List<SearchAttributeKey<String>> ALL =
      List.of(
          RUNBOOK_NAME,
          RUNBOOK_VERSION,
          ALERT_NAME,
          ALERT_FINGERPRINT,
          SERVICE,
          SEVERITY,
          OUTCOME,
          CURRENT_STEP);

  private RunbookSearchAttributes() {}

  /** Names and index types, as the operator API's AddSearchAttributes wants them. */
  public static Map<String, IndexedValueType> definitions() {
    Map<String, IndexedValueType> defs = new LinkedHashMap<>();
    for (SearchAttributeKey<String> key : ALL) {
      defs.put(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    defs.put(APPROVAL_WAITING_SINCE.getName(), IndexedValueType.INDEXED_VALUE_TYPE_DATETIME);
    return defs;
  }
}
