package dev.runbooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runbook test} on the shipped examples' test files and on a broken test file. */
class TestCommandTest {
  @Test
  void runsTheExamplesTestFilesWithCoverageAndJunit(@TempDir Path dir) throws Exception {
    Path junit = dir.resolve("reports/runbook-tests.xml");
    ValidateCommandTest.Result r =
        ValidateCommandTest.run(
            "test", "../runbooks-yaml/examples", "--coverage", "--junit", junit.toString());
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out())
        .contains("PASS ../runbooks-yaml/examples/hello-http.test.yaml:6 healthy endpoint resolves")
        .contains("coverage disk-cleanup-approval: steps 9/9 (100%), branches 2/2 (100%)")
        .containsPattern("(?m)^4 files, 17 cases: 17 passed, 0 failed \\(\\d+ ms\\)$");
    assertThat(Files.readString(junit))
        .contains("<testcase classname=\"hello-http\" name=\"healthy endpoint resolves\"");
  }

  @Test
  void aTestFileThatCannotRunExitsTwoWithItsProblemLocated(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("x.test.yaml"),
        """
        apiVersion: runbooks.dev/v1
        kind: RunbookTest
        runbook: nowhere
        cases:
          - name: one
            expect: {outcome: resolved}
        """);
    ValidateCommandTest.Result r = ValidateCommandTest.run("test", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out())
        .contains("x.test.yaml:1:1: runbook: no runbook named 'nowhere' compiles under");
  }
}
