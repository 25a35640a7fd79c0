package dev.runbooks.starter.inbox.internal;

import dev.runbooks.language.expr.Templates;
import dev.runbooks.language.model.LockSpec;
import dev.runbooks.language.routing.Alert;
import dev.runbooks.language.routing.Route;
import dev.runbooks.starter.inbox.internal.AlertExplanation.RailCheck;
import dev.runbooks.starter.internal.LockOperations;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Instant;
import java.util.Map;

/**
 * The rails of an explanation that Temporal knows: the run in flight under a route's workflow id
 * and the cooldown after the last one, and who holds the runbook's lock now. Either client may be
 * null; the check then says what it would have asked.
 */
final class TemporalChecks {
  private final WorkflowClient temporal;
  private final LockOperations locks;

  TemporalChecks(WorkflowClient temporal, LockOperations locks) {
    this.temporal = temporal;
    this.locks = locks;
  }

  RailCheck run(Route route, Alert alert) {
    Instant now = Instant.now();
    String cooldown = route.cooldown().isZero() ? "no cooldown" : "cooldown " + route.cooldown();
    if (temporal == null) {
      return new RailCheck("dedup", false, "workflow id " + route.workflowId() + "; " + cooldown);
    }
    WorkflowExecutionMetadata run;
    try {
      run = temporal.newUntypedWorkflowStub(route.workflowId()).describe();
    } catch (WorkflowNotFoundException e) {
      return new RailCheck(
          "dedup",
          false,
          "no run under " + route.workflowId() + (alert.resolved() ? "" : "; " + cooldown));
    } catch (RuntimeException e) {
      return new RailCheck(
          "dedup", false, "Temporal cannot tell about " + route.workflowId() + " now; " + cooldown);
    }
    if (run.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return new RailCheck(
          "dedup",
          !alert.resolved(),
          "a run is in flight under "
              + route.workflowId()
              + (alert.resolved()
                  ? ": the resolve is sent to it (onResolved " + route.onResolved() + ")"
                  : ": the alert is signalled to it, nothing new starts"));
    }
    Instant closed = run.getCloseTime();
    if (!alert.resolved() && closed != null && now.isBefore(closed.plus(route.cooldown()))) {
      return new RailCheck(
          "cooldown",
          true,
          "the last run under "
              + route.workflowId()
              + " closed at "
              + closed
              + ", within the "
              + cooldown);
    }
    return new RailCheck(
        "dedup",
        false,
        "the last run under "
            + route.workflowId()
            + " closed"
            + (closed == null ? "" : " at " + closed)
            + "; "
            + cooldown);
  }

  /** The runbook's lock: its name for this alert, and who holds it and waits for it now. */
  RailCheck lock(LockSpec lock, Route route, Alert alert) {
    String how = " (onLocked: " + lock.onLocked() + ", up to " + lock.timeout() + ")";
    String name;
    try {
      name =
          Templates.asText(
              Templates.render(
                  lock.name(),
                  Map.of("inputs", route.inputs(), "alert", alert.toExpressionView())));
    } catch (RuntimeException e) {
      return new RailCheck("lock", false, "a run takes lock " + lock.name() + " first" + how);
    }
    if (locks == null) {
      return new RailCheck("lock", false, "a run takes lock " + name + " first" + how);
    }
    try {
      LockOperations.Lock now = locks.one(name);
      if (now.holder() == null) {
        return new RailCheck("lock", false, "lock " + name + " is free" + how);
      }
      return new RailCheck(
          "lock",
          false,
          "lock "
              + name
              + " is held by "
              + now.holder().workflowId()
              + (now.holder().step() == null ? "" : " (step " + now.holder().step() + ")")
              + " since "
              + now.holder().since()
              + ", "
              + now.waiters().size()
              + " waiting; a new run waits in line"
              + how);
    } catch (RuntimeException e) {
      return new RailCheck(
          "lock",
          false,
          "a run takes lock " + name + " first" + how + "; Temporal cannot tell now");
    }
  }
}
