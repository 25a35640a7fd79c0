package dev.runbooks.tester;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mocked step of a kind that heartbeats ({@code command}) heartbeats while its simulated duration
 * runs, as its executor would: a duration far longer than the 30 s heartbeat timeout is not taken
 * for a silent worker, and the case's simulated time includes it.
 */
class HeartbeatingMockTest {
  @Test
  void aLongMockedCommandOutlivesItsHeartbeatTimeout(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("long-command.yaml"),
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata:
          name: long-command
          title: A long command
          description: Runs a command that takes minutes.
          owner: platform-oncall
        steps:
          - id: rebuild
            timeout: 10m
            command:
              argv: [make, rebuild]
          - id: done
            log: rebuilt
        """);
    Files.writeString(
        dir.resolve("long-command.test.yaml"),
        """
        apiVersion: runbooks.dev/v1
        kind: RunbookTest
        runbook: long-command
        cases:
          - name: four minutes of work
            mocks:
              rebuild:
                result: {exitCode: 0, stdout: done, stderr: ""}
                duration: 4m
            expect:
              outcome: resolved
              path: [rebuild, done]
              duration: {min: 4m, max: 5m}
        """);
    TestSuiteResult result = RunbookTests.run(List.of(dir), TestOptions.defaults());
    assertThat(result.files()).hasSize(1);
    assertThat(result.files().get(0).problems()).isEmpty();
    CaseResult c = result.cases().get(0);
    assertThat(c.failures()).isEmpty();
    assertThat(c.passed()).isTrue();
    assertThat(c.path()).containsExactly("rebuild", "done");
  }
}
