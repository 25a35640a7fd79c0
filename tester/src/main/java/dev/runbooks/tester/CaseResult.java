package dev.runbooks.tester;

import java.util.List;

/**
 * How one case went.
 *
 * @param file the test file (as given or found)
 * @param runbook the runbook under test
 * @param name the case's name
 * @param line the line the case starts on
 * @param failures why it failed, one readable line (or block) each; empty when it passed
 * @param outcome the run's outcome, or null when it did not end
 * @param path the steps that ran, in order
 * @param simulatedMillis how much simulated time the run took
 * @param realMillis how long the case took on the wall clock
 */
public record CaseResult(
    String file,
    String runbook,
    String name,
    int line,
    List<String> failures,
    String outcome,
    List<String> path,
    long simulatedMillis,
    long realMillis) {
  /** Whether every expectation held. */
  public boolean passed() {
    return failures.isEmpty();
  }
}
