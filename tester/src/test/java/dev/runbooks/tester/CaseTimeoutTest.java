package dev.runbooks.tester;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A case whose run does not end within the case timeout fails with that reason, and the next case
 * still runs (on a fresh test server).
 */
class CaseTimeoutTest {
  @Test
  void casesThatOutlastTheirTimeoutFailOneByOne() {
    TestSuiteResult result =
        RunbookTests.run(
            List.of(Path.of("../runbooks-yaml/examples/hello-http.test.yaml")),
            new TestOptions("*attempt*", Duration.ofMillis(1)));
    assertThat(result.cases())
        .hasSize(2)
        .allSatisfy(
            c -> {
              assertThat(c.outcome()).isNull();
              assertThat(c.failures())
                  .first()
                  .asString()
                  .startsWith("the run did not end within 0 s of real time");
            });
    assertThat(result.exitCode()).isEqualTo(TestSuiteResult.FAILED);
  }
}
