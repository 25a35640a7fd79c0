package dev.runbooks.tester;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A runbook test file ({@code <name>.test.yaml}) as read: the runbook under test and its cases. See
 * {@code docs/testing.md} for the format.
 *
 * @param file where it was read from
 * @param runbook the {@code metadata.name} of the runbook under test
 * @param cases its cases, in file order
 */
public record TestFile(Path file, String runbook, List<Case> cases) {

  /**
   * One case: how the run starts, what its steps answer, what people and the alert do, and what is
   * expected.
   *
   * @param name unique in the file
   * @param description an optional sentence
   * @param line the line the case starts on (1-based), for reports
   * @param inputs the run's inputs
   * @param alert the trigger context's alert, or null
   * @param dryRun whether the run is a dry run
   * @param live the steps that run for real
   * @param mocks the answers of action steps, by step id
   * @param decisions the decisions sent, in file order
   * @param signals the signals sent, in file order
   * @param expect what must hold at the end
   */
  public record Case(
      String name,
      String description,
      int line,
      Map<String, Object> inputs,
      Map<String, Object> alert,
      boolean dryRun,
      List<String> live,
      Map<String, Mock> mocks,
      List<DecisionAt> decisions,
      List<SignalAt> signals,
      Expect expect) {}

  /** The answers of one step: one per attempt or poll, the last repeating. */
  public record Mock(List<Answer> answers) {
    /** The answer of the call numbered {@code call} (0-based). */
    public Answer answer(int call) {
      return answers.get(Math.min(call, answers.size() - 1));
    }
  }

  /**
   * One answer: a result or an error, after a simulated duration.
   *
   * @param result the step's result (when {@code error} is null)
   * @param error the failure, or null
   * @param duration the simulated time the call takes (zero: at once)
   */
  public record Answer(Map<String, Object> result, ErrorSpec error, Duration duration) {}

  /**
   * A failure a mock answers with.
   *
   * @param type the error type
   * @param message its message
   * @param nonRetryable whether the step's retries stop at it
   */
  public record ErrorSpec(String type, String message, boolean nonRetryable) {}

  /**
   * A decision on an approval or an escalation ladder.
   *
   * @param step the step decided, or null for whichever waits
   * @param action {@code approve}, {@code reject} or {@code acknowledge}
   * @param by who decides
   * @param comment an optional comment
   * @param at when, after the start; null: as soon as the step asks
   */
  public record DecisionAt(String step, String action, String by, String comment, Duration at) {}

  /**
   * A signal sent at a simulated time.
   *
   * @param at when, after the start
   * @param signal {@code alertResolved}, {@code alertRepeated} or {@code abort}
   * @param by who aborts (abort only)
   * @param reason why (abort only)
   */
  public record SignalAt(Duration at, String signal, String by, String reason) {}

  /**
   * What a case expects; every null or empty part is not checked.
   *
   * @param outcome the run's outcome (wire name)
   * @param path the steps that ran, in order
   * @param pathMode {@code exact} (default) or {@code contains} (these steps in this order, others
   *     between)
   * @param skipped steps that must not have run
   * @param outputs CEL conditions that must be true
   * @param escalations the escalations sent, in order (null: not checked)
   * @param compensations the compensation steps run, in order (null: not checked)
   * @param errorType the type of the error that ended the run
   * @param minDuration the least simulated time the run took
   * @param maxDuration the most simulated time the run took
   */
  public record Expect(
      String outcome,
      List<String> path,
      String pathMode,
      List<String> skipped,
      List<String> outputs,
      List<EscalationSpec> escalations,
      List<String> compensations,
      String errorType,
      Duration minDuration,
      Duration maxDuration) {}

  /**
   * An expected escalation; null parts are not checked.
   *
   * @param route the route
   * @param severity the severity
   * @param textContains text the summary or details contain
   */
  public record EscalationSpec(String route, String severity, String textContains) {}
}
