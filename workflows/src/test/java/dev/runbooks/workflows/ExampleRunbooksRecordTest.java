package dev.runbooks.workflows;

import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.api.DecisionAction;
import dev.runbooks.language.steps.ActionRequest;
import io.temporal.client.WorkflowStub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the replay histories ({@link ShippedRunbooksReplayTest}) of the examples {@code
 * tls-expiry-check} and {@code api-latency-remediation}: a run and a dry run of each, with canned
 * answers for the systems they probe and change (the escalate executor is the real one, posting to
 * a local receiver). Run with {@code -Dreplay.record=true}; existing files are kept unless {@code
 * -Dreplay.overwrite=true}.
 */
class ExampleRunbooksRecordTest {
  private static final Path EXAMPLES = Path.of("../runbooks-yaml/examples");

  /** A stand-in executor answering every request of its type with {@code answer}. */
  private record Canned(String type, Function<ActionRequest, Map<String, Object>> answer)
      implements StepExecutor {
    @Override
    public Map<String, Object> execute(ActionRequest request, StepContext ctx) {
      return new LinkedHashMap<>(answer.apply(request));
    }
  }

  private static List<StepExecutor> executors(TestHttp http) {
    List<StepExecutor> all = new ArrayList<>();
    all.add(EscalationTestBase.escalateExecutor(http));
    all.add(
        new Canned(
            "tls",
            r ->
                Map.of(
                    "host", r.config().get("host"),
                    "daysToExpiry", 12L,
                    "trusted", true,
                    "hostnameMatches", true,
                    "expired", false)));
    all.add(new Canned("prometheus", r -> Map.of("count", 1L, "value", 1250.0)));
    all.add(
        new Canned(
            "circuitBreaker",
            r ->
                "reset".equals(r.config().get("action"))
                    ? Map.of("name", r.config().get("name"), "state", "closed")
                    : Map.of("open", List.of("payments"), "openCount", 1L)));
    all.add(new Canned("sql", r -> Map.of("rows", List.of(Map.of("n", 7L)), "rowCount", 1L)));
    all.add(new Canned("dlq", r -> Map.of("attempted", 7L, "retried", 7L, "failed", 0L)));
    all.add(
        new Canned("restart", r -> Map.of("target", r.config().get("target"), "restarted", true)));
    return all;
  }

  @Test
  @EnabledIfSystemProperty(named = "replay.record", matches = "true")
  void record() throws Exception {
    try (TestHttp http = new TestHttp();
        RunbookTestEnv env = new RunbookTestEnv(executors(http))) {
      String tls = env.publish(Files.readString(EXAMPLES.resolve("tls-expiry-check.yaml")));
      String latency =
          env.publish(Files.readString(EXAMPLES.resolve("api-latency-remediation.yaml")));
      for (boolean dryRun : new boolean[] {false, true}) {
        Path dir = dryRun ? ShippedRunbooksReplayTest.DRY_RUN : ShippedRunbooksReplayTest.MAIN;
        Map<String, Object> context = dryRun ? Map.of("dryRun", true) : Map.of();
        if (missing(dir, tls)) {
          save(env, dir, tls, env.start(tls, Map.of(), context));
        }
        if (missing(dir, latency)) {
          WorkflowStub run = env.start(latency, Map.of("service", "orders"), context);
          EscalationTestBase.awaitWaiting(run, w -> "ok_to_restart".equals(w.get("step")));
          env.decide(run, DecisionAction.APPROVE, Map.of("approver", "alice"));
          save(env, dir, latency, run);
        }
      }
    }
  }

  private static boolean missing(Path dir, String name) {
    return Boolean.getBoolean("replay.overwrite") || !Files.exists(dir.resolve(name + ".json"));
  }

  private static void save(RunbookTestEnv env, Path dir, String name, WorkflowStub run)
      throws Exception {
    run.getResult(Map.class);
    String workflowId = run.getExecution().getWorkflowId();
    // The workflow id goes into the first event, where a real server puts it (the embedded test
    // server leaves it out) and the replayer reads it: histories of one directory must differ.
    var history = env.client.fetchHistory(workflowId);
    var events = history.getHistory().toBuilder();
    var first = events.getEvents(0);
    events.setEvents(
        0,
        first.toBuilder()
            .setWorkflowExecutionStartedEventAttributes(
                first.getWorkflowExecutionStartedEventAttributes().toBuilder()
                    .setWorkflowId(workflowId)));
    String json =
        new io.temporal.common.WorkflowExecutionHistory(events.build(), workflowId).toJson(true);
    Files.writeString(dir.resolve(name + ".json"), json, StandardCharsets.UTF_8);
  }
}
