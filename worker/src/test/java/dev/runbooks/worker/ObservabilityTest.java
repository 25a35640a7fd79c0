package dev.runbooks.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.worker.loop.RealPrometheus;
import io.temporal.worker.MetricsType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The metrics, dashboard, engine alert rules and JSON logs against the running application after
 * {@link ObservabilityScenario}: the run metrics count exactly what happened, every metric the
 * Grafana dashboard and {@code docker/prometheus/rules/engine.yml} read exists on {@code
 * /actuator/prometheus}, a real Prometheus scraping the application answers every dashboard query
 * with data and evaluates every rule without error, and the lines workflow and activity code log
 * are JSON objects naming the workflow, the run, the runbook and the step.
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest {
  private static ObservabilityScenario scenario;
  private static PrometheusText scrape;

  @BeforeAll
  static void drive() throws Exception {
    scenario = new ObservabilityScenario();
    scenario.run();
    // The JVM's GC pause timer appears with the first collection after the application started;
    // on a short run there may have been none yet (the dashboard has a GC pause panel).
    System.gc();
    Thread.sleep(1000);
    scrape = scenario.scrape();
  }

  @AfterAll
  static void stop() {
    if (scenario != null) {
      scenario.close();
    }
  }

  @Test
  void runMetricsCountExactlyWhatHappened() {
    for (String runbook : List.of("m-recover", "m-escalate", "m-failing", "m-approval")) {
      assertThat(scrape.sum("runbook_runs_started_total", "runbook", runbook))
          .as("runs of %s started", runbook)
          .isEqualTo(1);
    }
    assertThat(completed("m-recover", "resolved")).isEqualTo(1);
    assertThat(completed("m-escalate", "escalated")).isEqualTo(1);
    assertThat(completed("m-failing", "failed")).isEqualTo(1);
    assertThat(scrape.sum("runbook_runs_completed_total", "runbook", "m-approval")).isZero();
    assertThat(scrape.sum("runbook_run_duration_seconds_count")).isEqualTo(3);

    assertThat(scrape.sum("runbook_time_to_recover_seconds_count", "runbook", "m-recover"))
        .isEqualTo(1);
    assertThat(scrape.sum("runbook_time_to_recover_seconds_sum", "runbook", "m-recover"))
        .as("from the alert's startsAt, ten minutes before the run")
        .isBetween(600.0, 900.0);
    assertThat(
            scrape.sum(
                "runbook_time_to_recover_seconds_bucket", "runbook", "m-recover", "le", "600.0"))
        .isZero();
    assertThat(
            scrape.sum(
                "runbook_time_to_recover_seconds_bucket", "runbook", "m-recover", "le", "900.0"))
        .isEqualTo(1);

    assertThat(
            scrape.sum(
                "runbook_step_duration_seconds_count",
                "runbook",
                "m-recover",
                "step_type",
                "http",
                "outcome",
                "succeeded"))
        .isEqualTo(1);
    assertThat(
            scrape.sum(
                "runbook_step_duration_seconds_count",
                "runbook",
                "m-failing",
                "step_type",
                "http",
                "outcome",
                "failed"))
        .isEqualTo(1);
    assertThat(
            scrape.sum("runbook_step_retries_total", "runbook", "m-recover", "step_type", "http"))
        .isEqualTo(1);
    assertThat(scrape.sum("runbook_step_retries_total")).isEqualTo(1);
    assertThat(
            scrape.sum(
                "runbook_escalations_total",
                "runbook",
                "m-escalate",
                "route",
                "chat",
                "outcome",
                "delivered"))
        .isEqualTo(1);
    assertThat(scenario.chatMessages.get()).isEqualTo(1);

    assertThat(scrape.sum("runbook_approvals_waiting", "runbook", "m-approval")).isEqualTo(1);
    assertThat(scrape.sum("runbook_approvals_oldest_age_seconds", "runbook", "m-approval"))
        .isPositive();

    assertThat(scrape.sum("runbook_alerts_received_total", "source", "alertmanager")).isEqualTo(6);
    assertThat(scrape.sum("runbook_alerts_dispatched_total", "action", "started")).isEqualTo(2);
    assertThat(scrape.sum("runbook_alerts_dispatched_total", "action", "repeated")).isEqualTo(1);
    assertThat(scrape.sum("runbook_alerts_failed_total", "runbook", "m-bad-trigger")).isEqualTo(1);
    assertThat(scrape.sum("runbook_alerts_unmatched_total")).isEqualTo(1);
    assertThat(scrape.sum("runbook_alerts_suppressed_total")).isEqualTo(1);
    assertThat(scrape.sum("temporal_workflow_failed_total", "workflow_type", "m-failing"))
        .as("the run with invalid inputs")
        .isEqualTo(1);
  }

  @Test
  void everyMetricTheDashboardAndTheRulesReadExists() throws Exception {
    Set<String> wanted = MetricNames.ofAll(MetricNames.dashboardExpressions());
    wanted.addAll(MetricNames.ofAll(MetricNames.ruleExpressions()));
    assertThat(wanted).hasSizeGreaterThan(30);

    Set<String> missing = new TreeSet<>(wanted);
    missing.removeAll(scrape.names());
    missing.remove("up"); // Prometheus' own series for each scrape
    assertThat(missing)
        .as(
            "metrics read by the dashboard or the rules that the application does not expose;"
                + " only failure counters the Temporal SDK emits on the first failure may wait")
        .isSubsetOf(temporalCounters())
        .containsExactly("temporal_workflow_task_execution_failed_total");
  }

  @Test
  void aRealPrometheusAnswersEveryDashboardQueryAndEvaluatesEveryRule() throws Exception {
    Map<String, String> rules = Map.of("engine.yml", Files.readString(MetricNames.RULES));
    String target = scenario.base.substring("http://".length());
    String config =
        """
        global: {scrape_interval: 1s, evaluation_interval: 1s}
        rule_files: ["rules/*.yml"]
        scrape_configs:
          - job_name: runbook-engine
            metrics_path: /actuator/prometheus
            static_configs: [{targets: ["%s"]}]
        """
            .formatted(target);
    Path dir = Path.of("target/test-data/prometheus-" + System.nanoTime()).toAbsolutePath();
    try (RealPrometheus prometheus =
        new RealPrometheus(dir, config, rules, Duration.ofSeconds(60))) {
      ObjectMapper json = new ObjectMapper();
      awaitSamples(prometheus, json);
      List<String> empty = new ArrayList<>();
      for (Map.Entry<String, String> e : MetricNames.dashboardExpressions().entrySet()) {
        JsonNode answer = json.readTree(prometheus.query(MetricNames.forPrometheus(e.getValue())));
        assertThat(answer.path("status").asText())
            .as("%s: %s", e.getKey(), answer)
            .isEqualTo("success");
        if (answer.path("data").path("result").isEmpty()) {
          empty.add(e.getKey() + ": " + e.getValue());
        }
      }
      assertThat(empty).as("dashboard queries without data").isEmpty();

      JsonNode groups = awaitRulesEvaluated(prometheus, json);
      int evaluated = 0;
      for (JsonNode group : groups) {
        for (JsonNode rule : group.path("rules")) {
          assertThat(rule.path("health").asText())
              .as("rule %s: %s", rule.path("name").asText(), rule.path("lastError").asText())
              .isEqualTo("ok");
          evaluated++;
        }
      }
      assertThat(evaluated).isEqualTo(MetricNames.ruleExpressions().size());
      String alerts = prometheus.alerts();
      assertThat(alerts)
          .as("the engine is up and its worker polls")
          .doesNotContain("RunbookEngineDown")
          .doesNotContain("RunbookWorkerNotPolling");
    }
  }

  @Test
  void workflowAndActivityLinesAreJsonWithWorkflowRunRunbookAndStep(CapturedOutput output)
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> ours = new ArrayList<>();
    for (String line : output.getOut().split("\n")) {
      if (!line.startsWith("{")) {
        continue;
      }
      JsonNode entry = json.readTree(line);
      String logger = field(entry, "log.logger");
      if (logger.startsWith("dev.runbooks.workflows")
          || logger.startsWith("dev.runbooks.activities")) {
        ours.add(entry);
      }
    }
    assertThat(ours).as("lines logged by workflow and activity code").hasSizeGreaterThan(4);
    for (JsonNode entry : ours) {
      for (String key :
          List.of("WorkflowId", "RunId", "runbook", "step", "@timestamp", "message")) {
        assertThat(entry.path(key).asText()).as("%s in %s", key, entry).isNotBlank();
      }
    }
    assertThat(ours)
        .anySatisfy(
            e -> {
              assertThat(field(e, "log.logger")).endsWith("ActionActivities");
              assertThat(e.path("runbook").asText()).isEqualTo("m-recover");
              assertThat(e.path("step").asText()).isEqualTo("probe");
              assertThat(e.path("WorkflowId").asText()).isEqualTo("runbook/m-recover/fp-recover");
              assertThat(e.path("message").asText()).contains("attempt 2");
            })
        .anySatisfy(
            e -> {
              assertThat(field(e, "log.logger")).endsWith("Interpreter");
              assertThat(e.path("step").asText()).isEqualTo("note");
              assertThat(e.path("message").asText()).contains("probe answered 200");
            });
  }

  /** A field of an ECS line, whether written flat ({@code "log.logger"}) or nested. */
  private static String field(JsonNode entry, String dotted) {
    if (entry.has(dotted)) {
      return entry.path(dotted).asText();
    }
    JsonNode node = entry;
    for (String part : dotted.split("\\.")) {
      node = node.path(part);
    }
    return node.asText();
  }

  private static double completed(String runbook, String outcome) {
    return scrape.sum("runbook_runs_completed_total", "runbook", runbook, "outcome", outcome);
  }

  /** The counters the Temporal SDK declares, by their Prometheus names. */
  private static Set<String> temporalCounters() throws IllegalAccessException {
    Set<String> names = new TreeSet<>();
    for (Field f : MetricsType.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getName().endsWith("_COUNTER")) {
        names.add(f.get(null) + "_total");
      }
    }
    return names;
  }

  private static void awaitSamples(RealPrometheus prometheus, ObjectMapper json) throws Exception {
    for (int i = 0; i < 300; i++) {
      JsonNode answer =
          json.readTree(prometheus.query("count_over_time(runbook_runs_started_total[1m])"));
      JsonNode result = answer.path("data").path("result");
      if (!result.isEmpty() && result.get(0).path("value").get(1).asDouble() >= 4) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Prometheus never scraped the application\n" + prometheus.logTail());
  }

  private static JsonNode awaitRulesEvaluated(RealPrometheus prometheus, ObjectMapper json)
      throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    JsonNode groups = null;
    for (int i = 0; i < 300; i++) {
      String body =
          http.send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(prometheus.url() + "/api/v1/rules"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
      groups = json.readTree(body).path("data").path("groups");
      if (!groups.isEmpty()
          && !groups.get(0).path("lastEvaluation").asText("0001").startsWith("0001")) {
        return groups;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("rules never evaluated: " + groups + "\n" + prometheus.logTail());
  }
}
