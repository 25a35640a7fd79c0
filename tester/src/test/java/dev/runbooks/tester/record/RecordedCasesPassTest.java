package dev.runbooks.tester.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.runbooks.tester.RunbookTests;
import dev.runbooks.tester.TestOptions;
import dev.runbooks.tester.TestReport;
import dev.runbooks.tester.TestSuiteResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs of shipped runbooks (the replay histories the interpreter's tests recorded on the dev
 * server) recorded as test cases fit the test files' JSON Schema and, run by the tester beside a
 * copy of their runbook, pass.
 */
class RecordedCasesPassTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "hello-http.json, examples/hello-http.yaml",
    "disk-cleanup-approval.json, examples/disk-cleanup-approval.yaml"
  })
  void aRecordedRunPassesAgainstItsRunbook(String history, String runbook) throws IOException {
    Path source = Path.of("../runbooks-yaml").resolve(runbook);
    Files.copy(source, dir.resolve(source.getFileName()));
    Path file = dir.resolve("recorded.test.yaml");

    RecordedCase recorded =
        HistoryRecorder.record(HistoryRecorderTest.history("runbooks/" + history), null);
    TestFileWriter.write(recorded, file);

    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
            .getSchema(
                new ObjectMapper()
                    .readTree(
                        Files.readString(
                            Path.of("../runbooks-yaml/schema/runbook-test.schema.json"))));
    assertThat(schema.validate(new YAMLMapper().readTree(Files.readString(file)))).isEmpty();

    TestSuiteResult result = RunbookTests.run(List.of(file), TestOptions.defaults());
    assertThat(result.exitCode())
        .as(TestReport.text(result, false) + Files.readString(file))
        .isZero();
    assertThat(result.passed()).isEqualTo(1);
  }
}
