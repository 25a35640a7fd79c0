package dev.runbooks.workflows;

import io.temporal.client.WorkflowStub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records {@code approval-timeout.json} (change ids {@code approval-timeouts} and {@code
 * finally-outcome}): an approval nobody decides, with {@code onTimeout: escalate}, a handler and a
 * {@code finally} step that reads the outcome. Run with {@code -Dreplay.record=true}; {@link
 * ReplayTest} replays it with every other history.
 */
class GapsReplayRecordTest {
  @Test
  @EnabledIfSystemProperty(named = "replay.record", matches = "true")
  void record() throws Exception {
    if (Files.exists(ReplayTest.DIR.resolve("approval-timeout.json"))
        && !Boolean.getBoolean("replay.overwrite")) {
      return;
    }
    try (TestHttp http = new TestHttp();
        RunbookTestEnv env =
            new RunbookTestEnv(List.of(EscalationTestBase.escalateExecutor(http)))) {
      WorkflowStub run = env.start(env.publish(ApprovalTimeoutAndFinallyTest.ESCALATING), Map.of());
      env.env.sleep(Duration.ofMinutes(31));
      run.getResult(Map.class);
      String json = env.client.fetchHistory(run.getExecution().getWorkflowId()).toJson(true);
      Files.writeString(
          ReplayTest.DIR.resolve("approval-timeout.json"), json, StandardCharsets.UTF_8);
    }
  }
}
