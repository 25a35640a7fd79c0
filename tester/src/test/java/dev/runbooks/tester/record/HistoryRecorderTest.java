package dev.runbooks.tester.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cases recorded from the interpreter's replay histories (real runs recorded on the dev server).
 */
class HistoryRecorderTest {
  private static final Path REPLAY = Path.of("../workflows/src/test/resources/replay");

  static WorkflowExecutionHistory history(String file) throws IOException {
    return WorkflowExecutionHistory.fromJson(
        Files.readString(REPLAY.resolve(file), StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> expect(RecordedCase c) {
    return (Map<String, Object>) c.testCase().get("expect");
  }

  @Test
  void aRetriedFailureAHandlerAndACompensationBecomeMocksAndExpectations() throws IOException {
    RecordedCase c = HistoryRecorder.record(history("saga.json"), null);

    assertThat(c.runbook()).isEqualTo("replay-saga");
    assertThat(c.name()).isEqualTo("recorded runbook/replay-saga/2");
    assertThat(c.testCase().get("inputs")).isEqualTo(Map.of("base", "http://127.0.0.1:43747"));
    // two attempts, both failed the same way: one error, which repeats
    assertThat(c.testCase().get("mocks"))
        .isEqualTo(
            Map.of(
                "flaky",
                Map.of(
                    "error",
                    Map.of(
                        "type",
                        "UnexpectedStatus",
                        "message",
                        "GET http://127.0.0.1:43747/status/503 returned 503, expected 2xx; body:"
                            + " {\"status\":503}"))));
    Map<String, Object> expect = expect(c);
    assertThat(expect.get("outcome")).isEqualTo("escalated");
    assertThat(expect.get("path"))
        .isEqualTo(List.of("drain", "flaky", "note", "stop", "undrain", "always"));
    assertThat(expect.get("compensations")).isEqualTo(List.of("undrain"));
    assertThat(expect.get("escalations")).isEqualTo(List.of());
    assertThat(expect.get("duration")).isEqualTo(Map.of("max", "2m"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void probesThatRanAsLocalActivitiesBecomeMocksToo() throws IOException {
    RecordedCase c = HistoryRecorder.record(history("local-probes.json"), null);

    Map<String, Object> mocks = (Map<String, Object>) c.testCase().get("mocks");
    assertThat(mocks).containsOnlyKeys("first", "flaky", "bounce", "recovered", "last");
    assertThat((Map<String, Object>) mocks.get("first"))
        .extractingByKey("result")
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("status", 200);
    assertThat(mocks.get("recovered")).asString().contains("sequence");
    assertThat(expect(c).get("path"))
        .isEqualTo(List.of("first", "flaky", "note", "nap", "bounce", "recovered", "last"));
    assertThat(expect(c).get("outcome")).isEqualTo("resolved");
  }

  @Test
  void anApprovalIsReplayedWithWhoAndWhen() throws IOException {
    RecordedCase c = HistoryRecorder.record(history("approval.json"), "approved by alice");

    assertThat(c.name()).isEqualTo("approved by alice");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> decisions = (List<Map<String, Object>>) c.testCase().get("decisions");
    assertThat(decisions).hasSize(1);
    assertThat(decisions.get(0))
        .containsEntry("step", "ask")
        .containsEntry("action", "approve")
        .containsEntry("by", "alice")
        .containsEntry("comment", "ok")
        .doesNotContainKey("at");
    assertThat(expect(c).get("path")).isEqualTo(List.of("ask", "nap", "go"));
    assertThat(expect(c).get("outcome")).isEqualTo("resolved");
  }

  @Test
  void anAcknowledgedLadderExpectsItsEscalationAndMocksNone() throws IOException {
    RecordedCase c = HistoryRecorder.record(history("ladder.json"), null);

    assertThat(c.testCase()).doesNotContainKey("mocks");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> decisions = (List<Map<String, Object>>) c.testCase().get("decisions");
    assertThat(decisions.get(0))
        .containsEntry("action", "acknowledge")
        .containsEntry("by", "alice")
        .containsEntry("step", "page")
        .containsKey("at");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> escalations =
        (List<Map<String, Object>>) expect(c).get("escalations");
    assertThat(escalations).isNotEmpty();
    assertThat(escalations.get(0)).containsEntry("route", "oncall");
  }

  @Test
  void aShippedRunbooksRunMocksEveryActionStepInOrder() throws IOException {
    RecordedCase c = HistoryRecorder.record(history("runbooks/disk-cleanup-approval.json"), null);

    @SuppressWarnings("unchecked")
    Map<String, Object> mocks = (Map<String, Object>) c.testCase().get("mocks");
    assertThat(mocks).isNotEmpty();
    @SuppressWarnings("unchecked")
    List<String> path = (List<String>) expect(c).get("path");
    assertThat(path).containsSubsequence(List.copyOf(mocks.keySet()));
    for (Object m : mocks.values()) {
      assertThat(List.<Object>copyOf(((Map<?, ?>) m).keySet()))
          .containsAnyOf("sequence", "result", "error");
    }
  }

  @Test
  void theRunsOfCalledRunbooksThatCannotBeReadAreNamed() throws IOException {
    RecordedCase c = HistoryRecorder.record(history("runbooks/unified-rollback.json"), null);

    assertThat(c.missing()).isNotEmpty();
    assertThat(c.missing().get(0)).isNotBlank();
  }

  @Test
  void aRunThatContinuedAsNewIsRefusedWithAReason() throws IOException {
    assertThatThrownBy(() -> HistoryRecorder.record(history("continue-as-new-2.json"), null))
        .isInstanceOf(RecordException.class)
        .hasMessageContaining("continue-as-new");
    assertThatThrownBy(() -> HistoryRecorder.record(history("continue-as-new-1.json"), null))
        .isInstanceOf(RecordException.class)
        .hasMessageContaining("continued as new");
  }

  @Test
  void aCaseIsWrittenThenAppendedKeepingTheFileAndNamesUnique(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("replay-saga.test.yaml");
    RecordedCase c = HistoryRecorder.record(history("saga.json"), "night of the 21st");

    assertThat(TestFileWriter.write(c, file)).isEqualTo("night of the 21st");
    Files.writeString(file, Files.readString(file) + "# kept\n");
    assertThat(TestFileWriter.write(c, file)).isEqualTo("night of the 21st (2)");

    String text = Files.readString(file);
    assertThat(text).contains("# kept");
    JsonNode tree = new YAMLMapper().readTree(text);
    assertThat(tree.path("kind").asText()).isEqualTo("RunbookTest");
    assertThat(tree.path("runbook").asText()).isEqualTo("replay-saga");
    assertThat(tree.path("cases")).hasSize(2);
    assertThat(tree.path("cases").get(1).path("name").asText()).isEqualTo("night of the 21st (2)");
    assertThat(tree.path("cases").get(1).path("expect").path("path").get(0).asText())
        .isEqualTo("drain");

    RecordedCase other = HistoryRecorder.record(history("approval.json"), null);
    assertThatThrownBy(() -> TestFileWriter.write(other, file))
        .isInstanceOf(RecordException.class)
        .hasMessageContaining("tests runbook 'replay-saga', the run is of 'replay-gated'");
  }
}
