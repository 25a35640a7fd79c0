package dev.runbooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.api.ContractJson;
import dev.runbooks.api.Outcome;
import dev.runbooks.api.RunLock;
import dev.runbooks.api.RunReport;
import dev.runbooks.api.RunStatus;
import dev.runbooks.api.StepReport;
import dev.runbooks.api.StepStatus;
import dev.runbooks.api.Wait;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The typed contract reads and writes today's JSON: every fixture of {@code contract/} (the JSON
 * the untyped maps produced, see {@link RunContractTest}) parses into {@link RunStatus} or {@link
 * RunReport} and, written back by Temporal's converter settings, is the same text; the results of
 * the recorded histories (made before the contract was typed) parse into {@link RunReport} and
 * write back to the same JSON.
 */
class ContractCompatibilityTest {
  private static final ObjectMapper TEMPORAL = JacksonJsonPayloadConverter.newDefaultObjectMapper();

  @Test
  void everyFixtureReadsAsTypedRecordsAndWritesBackUnchanged() throws IOException {
    for (String name : ContractFixtures.NAMES) {
      String text = ContractFixtures.read(name);
      Class<?> type = name.contains("status") ? RunStatus.class : RunReport.class;
      Object typed = TEMPORAL.readValue(text, type);
      assertThat(ContractFixtures.write(TEMPORAL.valueToTree(typed))).as(name).isEqualTo(text);
    }
  }

  @Test
  void theTypedReadersSeeWhatTheFixturesSay() throws IOException {
    RunStatus ladder =
        TEMPORAL.readValue(ContractFixtures.read("ladder-status-tier2.json"), RunStatus.class);
    assertThat(ladder.outcome()).isNull();
    assertThat(ladder.waiting()).hasSize(1);
    Wait.Acknowledgement ack = (Wait.Acknowledgement) ladder.waiting().get(0);
    assertThat(ack.summary(String::valueOf))
        .isEqualTo("acknowledgement of tier 2/3 (chat): disk full; tier 3 (engineering) at <time>");
    assertThat(ladder.steps().get(0).status().status()).isEqualTo(StepStatus.WAITING);

    RunReport escalated =
        TEMPORAL.readValue(ContractFixtures.read("escalated-report.json"), RunReport.class);
    assertThat(escalated.outcome()).isEqualTo(Outcome.ESCALATED);
    StepReport giveUp = escalated.steps().get(2);
    assertThat(giveUp.status().status()).isEqualTo(StepStatus.ENDED);
    assertThat(giveUp.status().outcome()).isEqualTo(Outcome.ESCALATED);

    RunStatus waits =
        TEMPORAL.readValue(ContractFixtures.read("waits-status.json"), RunStatus.class);
    assertThat(waits.waiting())
        .extracting(Wait::kind)
        .containsExactly(Wait.Sleep.KIND, Wait.WaitUntil.KIND);
    RunStatus approval =
        TEMPORAL.readValue(ContractFixtures.read("approval-status.json"), RunStatus.class);
    Wait.Approval gate = (Wait.Approval) approval.waiting().get(0);
    assertThat(gate.line("wf"))
        .isEqualTo(
            "gate waits for approval: restart for memory? (approvers: alice, bob)"
                + " (deadline <time>; bin/runbook approve|reject wf)");
    @SuppressWarnings("unchecked")
    Map<String, Object> asMap =
        TEMPORAL.readValue(ContractFixtures.read("approval-status.json"), Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> entry = ((List<Map<String, Object>>) asMap.get("waiting")).get(0);
    assertThat(ContractJson.waitOrNull(entry)).isEqualTo(gate);
  }

  @Test
  void statusesWrittenBeforeLocksReadWithNoneAndLocksReadTyped() throws IOException {
    RunStatus before =
        TEMPORAL.readValue(ContractFixtures.read("approval-status.json"), RunStatus.class);
    assertThat(before.locks()).isEmpty();
    assertThat(TEMPORAL.valueToTree(before).has("locks")).isFalse();
    RunStatus locks =
        TEMPORAL.readValue(ContractFixtures.read("locks-status.json"), RunStatus.class);
    assertThat(locks.locks())
        .containsExactly(
            new RunLock("team/replay-lock-waiter", RunLock.HELD, "<time>", null, null),
            new RunLock(
                "service/replay",
                RunLock.WAITING,
                "<time>",
                "act",
                "runbook/replay-lock-holder/1"));
  }

  @Test
  void theResultsOfRecordedHistoriesReadAsRunReports() throws IOException {
    List<Path> histories = new ArrayList<>();
    Path replay = Path.of("src/test/resources/replay");
    try (Stream<Path> files = Files.walk(replay)) {
      files.filter(p -> p.toString().endsWith(".json")).sorted().forEach(histories::add);
    }
    int read = 0;
    for (Path history : histories) {
      JsonNode result = result(TEMPORAL.readTree(history.toFile()));
      if (result == null) {
        continue; // continued as new, or failed: no report
      }
      RunReport report = TEMPORAL.treeToValue(result, RunReport.class);
      assertThat(report.outcome()).as(history.toString()).isNotNull();
      String before = ContractFixtures.write(ContractFixtures.normalise(result.deepCopy(), null));
      String after =
          ContractFixtures.write(ContractFixtures.normalise(TEMPORAL.valueToTree(report), null));
      assertThat(after).as(history.toString()).isEqualTo(before);
      read++;
    }
    assertThat(read).as("histories with a report").isGreaterThan(50);
  }

  /** The JSON result of a history's completion event, or null when it did not complete. */
  private static JsonNode result(JsonNode history) throws IOException {
    for (JsonNode event : history.path("events")) {
      JsonNode payloads =
          event.path("workflowExecutionCompletedEventAttributes").path("result").path("payloads");
      if (payloads.size() == 1) {
        byte[] data = Base64.getDecoder().decode(payloads.get(0).path("data").asText());
        return TEMPORAL.readTree(data);
      }
    }
    return null;
  }
}
