package dev.runbooks.workflows;

import dev.runbooks.activities.EscalationRoutes;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.activities.internal.StepExecutors;
import io.temporal.client.WorkflowStub;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The workflow test environment with the real escalate executor posting to a local receiver: route
 * {@code oncall} is PagerDuty at {@code /pd} (routing key {@code PD_KEY}), {@code engineering} is
 * PagerDuty at {@code /pd-eng}, {@code chat} is Slack at {@code /chat}.
 */
abstract class EscalationTestBase {
  static final String PD_KEY = "pd-routing-key-1";

  /** The API's public address the executor links approvals to (runbook.api.public-url). */
  static final String API_URL = "https://runbooks.example.com";

  RunbookTestEnv env;
  TestHttp http;

  @BeforeEach
  void startEnvironment() throws Exception {
    http = new TestHttp();
    env = new RunbookTestEnv(List.of(escalateExecutor(http)));
  }

  /** The real escalate executor with the routes above, posting to the receiver. */
  static StepExecutor escalateExecutor(TestHttp http) {
    EscalationRoutes routes =
        EscalationRoutes.of(
            Map.of(
                "oncall",
                new EscalationRoutes.Definition("pagerduty", http.url() + "/pd", "env:PD_KEY"),
                "engineering",
                new EscalationRoutes.Definition("pagerduty", http.url() + "/pd-eng", "env:PD_KEY"),
                "chat",
                new EscalationRoutes.Definition("slack", http.url() + "/chat", null)));
    return StepExecutors.create(
        "escalate",
        StepEnvironment.defaults()
            .withEnvironment(Map.of("PD_KEY", PD_KEY)::get)
            .withRoutes(routes)
            .withApiUrl(API_URL + "/"));
  }

  @AfterEach
  void stopEnvironment() {
    env.close();
    http.close();
  }

  /** The PagerDuty event actions a path received, in order, as {@code action dedupKey}. */
  @SuppressWarnings("unchecked")
  List<String> pagerDutyEvents(String path) {
    return http.json(path).stream()
        .map(b -> (Map<String, Object>) b)
        .map(b -> b.get("event_action") + " " + b.get("dedup_key"))
        .toList();
  }

  /** The run's status query answer. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> status(WorkflowStub run) {
    return run.query(RunbookWorkflow.QUERY_STATUS, Map.class);
  }

  /** Waits (in real time) until the run's waiting list has an entry that matches; returns it. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> awaitWaiting(WorkflowStub run, Predicate<Map<String, Object>> match)
      throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      for (Map<String, Object> w : (List<Map<String, Object>>) status(run).get("waiting")) {
        if (match.test(w)) {
          return w;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run never waited as expected: " + status(run));
  }

  /** The run's events of one kind. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> events(Map<String, Object> report, String kind) {
    return ((List<Map<String, Object>>) report.get("events"))
        .stream().filter(e -> kind.equals(e.get("event"))).toList();
  }
}
