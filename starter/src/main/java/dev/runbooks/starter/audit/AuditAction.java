package dev.runbooks.starter.audit;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.runbooks.language.model.AccessAction;
import java.util.Locale;
import java.util.Optional;

/** The human and system actions the audit trail records, each with its wire name. */
public enum AuditAction {
  /** A run started by a person or a program. */
  START,
  /** A dry run started. */
  DRY_RUN,
  /** An approval step approved. */
  APPROVE,
  /** An approval step rejected. */
  REJECT,
  /** An escalation acknowledged. */
  ACKNOWLEDGE,
  /** A run aborted. */
  ABORT,
  /** A maintenance window created. */
  MAINTENANCE_WINDOW_CREATE,
  /** A maintenance window deleted (marked deleted; its row stays). */
  MAINTENANCE_WINDOW_DELETE,
  /** A quarantined target cleared. */
  QUARANTINE_CLEAR,
  /** An API token created. */
  TOKEN_CREATE,
  /** An API token revoked. */
  TOKEN_REVOKE,
  /** A run started by an alert. */
  ALERT_START,
  /** A runbook's automatic starts switched off (kill switch). */
  RUNBOOK_DISABLE,
  /** A runbook's automatic starts switched on again. */
  RUNBOOK_ENABLE,
  /** All automatic starts switched off (kill switch). */
  AUTOMATION_DISABLE,
  /** All automatic starts switched on again. */
  AUTOMATION_ENABLE,
  /** A runbook tripped by its start limits (by the dispatcher). */
  RUNBOOK_TRIP,
  /** A runbook's trip reset. */
  LIMITS_RESET,
  /** A runbook's autonomy set at run time (or back to the written one). */
  AUTONOMY_SET,
  /** A change freeze created. */
  FREEZE_CREATE,
  /** A change freeze deleted (marked deleted; its row stays). */
  FREEZE_DELETE,
  /** A run that ended without resolving retried from a step (by reset or as a seeded new run). */
  RETRY;

  /** The wire name: {@code start}, {@code dry-run}, {@code maintenance-window-create}, … */
  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The action of a wire name, if there is one. */
  public static Optional<AuditAction> of(String wire) {
    for (AuditAction a : values()) {
      if (a.wire().equals(wire)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /**
   * The action of a runbook's {@code access:} block this action is checked against, if any: start
   * dry runs and retries against {@code start}, approvals and rejections against {@code approve}.
   */
  public Optional<AccessAction> access() {
    return Optional.ofNullable(
        switch (this) {
          case START, DRY_RUN, RETRY -> AccessAction.START;
          case APPROVE, REJECT -> AccessAction.APPROVE;
          case ACKNOWLEDGE -> AccessAction.ACKNOWLEDGE;
          case ABORT -> AccessAction.ABORT;
          default -> null;
        });
  }
}
