package dev.runbooks.api;

/**
 * The error types a run's steps fail with besides those of the activities (an activity's failure
 * type, such as {@code UnexpectedStatus}, passes through as it is), and those the workflow itself
 * fails with before it interprets anything. They are the {@code error.type} of a step report and of
 * an onFailure handler's {@code error}, and what a step's {@code retry.nonRetryable} can name.
 */
public final class ErrorTypes {
  private ErrorTypes() {}

  /** A step's own {@code timeout} ran out (a composite step's overall deadline). */
  public static final String STEP_TIMEOUT = "StepTimeout";

  /** An activity timed out (start-to-close, heartbeat) after its retries. */
  public static final String TIMEOUT = "Timeout";

  /** An activity failed with something other than an application failure or a timeout. */
  public static final String ACTIVITY_FAILED = "ActivityFailed";

  /**
   * An approval was rejected (or, in runs recorded before {@code ApprovalTimedOut} existed, its
   * timeout rejected it) and its onReject is fail.
   */
  public static final String APPROVAL_REJECTED = "ApprovalRejected";

  /**
   * Nobody decided an approval in time and its {@code onTimeout} is reject or escalate (after the
   * escalation was sent), and its onReject is fail.
   */
  public static final String APPROVAL_TIMED_OUT = "ApprovalTimedOut";

  /** A call would run deeper than its maxDepth (or the compiler's limit). */
  public static final String CALL_DEPTH_EXCEEDED = "CallDepthExceeded";

  /** The run would pass Temporal's history limits even after continuing as new. */
  public static final String HISTORY_BUDGET_EXCEEDED = "HistoryBudgetExceeded";

  /** Fewer parallel branches succeeded than the join needs. */
  public static final String PARALLEL_JOIN_FAILED = "ParallelJoinFailed";

  /** An item of a foreach failed. */
  public static final String FOREACH_ITEM_FAILED = "ForeachItemFailed";

  /** An expression (when, outputs, items, condition) could not be evaluated. */
  public static final String EXPRESSION_FAILED = "ExpressionFailed";

  /** A sleep's templated duration is not a duration. */
  public static final String INVALID_DURATION = "InvalidDuration";

  /** A waitUntil's failWhen held. */
  public static final String WAIT_UNTIL_FAILED = "WaitUntilFailed";

  /** A waitUntil's condition did not hold within its deadline (onTimeout: fail). */
  public static final String WAIT_UNTIL_TIMEOUT = "WaitUntilTimeout";

  /** A step list made more goto jumps than the interpreter allows. */
  public static final String TOO_MANY_JUMPS = "TooManyJumps";

  /** An escalation ladder nobody acknowledged within its giveUpAfter. */
  public static final String ESCALATION_UNACKNOWLEDGED = "EscalationUnacknowledged";

  /** A step's config is invalid once rendered (never retried). */
  public static final String INVALID_STEP_CONFIG = "InvalidStepConfig";

  /** No executor runs a step's type (never retried). */
  public static final String UNKNOWN_STEP_TYPE = "UnknownStepType";

  /** The run a call step started failed as a workflow. */
  public static final String CHILD_RUNBOOK_FAILED = "ChildRunbookFailed";

  /** The workflow: its runbook's pinned source does not compile. */
  public static final String INVALID_RUNBOOK = "InvalidRunbook";

  /** The workflow: its inputs (or another argument) do not fit the runbook. */
  public static final String INVALID_INPUTS = "InvalidInputs";

  /** The workflow: no runbook has the workflow type's name. */
  public static final String UNKNOWN_RUNBOOK = "UnknownRunbook";

  /**
   * A mutating step's target would pass its {@code maxTargets}: more distinct targets in the window
   * than the step may act on (blast radius). Handleable like any step error.
   */
  public static final String BLAST_RADIUS_EXCEEDED = "BlastRadiusExceeded";

  /** A mutating step waited for an approval (autonomy {@code approve}) and was rejected. */
  public static final String MUTATION_REJECTED = "MutationRejected";

  /** The guard rails could not be asked before a mutating step (their store did not answer). */
  public static final String GUARD_RAILS_UNAVAILABLE = "GuardRailsUnavailable";

  /**
   * The error type of a call step whose run ended with an outcome other than resolved: {@code
   * ChildRunbookEscalated}, {@code ChildRunbookFailed} or {@code ChildRunbookAborted}.
   */
  public static String childRunbook(Outcome outcome) {
    StringBuilder name = new StringBuilder("ChildRunbook");
    for (String word : String.valueOf(outcome).split("-")) {
      name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return name.toString();
  }

  /**
   * A resource lock was held by another run and the step (or runbook) says {@code onLocked: fail}.
   */
  public static final String LOCKED = "Locked";

  /** A resource lock was not granted within {@code lockTimeout} ({@code onLocked: wait}). */
  public static final String LOCK_TIMEOUT = "LockTimeout";
}
