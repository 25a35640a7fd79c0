package dev.runbooks.workflows;

/**
 * The public contract of a runbook run as other programs see it. There is no typed workflow
 * interface: one dynamic workflow serves every runbook, and the workflow type is the runbook's
 * name. Arguments: first a JSON object of inputs, then optionally a JSON object of trigger context
 * ({@code {"alert": {...}}}). The result is the run report (see {@link #OUTCOMES}).
 */
public final class RunbookWorkflow {
  /** The task queue every runbook runs on. */
  public static final String TASK_QUEUE = "runbooks";

  /** Query returning the run's status: current steps, finished steps, waiting state. */
  public static final String QUERY_STATUS = "status";

  /** Signal approving a pending approval: {@code {"approver", "comment", "step"?}}. */
  public static final String SIGNAL_APPROVE = "approve";

  /** Signal rejecting a pending approval: {@code {"approver", "comment", "step"?}}. */
  public static final String SIGNAL_REJECT = "reject";

  /**
   * Signal acknowledging an escalation ladder that waits, which stops it climbing: {@code {"by",
   * "comment", "step"?}}.
   */
  public static final String SIGNAL_ACKNOWLEDGE = "acknowledge";

  /** Signal aborting the run: {@code {"by", "reason"}}. */
  public static final String SIGNAL_ABORT = "abort";

  /** The outcomes a run report can carry. */
  public static final java.util.List<String> OUTCOMES =
      java.util.List.of("resolved", "escalated", "failed", "aborted");

  private RunbookWorkflow() {}
}
