package dev.runbooks.workflows.internal;

import java.util.List;
import java.util.Map;

/**
 * The interpreter's state carried from one execution of a run to the next when the run continues as
 * new: the third argument of the new execution (new starts pass two, so they are unchanged).
 * Serialized by Temporal's Jackson converter; every field is plain data.
 *
 * @param generation how many times the run has continued as new (1 on the second execution)
 * @param run the {@code run} variable of expressions, as the first execution set it (its {@code
 *     startedAt} is the first execution's, so durations span the chain)
 * @param alert the {@code alert} variable
 * @param inputs the bound inputs
 * @param dryRun whether the run is a dry run
 * @param callDepth how many calls deep the run is
 * @param limits the thresholds that made it continue, which the next execution keeps
 * @param steps the step records in the order they were first reached
 * @param events the run's events (signals received, budget notes)
 * @param compensable the compensations registered so far, in completion order
 * @param incidents the incidents opened by escalations, for auto-resolve
 * @param signals what the run's inbox had received
 * @param position where the interpreter was: one frame per step list, outermost first
 * @param stopBeforeMutation whether the run's trigger said {@code onResolved: stopBeforeMutation}
 *     (false in checkpoints written before the guard rails)
 */
public record Checkpoint(
    int generation,
    long startedAt,
    Map<String, Object> run,
    Map<String, Object> alert,
    Map<String, Object> inputs,
    boolean dryRun,
    int callDepth,
    HistoryLimits limits,
    List<StepSnapshot> steps,
    List<Map<String, Object>> events,
    List<Compensation> compensable,
    List<Map<String, Object>> incidents,
    SignalSnapshot signals,
    List<Frame> position,
    boolean stopBeforeMutation) {

  /** One step record as it was. */
  public record StepSnapshot(
      String id,
      String name,
      String type,
      String status,
      long startedAt,
      long endedAt,
      int executions,
      Object result,
      Map<String, Object> outputs,
      Map<String, Object> error,
      String note) {}

  /**
   * A registered compensation: the step whose {@code compensate} list runs, and the scope captured
   * when it completed (null for the root scope).
   */
  public record Compensation(String step, ScopeSnapshot scope) {}

  /**
   * A captured scope: inside a foreach iteration or not, its item and index, the error a handler
   * was handling, and the iteration's own step views.
   */
  public record ScopeSnapshot(
      boolean iteration,
      Object item,
      long index,
      Map<String, Object> error,
      Map<String, Object> steps) {}

  /** The inbox: abort requests and alert signals received so far. */
  public record SignalSnapshot(
      boolean abortRequested,
      Map<String, Object> abortedBy,
      boolean alertResolved,
      long alertRepeats) {}

  /**
   * One step list being run: the index of its current step (the one to run next, or the one in
   * progress), the goto jumps made in it so far, and what the step in progress had done.
   *
   * @param head the id of the list's first step, which names the list
   * @param stepId the id of the step at {@code index}
   * @param progress null when the run stopped before that step started
   */
  public record Frame(String head, int index, int jumps, String stepId, Progress progress) {}

  /**
   * How far a step in progress had got: exactly one of the fields is set.
   *
   * @param switchCase the case a switch took ({@code -1} for its default)
   * @param foreach how far a foreach had got
   * @param waitUntil how far a waitUntil had got
   */
  public record Progress(Integer switchCase, ForeachProgress foreach, WaitProgress waitUntil) {}

  /**
   * A foreach: its items, the index of the next item to run (or of the one running, when {@code
   * iterationSteps} is set), and the results of the items finished.
   *
   * @param iterationSteps the steps the running iteration had finished (null between items)
   */
  public record ForeachProgress(
      List<Object> items, int next, List<Object> results, Map<String, Object> iterationSteps) {}

  /** A waitUntil between polls: probes so far, when it started, the last result and error. */
  public record WaitProgress(
      long probes, long startedAt, Object last, Map<String, Object> lastError) {}
}
