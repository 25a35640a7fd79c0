package dev.runbooks.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The full loop with real parts, for one procedure of each seed system: the real Prometheus
 * (Debian) scrapes the testbed and evaluates the repository's alert rules ({@code
 * docker/prometheus/rules/*.yml}, with their {@code for:} shortened to 1s), the real Alertmanager
 * posts to the worker's webhook, the runbook recovers the testbed, the alert resolves and the
 * resolved notification is routed to the same run.
 */
class SeedMonitoringLoopTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static SeedHarness harness;
  private static RealAlertmanager alertmanager;
  private static RealPrometheus prometheus;

  /**
   * One seed procedure driven by monitoring.
   *
   * @param system the testbed system
   * @param alertname the Prometheus rule's alert
   * @param runbook the runbook the alert starts
   * @param fault the fault to inject ({@code POST /admin/faults/{fault}})
   * @param params the fault's parameters
   * @param recovered holds on the system's {@code /admin/state} once the runbook fixed it
   */
  record Scenario(
      String system,
      String alertname,
      String runbook,
      String fault,
      Map<String, Object> params,
      Predicate<JsonNode> recovered) {
    @Override
    public String toString() {
      return system + ": " + alertname + " -> " + runbook;
    }
  }

  static Stream<Scenario> scenarios() {
    return SeedLoopScenarios.all().stream();
  }

  @BeforeAll
  static void start() throws Exception {
    harness = SeedHarness.get().fresh();
    Path data = Files.createDirectories(Path.of("target/test-data/loop-" + System.nanoTime()));
    alertmanager =
        new RealAlertmanager(
            data.resolve("alertmanager"),
            """
            route:
              receiver: runbooks
              group_by: [alertname, instance]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: runbooks
                webhook_configs:
                  - url: %s/webhooks/alertmanager
                    send_resolved: true
            """
                .formatted(harness.api()),
            Duration.ofSeconds(30));
    StringBuilder scrape = new StringBuilder();
    for (String system : harness.testbed().systems()) {
      scrape.append(
          """
            - job_name: %s
              static_configs:
                - targets: ["%s"]
          """
              .formatted(system, harness.testbed().instance(system)));
    }
    String config =
        """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files: ["RULES_DIR/*.yml"]
        alerting:
          alertmanagers:
            - static_configs:
                - targets: ["%s"]
        scrape_configs:
        %s
        """
            .formatted(alertmanager.url().replace("http://", ""), scrape);
    prometheus =
        new RealPrometheus(data.resolve("prometheus"), config, rules(), Duration.ofSeconds(30));
  }

  /** The repository's rule files, with every {@code for:} shortened to one second. */
  private static Map<String, String> rules() throws IOException {
    Map<String, String> rules = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(Path.of("../docker/prometheus/rules"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        rules.put(
            file.getFileName().toString(),
            Files.readString(file).replaceAll("(?m)^(\\s+)for:\\s*\\S+", "$1for: 1s"));
      }
    }
    return rules;
  }

  @AfterAll
  static void stop() {
    try {
      if (prometheus != null) {
        prometheus.close();
      }
    } finally {
      if (alertmanager != null) {
        alertmanager.close();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void theAlertRuleStartsTheRunbookWhichRecoversTheSystemAndTheResolveReachesTheRun(
      Scenario scenario) throws Exception {
    String base = harness.testbed().url(scenario.system()).toString();
    JsonNode injected = harness.post(base + "/admin/faults/" + scenario.fault(), scenario.params());
    assertThat(injected.path("httpStatus").asInt()).as(injected.toString()).isEqualTo(200);

    String workflowId = awaitRunOf(scenario);
    JsonNode run = harness.awaitRun(workflowId, WAIT);
    assertThat(run.path("report").path("outcome").asText())
        .as("run %s: %s", workflowId, run)
        .isEqualTo("resolved");
    JsonNode state = harness.get(base + "/admin/state");
    assertThat(scenario.recovered().test(state)).as("recovered: %s", state).isTrue();

    JsonNode resolved = awaitResolvedAlert(scenario);
    assertThat(resolved.path("routes").toString()).as(resolved.toString()).contains(workflowId);
  }

  private static String awaitRunOf(Scenario scenario) throws Exception {
    Instant deadline = Instant.now().plus(WAIT);
    String prefix = "runbook/" + scenario.runbook() + "/";
    while (Instant.now().isBefore(deadline)) {
      for (JsonNode alert : harness.get("/api/alerts?limit=200").path("alerts")) {
        if (!alert.path("name").asText().equals(scenario.alertname())) {
          continue;
        }
        for (JsonNode route : alert.path("routes")) {
          String id = route.path("workflowId").asText();
          if (id.startsWith(prefix) && route.path("action").asText().equals("started")) {
            return id;
          }
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "no run of "
            + scenario.runbook()
            + " started within "
            + WAIT
            + "; Prometheus alerts: "
            + prometheus.alerts()
            + "\nalerts received: "
            + harness.get("/api/alerts?limit=20")
            + "\n"
            + prometheus.logTail()
            + "\n"
            + alertmanager.logTail());
  }

  private static JsonNode awaitResolvedAlert(Scenario scenario) throws Exception {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      for (JsonNode alert : harness.get("/api/alerts?limit=200&status=resolved").path("alerts")) {
        if (alert.path("name").asText().equals(scenario.alertname())
            && !alert.path("state").asText().equals("pending")) {
          return alert;
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "the resolved "
            + scenario.alertname()
            + " did not arrive within "
            + WAIT
            + "; Prometheus alerts: "
            + prometheus.alerts());
  }

  /** Keeps the scenario list beside the test; see {@link SeedLoopScenarios}. */
  static List<Scenario> list(Scenario... scenarios) {
    return List.of(scenarios);
  }
}
