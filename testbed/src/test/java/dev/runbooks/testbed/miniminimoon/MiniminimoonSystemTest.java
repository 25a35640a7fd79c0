package dev.runbooks.testbed.miniminimoon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.testbed.OneSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MINIMINIMOON over HTTP: each fault breaks what the seed says, each fix repairs what it says. */
class MiniminimoonSystemTest {
  @TempDir Path dir;
  private OneSystem moon;

  @BeforeEach
  void start() throws Exception {
    moon = OneSystem.start(dir, "miniminimoon");
  }

  @AfterEach
  void stop() {
    moon.close();
  }

  private JsonNode call(String method, String path, Object body) throws Exception {
    return moon.call(method, path, body);
  }

  private JsonNode state() throws Exception {
    return call("GET", "/admin/state", null);
  }

  private Path data() {
    return dir.resolve("miniminimoon/data");
  }

  @Test
  void startsHealthyWithItsFilesOnDisk() throws Exception {
    JsonNode health = call("GET", "/health", null);
    assertThat(health.path("httpStatus").asInt()).isEqualTo(200);
    assertThat(health.path("overall_status").asText()).isEqualTo("healthy");
    assertThat(health.path("components").size()).isEqualTo(11);
    assertThat(state().path("recovered").asBoolean()).isTrue();
    assertThat(state().path("storage").path("used_percent").asDouble()).isBetween(5.0, 20.0);
    assertThat(data().resolve("cache/spacy/es_core_news_sm/model.bin")).exists();
    String metrics = moon.send("GET", "/metrics", null).text();
    assertThat(metrics)
        .contains("miniminimoon_pipeline_status{status=\"healthy\"} 1")
        .contains("miniminimoon_network_reachable{host=\"huggingface.co\"} 1");
  }

  @Test
  void networkOutageHaltsTheNetworkNodesUntilOfflineModeUsesTheCache() throws Exception {
    call("POST", "/admin/faults/network_failure", Map.of());
    JsonNode health = call("GET", "/health", null);
    assertThat(health.path("httpStatus").asInt()).isEqualTo(503);
    assertThat(health.path("components").path("embedding").path("status").asText())
        .isEqualTo("unhealthy");
    assertThat(state().path("recovered").asBoolean()).isFalse();

    JsonNode offline = call("POST", "/network/config", Map.of("mode", "offline"));
    assertThat(offline.path("config").path("mode").asText()).isEqualTo("offline");
    assertThat(state().path("recovered").asBoolean()).isTrue();
    assertThat(call("POST", "/network/restart", null).path("restored").asBoolean()).isFalse();
  }

  @Test
  void offlineModeIsRefusedWithoutCachedModels() throws Exception {
    call("POST", "/admin/faults/network_failure", Map.of("cause", "service"));
    call("POST", "/admin/faults/cache_evicted", Map.of());
    assertThat(data().resolve("cache/spacy")).doesNotExist();
    JsonNode refused = call("POST", "/network/config", Map.of("mode", "offline"));
    assertThat(refused.path("httpStatus").asInt()).isEqualTo(409);
    assertThat(refused.path("error").asText()).contains("no cached model");
    JsonNode restarted = call("POST", "/network/restart", null);
    assertThat(restarted.path("restored").asBoolean()).isTrue();
    assertThat(call("POST", "/models/precache", null).path("downloaded").size()).isEqualTo(2);
    assertThat(state().path("recovered").asBoolean()).isTrue();
  }

