package dev.runbooks.tester;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test files of the shipped examples hello-http and disk-cleanup-approval pass. */
class ExampleTestFilesTest {
  private static final Path EXAMPLES = Path.of("../runbooks-yaml/examples");

  @Test
  void theExamplesTestFilesPass() {
    TestSuiteResult result =
        RunbookTests.run(
            List.of(
                EXAMPLES.resolve("hello-http.test.yaml"),
                EXAMPLES.resolve("disk-cleanup-approval.test.yaml")),
            TestOptions.defaults());
    System.out.println(TestReport.text(result, true));
    assertThat(result.files()).allSatisfy(f -> assertThat(f.problems()).isEmpty());
    assertThat(result.cases()).hasSize(9).allSatisfy(c -> assertThat(c.failures()).isEmpty());
    assertThat(result.exitCode()).isZero();
  }
}
