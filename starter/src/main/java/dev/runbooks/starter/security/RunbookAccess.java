package dev.runbooks.starter.security;

import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.language.model.Access;
import dev.runbooks.language.model.AccessAction;
import dev.runbooks.starter.audit.ActionAudit;
import dev.runbooks.starter.audit.AuditAction;
import dev.runbooks.starter.audit.AuditResult;
import dev.runbooks.starter.audit.AuditedAction;
import dev.runbooks.starter.internal.ApiException;
import java.util.List;
import java.util.Optional;

/**
 * Checks a caller against a runbook's {@code access:} block before the engine acts: when the block
 * lists principals for the action, the caller must match one ({@link dev.runbooks.api.Actor#isAnyOf
 * Actor.isAnyOf}); when it does not, the action is allowed here (the role each endpoint needs is
 * checked by the security filter chain). A refusal is recorded in the audit trail and answered with
 * 403 {@code {"error", "result": "not-allowed", "reason"}}.
 *
 * <p>Call it first thing in an endpoint, one line:
 *
 * <pre>{@code
 * access.require(entry, caller, AuditAction.START);               // a runbook of the catalog
 * access.requireForRun(runbook, workflowId, caller, AuditAction.ABORT);  // a run of a runbook
 * }</pre>
 */
public class RunbookAccess {
  private final RunbookCatalog catalog;
  private final ActionAudit audit;

  /** Creates the check over the catalog and the trail. */
  public RunbookAccess(RunbookCatalog catalog, ActionAudit audit) {
    this.catalog = catalog;
    this.audit = audit;
  }

  /**
   * Refuses (403, audited) a caller that the runbook's {@code access:} block does not allow to take
   * {@code action}; does nothing for an action the block does not restrict.
   */
  public void require(CatalogEntry entry, Caller caller, AuditAction action) {
    check(entry.compiled().definition().access(), entry.name(), null, caller, action);
  }

  /**
   * Like {@link #require} for a run of {@code runbook} (its workflow type): checks the catalog's
   * current version of the runbook; a run whose runbook left the catalog is checked against the
   * role defaults only.
   */
  public void requireForRun(String runbook, String workflowId, Caller caller, AuditAction action) {
    Access access = catalog.find(runbook).map(e -> e.compiled().definition().access()).orElse(null);
    if (access != null) {
      check(access, runbook, workflowId, caller, action);
    }
  }

  private void check(
      Access access, String runbook, String workflowId, Caller caller, AuditAction action) {
    Optional<AccessAction> checked = action.access();
    if (checked.isEmpty()) {
      return;
    }
    Optional<String> refusal = refusal(access, caller, checked.get());
    if (refusal.isPresent()) {
      audit.record(
          AuditedAction.of(action, caller)
              .run(runbook, workflowId)
              .answered(AuditResult.refused(403, refusal.get())));
      throw ApiException.forbidden(
          "'" + caller.name() + "' may not " + verb(action) + " runbook '" + runbook + "'",
          refusal.get());
    }
  }

  /**
   * Why {@code caller} may not take {@code action} under {@code access}, or empty when it may (the
   * block lists the caller, or does not restrict the action).
   */
  public static Optional<String> refusal(Access access, Caller caller, AccessAction action) {
    List<String> allowed = access.principals(action);
    if (allowed.isEmpty() || caller.actor().isAnyOf(allowed)) {
      return Optional.empty();
    }
    return Optional.of(
        "access."
            + action
            + " allows only "
            + String.join(", ", allowed)
            + ", and '"
            + caller.name()
            + "' is none of them");
  }

  private static String verb(AuditAction action) {
    return switch (action) {
      case START -> "start runs of";
      case DRY_RUN -> "start dry runs of";
      case APPROVE -> "approve runs of";
      case REJECT -> "reject runs of";
      case ACKNOWLEDGE -> "acknowledge runs of";
      case ABORT -> "abort runs of";
      case RETRY -> "retry runs of";
      default -> action.wire() + " on";
    };
  }
}
