package dev.runbooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.testing.WorkflowReplayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A dry run's decision to stub an action or run it is read from history on replay, not asked of the
 * plugin again ({@link ChangeId#DRY_RUN_DECISIONS}): flipping the recorded decision of the probe in
 * {@code dry-run.json} makes the replay expect no activity where history has one.
 */
class DryRunDecisionsReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void warmUp() {
    dev.runbooks.language.compile.RunbookCompiler.standard()
        .compile(ReplayTest.DRY_RUN, "warm-up.yaml");
    dev.runbooks.language.expr.Expressions.standard().evaluate("1 == 1", Map.of());
  }

  @Test
  void theRecordedDecisionNotThePluginDecidesOnReplay() throws Exception {
    JsonNode history = read("dry-run.json");
    WorkflowReplayer.replayWorkflowExecution(history.toString(), RunbookWorkflowImpl.class);

    ObjectNode probeDecision = sideEffects(history).get(0);
    assertThat(decoded(probeDecision)).isEqualTo("false");
    probeDecision.put("data", Base64.getEncoder().encodeToString("true".getBytes()));

    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecution(
                    history.toString(), RunbookWorkflowImpl.class))
        .hasStackTraceContaining("NonDeterministicException");
  }

  @Test
  void aDryRunRecordedBeforeTheChangeHasNoDecisionsAndStillReplays() throws Exception {
    JsonNode history = read("dry-run-v0.json");
    assertThat(sideEffects(history)).isEmpty();
    WorkflowReplayer.replayWorkflowExecution(history.toString(), RunbookWorkflowImpl.class);
  }

  private static JsonNode read(String fixture) throws Exception {
    return JSON.readTree(Files.readString(ReplayTest.DIR.resolve(fixture), StandardCharsets.UTF_8));
  }

  /** The payloads of the history's SideEffect markers, in order. */
  private static java.util.List<ObjectNode> sideEffects(JsonNode history) {
    java.util.List<ObjectNode> out = new java.util.ArrayList<>();
    for (JsonNode event : history.get("events")) {
      JsonNode marker = event.get("markerRecordedEventAttributes");
      if (marker != null && marker.get("markerName").asText().equals("SideEffect")) {
        out.add((ObjectNode) marker.get("details").get("data").get("payloads").get(0));
      }
    }
    return out;
  }

  private static String decoded(ObjectNode payload) {
    return new String(
        Base64.getDecoder().decode(payload.get("data").asText()), StandardCharsets.UTF_8);
  }
}
