package dev.runbooks.tester;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cases that must fail do, and say why in the words a person reads: the outcome, a diff of the
 * path, a false CEL assertion with both sides' values, a step without a mock, escalations,
 * durations; a test file with mistakes does not run and its problems are located.
 */
class FailingCasesTest {
  @TempDir static Path dir;
  static TestSuiteResult result;

  @BeforeAll
  static void run() throws IOException {
    Path examples = Path.of("../runbooks-yaml/examples");
    for (String f : List.of("hello-http.yaml", "disk-cleanup-approval.yaml")) {
      Files.copy(examples.resolve(f), dir.resolve(f));
    }
    Files.writeString(
        dir.resolve("hello-http.test.yaml"),
        """
        apiVersion: runbooks.dev/v1
        kind: RunbookTest
        runbook: hello-http
        cases:
          - name: expects success but the probe fails
            mocks:
              probe:
                error: {type: HttpStatusMismatch, message: answered 503, nonRetryable: true}
            expect:
              outcome: resolved
              path: [probe, report, done]
          - name: wrong output and too slow
            mocks:
              probe:
                result: {status: 200, durationMs: 12}
                duration: 4s
            expect:
              outcome: resolved
              outputs:
                - steps.probe.outputs.millis == 13
              escalations:
                - {route: oncall, severity: critical}
              duration: {max: 3s}
        """);
    Files.writeString(
        dir.resolve("disk-cleanup-approval.test.yaml"),
        """
        apiVersion: runbooks.dev/v1
        kind: RunbookTest
        runbook: disk-cleanup-approval
        cases:
          - name: forgot a mock
            mocks:
              usage_before: {result: {exitCode: 0, stdout: "1.0G"}}
            expect:
              outcome: resolved
          - name: decision never asked
            mocks:
              usage_before: {result: {exitCode: 0, stdout: "1.0G"}}
              preview: {result: {exitCode: 0, stdout: ""}}
            decisions:
              - {step: approve, action: approve}
            expect:
              outcome: resolved
              path: [usage_before, preview, anything_to_do, nothing_to_delete]
        """);
    Files.writeString(
        dir.resolve("broken.test.yaml"),
        """
        apiVersion: runbooks.dev/v1
        kind: RunbookTest
        runbook: hello-http
        cases:
          - name: typo
            mock: {}
            expect: {outcome: resolved}
        """);
    result = RunbookTests.run(List.of(dir), TestOptions.defaults());
    System.out.println(TestReport.text(result, true));
  }

  private static CaseResult named(String name) {
    return result.cases().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aWrongOutcomeShowsTheRunsMessageAndAPathDiff() {
    CaseResult c = named("expects success but the probe fails");
    assertThat(c.passed()).isFalse();
    assertThat(c.failures().get(0)).startsWith("outcome: expected resolved, got failed (");
    assertThat(c.failures().get(1))
        .isEqualTo(
            """
            path (exact):
                (- expected, + not expected)
                  probe
                - report
                - done""");
  }

  @Test
  void aFalseAssertionShowsBothSidesAndEscalationsAndDurationsAreCompared() {
    CaseResult c = named("wrong output and too slow");
    assertThat(c.failures())
        .containsExactly(
            """
            outputs: 'steps.probe.outputs.millis == 13' is false
                steps.probe.outputs.millis = 12
                13 = 13""",
            """
            escalations:
              expected:
                - route oncall, severity critical
              got: none""",
            "duration: expected at most 3s, took 4s");
  }

  @Test
  void aStepWithoutAMockFailsTheCaseWithTheMessageOfTheContract() {
    assertThat(named("forgot a mock").failures().get(0))
        .isEqualTo(
            "step 'preview' (command) has no mock in case 'forgot a mock'; add mocks.preview or"
                + " list it in live:");
  }

  @Test
  void aDecisionTheRunNeverAskedForFailsTheCase() {
    assertThat(named("decision never asked").failures())
        .containsExactly("decision approve of step 'approve' was never asked for");
  }

  @Test
  void aTestFileWithMistakesDoesNotRunAndIsLocated() {
    FileResult broken =
        result.files().stream()
            .filter(f -> f.file().endsWith("broken.test.yaml"))
            .findFirst()
            .orElseThrow();
    assertThat(broken.cases()).isEmpty();
    assertThat(broken.problems()).hasSize(1);
    assertThat(broken.problems().get(0).toString())
        .endsWith(
            "broken.test.yaml:6:5: cases[0].mock: is not a field here (known: alert, decisions,"
                + " description, dryRun, expect, inputs, live, mocks, name, signals)");
    assertThat(result.exitCode()).isEqualTo(TestSuiteResult.FILE_ERRORS);
  }

  @Test
  void theJunitReportCarriesEveryCaseAndTheDiffs() {
    String xml = JunitReport.xml(result);
    assertThat(xml)
        .contains("<testcase classname=\"hello-http\" name=\"wrong output and too slow\"")
        .contains("<failure message=\"outcome: expected resolved, got failed (")
        .contains("name=\"(file)\"")
        .contains("- report");
  }
}