  @Test
  void packetLossDegradesSpacyUntilHybridModeServesFromTheCache() throws Exception {
    call("POST", "/admin/faults/network_partial", Map.of());
    JsonNode network = call("GET", "/network", null);
    assertThat(network.path("reachable").asBoolean()).isTrue();
    JsonNode spacy = network.path("components").path("responsibility_detection");
    assertThat(spacy.path("status").asText()).isEqualTo("degraded");
    assertThat(spacy.path("error_rate").asDouble()).isCloseTo(0.2401, within());
    call(
        "POST",
        "/network/config",
        Map.of("mode", "hybrid", "max_retries", 5, "backoff_base_seconds", 2));
    assertThat(state().path("recovered").asBoolean()).isTrue();
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.001);
  }

  @Test
  void fullDiskFailsEveryWriteUntilTheEmergencyCleanupDeletesRealFiles() throws Exception {
    call("POST", "/admin/faults/disk_full", Map.of());
    assertThat(state().path("storage").path("used_percent").asDouble()).isGreaterThan(99.0);
    assertThat(call("GET", "/health", null).path("httpStatus").asInt()).isEqualTo(503);
    List<Path> tmp;
    try (var files = Files.list(data().resolve("tmp"))) {
      tmp = files.toList();
    }
    assertThat(tmp).isNotEmpty();

    JsonNode report =
        call(
            "POST",
            "/storage/cleanup",
            Map.of(
                "targets",
                List.of("logs", "cache", "tmp", "execution_contexts"),
                "logs_older_than_days",
                7,
                "contexts_older_than_days",
                1));
    assertThat(report.path("after").path("free_percent").asDouble()).isGreaterThan(80.0);
    assertThat(tmp).allSatisfy(file -> assertThat(file).doesNotExist());
    assertThat(data().resolve("logs/orchestrator.log")).exists();
    assertThat(data().resolve("cache/huggingface")).isEmptyDirectory();
    assertThat(state().path("recovered").asBoolean()).isTrue();
  }

  @Test
  void resultsThatFillTheDiskSurviveTheCleanup() throws Exception {
    call("POST", "/admin/faults/disk_full", Map.of("culprit", "results"));
    JsonNode report =
        call(
            "POST",
            "/storage/cleanup",
            Map.of("targets", List.of("logs", "cache", "tmp", "execution_contexts")));
    assertThat(report.path("after").path("free_percent").asDouble()).isLessThan(15.0);
    assertThat(state().path("storage").path("directories").path("results").asLong())
        .isGreaterThan(10L * 1024 * 1024);
  }

  @Test
  void prioritizedCleanupStopsOnceEnoughIsFree() throws Exception {
    call("POST", "/admin/faults/disk_partial", Map.of());
    JsonNode health = call("GET", "/health", null);
    assertThat(health.path("error_rate").asDouble()).isBetween(0.01, 0.2);
    JsonNode report =
        call(
            "POST",
            "/storage/cleanup",
            Map.of(
                "targets",
                List.of("tmp", "logs", "cache", "compress"),
                "logs_older_than_days",
                2,
                "target_free_percent",
                15));
    assertThat(report.path("stopped_after").asText()).isEqualTo("tmp");
    assertThat(report.path("target_met").asBoolean()).isTrue();
    assertThat(state().path("recovered").asBoolean()).isTrue();
    try (var logs = Files.list(data().resolve("logs"))) {
      assertThat(logs.count()).as("old logs are kept when tmp was enough").isGreaterThan(1);
    }
  }

  @Test
  void throttledCpuRecoversWithFewerWorkersAndSmallerBatchesUnlessAnotherProcessHogsIt()
      throws Exception {
    call("POST", "/admin/faults/cpu_throttling", Map.of());
    JsonNode cpu = call("GET", "/cpu", null);
    assertThat(cpu.path("cpu_percent").asDouble()).isEqualTo(100.0);
    assertThat(cpu.path("latency").path("p99_seconds").asDouble()).isGreaterThan(10.0);
    JsonNode low =
        call(
            "POST",
            "/config",
            Map.of(
                "parallel_processing", false,
                "embedding_batch_size", 8,
                "monte_carlo_iterations", 1000));
    assertThat(low.path("config").path("active_workers").asInt()).isEqualTo(1);
    assertThat(state().path("recovered").asBoolean()).isTrue();

    call("POST", "/admin/reset", null);
    call("POST", "/admin/faults/cpu_partial", Map.of());
    JsonNode adapted =
        call(
            "POST",
            "/config/adaptive",
            Map.of(
                "rules",
                List.of(
                    Map.of("cpu_above", 85, "config", Map.of("embedding_batch_size", 8)),
                    Map.of("cpu_above", 70, "config", Map.of("embedding_batch_size", 16))),
                "otherwise",
                Map.of("embedding_batch_size", 32)));
    assertThat(adapted.path("rule").asText()).isEqualTo("rules[1]");
    assertThat(adapted.path("before").path("cpu_percent").asDouble()).isBetween(70.0, 85.0);
    assertThat(adapted.path("after").path("cpu_percent").asDouble()).isLessThan(70.0);

    call("POST", "/admin/faults/cpu_hog", Map.of());
    assertThat(state().path("recovered").asBoolean()).isFalse();
    assertThat(call("GET", "/cpu", null).path("processes").path(0).path("pipeline").asBoolean())
        .isFalse();
  }

  @Test
  void aCrashedNodeHaltsThePipelineAndTheLogsSayWhy() throws Exception {
    call("POST", "/admin/faults/component_crash", Map.of());
    JsonNode plan = call("POST", "/pipeline/process", Map.of("plan", "test_plan.txt"));
    assertThat(plan.path("ok").asBoolean()).isFalse();
    assertThat(plan.path("failed_node").asText()).isEqualTo("dag_validation");
    assertThat(plan.path("executed_nodes").size()).isEqualTo(10);
    JsonNode logs = call("GET", "/logs?grep=segmentation%20fault&level=ERROR", null);
    assertThat(logs.path("count").asInt()).isGreaterThan(0);
    call("DELETE", "/admin/faults/component_crash", null);
    assertThat(call("POST", "/pipeline/process", Map.of()).path("executed_nodes").size())
        .isEqualTo(11);
  }
}
