package dev.runbooks.workflows;

import dev.runbooks.api.Abort;
import dev.runbooks.api.Acknowledge;
import dev.runbooks.api.AlertSignal;
import dev.runbooks.api.Decision;
import dev.runbooks.api.Outcome;
import dev.runbooks.api.RunReport;
import dev.runbooks.api.RunStatus;

/**
 * The public contract of a runbook run as other programs see it. There is no typed workflow
 * interface: one dynamic workflow serves every runbook, and the workflow type is the runbook's
 * name. Arguments: first a JSON object of inputs, then optionally a JSON object of trigger context
 * ({@code {"alert": {...}}}). The result is the run report ({@link RunReport}).
 */
public final class RunbookWorkflow {
  /** The task queue every runbook runs on. */
  public static final String TASK_QUEUE = "runbooks";

  /** Query returning the run's status ({@link RunStatus}): current steps, steps, waits. */
  public static final String QUERY_STATUS = "status";

  /**
   * Signal approving a pending approval: {@code {"approver", "comment", "step"?}} ({@link
   * Decision}).
   */
  public static final String SIGNAL_APPROVE = "approve";

  /**
   * Signal rejecting a pending approval: {@code {"approver", "comment", "step"?}} ({@link
   * Decision}).
   */
  public static final String SIGNAL_REJECT = "reject";

  /**
   * Signal acknowledging an escalation ladder that waits, which stops it climbing: {@code {"by",
   * "comment", "step"?}} ({@link Acknowledge}).
   */
  public static final String SIGNAL_ACKNOWLEDGE = "acknowledge";

  /** Signal aborting the run: {@code {"by", "reason"}}, see {@link Abort}. */
  public static final String SIGNAL_ABORT = "abort";

  /** Signal from the intake: the alert that started the run fired again ({@link AlertSignal}). */
  public static final String SIGNAL_ALERT_REPEATED = "alertRepeated";

  /** Signal from the intake: the alert that started the run resolved ({@link AlertSignal}). */
  public static final String SIGNAL_ALERT_RESOLVED = "alertResolved";

  /**
   * Signal from a resource lock ({@link RunbookLockWorkflow}): the run now holds it: {@code
   * {"lock", "requestId"}}.
   */
  public static final String SIGNAL_LOCK_GRANTED = "lockGranted";

  /**
   * Signal from a resource lock: another run holds it: {@code {"lock", "requestId", "queued",
   * "holder", "holderSince"}}; {@code queued} says whether the request waits in line.
   */
  public static final String SIGNAL_LOCK_BUSY = "lockBusy";

  /**
   * Signal the API sends to the run a reset of another started: {@code {"workflowId", "runId",
   * "from", "by"}}; the run records it as its {@code retryOf} event. (A run seeded with another's
   * results has {@code "retry": {...}} in its start context instead; see docs/cli.md, "Retrying a
   * run".)
   */
  public static final String SIGNAL_RETRY_OF = "retryOf";

  /** The outcomes a run report can carry, by their wire names (see {@link Outcome}). */
  public static final java.util.List<String> OUTCOMES =
      java.util.Arrays.stream(Outcome.values()).map(Outcome::wire).toList();

  private RunbookWorkflow() {}
}
