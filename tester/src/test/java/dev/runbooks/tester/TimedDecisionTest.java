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
 * A decision with {@code at} is sent at that time or when the run asks for it, whichever is later:
 * one due before the run reaches its approval waits for it instead of being refused, and one the
 * run never asks for fails the case saying so.
 */
class TimedDecisionTest {
  @TempDir static Path dir;
  static TestSuiteResult result;

  @BeforeAll
  static void run() throws IOException {
    Files.writeString(
        dir.resolve("slow-then-approve.yaml"),
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata:
          name: slow-then-approve
          title: A slow probe, then an approval
          description: Probes for a minute, then asks whether to go on.
          owner: platform-oncall
        inputs:
          go_on: {type: bool, default: true}
        steps:
          - id: probe
            timeout: 5m
            http: {method: GET, url: "http://localhost:9000/health"}
          - id: check
            switch:
              cases:
                - when: "!inputs.go_on"
                  steps:
                    - id: stop
                      succeed: nothing to approve
          - id: approve
            approval:
              prompt: Go on?
              timeout: 30m
          - id: done
            log: approved
        """);
    Files.writeString(
        dir.resolve("slow-then-approve.test.yaml"),
        """
        apiVersion: runbooks.dev/v1
        kind: RunbookTest
        runbook: slow-then-approve
        cases:
          - name: due before the approval is asked
            mocks:
              probe:
                result: {status: 200}
                duration: 1m
            decisions:
              - {step: approve, action: approve, by: alice, at: 0s}
            expect:
              outcome: resolved
              path: [probe, check, approve, done]
              outputs:
                - steps.approve.result.approver == "alice"
              duration: {min: 1m, max: 2m}
          - name: due but never asked
            inputs: {go_on: false}
            mocks:
              probe:
                result: {status: 200}
                duration: 1m
            decisions:
              - {step: approve, action: approve, by: bob, at: 10s}
            expect:
              outcome: resolved
              path: [probe, check, stop]
        """);
    result = RunbookTests.run(List.of(dir), TestOptions.defaults());
    System.out.println(TestReport.text(result, true));
  }

  private static CaseResult named(String name) {
    return result.cases().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aDecisionDueBeforeTheApprovalIsSentWhenTheRunAsks() {
    CaseResult c = named("due before the approval is asked");
    assertThat(c.failures()).isEmpty();
    assertThat(c.passed()).isTrue();
    assertThat(c.path()).containsExactly("probe", "check", "approve", "done");
  }

  @Test
  void aTimedDecisionTheRunNeverAsksForFailsTheCase() {
    assertThat(named("due but never asked").failures())
        .containsExactly(
            "decision approve of step 'approve' at 10s was never sent: nothing waited for it at"
                + " or after that time");
  }
}
