package dev.runbooks.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Grafana dashboard and the engine's alert rules as files: the dashboard is well formed for
 * Grafana's file provisioning, the compose file's Grafana loads it, promtool accepts the rules, and
 * the metric names are read out of PromQL correctly. {@link ObservabilityTest} checks them against
 * the running application.
 */
class DashboardFilesTest {

  @Test
  void theDashboardIsWellFormed() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(Files.readString(MetricNames.DASHBOARD));
    assertThat(dashboard.path("uid").asText()).isEqualTo("runbook-engine");
    assertThat(dashboard.path("templating").path("list").findValuesAsText("name"))
        .contains("datasource", "runbook");
    Set<Integer> ids = new HashSet<>();
    int targets = 0;
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("unique id %s", panel).isTrue();
      JsonNode grid = panel.path("gridPos");
      assertThat(grid.path("x").asInt() + grid.path("w").asInt())
          .as("%s fits the 24 columns", panel.path("title"))
          .isLessThanOrEqualTo(24);
      if ("row".equals(panel.path("type").asText())) {
        continue;
      }
      assertThat(panel.path("title").asText()).isNotBlank();
      assertThat(panel.path("description").asText()).as("%s", panel.path("title")).isNotBlank();
      assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
      assertThat(panel.path("targets")).as("%s", panel.path("title")).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("expr").asText()).isNotBlank();
        targets++;
      }
    }
    assertThat(targets).isEqualTo(MetricNames.dashboardExpressions().size()).isGreaterThan(30);
  }

  @Test
  @SuppressWarnings("unchecked")
  void composeGrafanaProvisionsTheDashboardAndThePrometheusDatasource() throws IOException {
    Map<String, Object> compose =
        new Yaml().load(Files.readString(Path.of("../docker/docker-compose.yml")));
    Map<String, Object> grafana =
        (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("grafana");
    List<String> volumes = (List<String>) grafana.get("volumes");
    assertThat(volumes)
        .contains(
            "./grafana/provisioning:/etc/grafana/provisioning:ro",
            "./grafana/dashboards:/var/lib/grafana/dashboards:ro");
    Map<String, Object> provider =
        ((List<Map<String, Object>>)
                new Yaml()
                    .<Map<String, Object>>load(
                        Files.readString(
                            Path.of(
                                "../docker/grafana/provisioning/dashboards/runbook-engine.yml")))
                    .get("providers"))
            .get(0);
    assertThat(((Map<String, Object>) provider.get("options")).get("path"))
        .isEqualTo("/var/lib/grafana/dashboards");
    Map<String, Object> datasource =
        ((List<Map<String, Object>>)
                new Yaml()
                    .<Map<String, Object>>load(
                        Files.readString(
                            Path.of("../docker/grafana/provisioning/datasources/prometheus.yml")))
                    .get("datasources"))
            .get(0);
    assertThat(datasource).containsEntry("type", "prometheus").containsEntry("isDefault", true);
  }

  @Test
  void promtoolAcceptsTheEngineRules() throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    assertThat(promtool)
        .as("promtool (Debian package prometheus): run scripts/install-deps.sh")
        .isExecutable();
    Process check =
        new ProcessBuilder(promtool.toString(), "check", "rules", MetricNames.RULES.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(check.getInputStream().readAllBytes());
    assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(out).isZero();
    assertThat(out).contains("SUCCESS: " + MetricNames.ruleExpressions().size() + " rules found");
  }

  @Test
  void metricNamesAreReadOutOfPromQl() {
    assertThat(
            MetricNames.of(
                "histogram_quantile(0.95, sum by (runbook, le) (rate(runbook_run_duration_seconds"
                    + "_bucket{runbook=~\"$runbook\", outcome!=\"x y\"}[$__rate_interval])))"))
        .containsExactly("runbook_run_duration_seconds_bucket");
    assertThat(
            MetricNames.of(
                "sum(temporal_num_pollers{poller_type=\"workflow_task\"}) < 1 or"
                    + " absent(temporal_num_pollers) or vector(0) unless on (instance) up == 0"))
        .containsExactly("temporal_num_pollers", "up");
    assertThat(MetricNames.of("max(a_b) / ignoring(x) group_left (y) c:d offset 5m > 1e3"))
        .containsExactly("a_b", "c:d");
    assertThat(MetricNames.forPrometheus("rate(x{runbook=~\"$runbook\"}[$__rate_interval])"))
        .isEqualTo("rate(x{runbook=~\".*\"}[1m])");
  }
}
