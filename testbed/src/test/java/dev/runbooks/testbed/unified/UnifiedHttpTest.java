package dev.runbooks.testbed.unified;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.testbed.OneSystem;
import dev.runbooks.testbed.OneSystem.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unified system over HTTP, as the runbooks and Prometheus see it. */
class UnifiedHttpTest {
  @TempDir static Path dir;
  private static OneSystem unified;

  @BeforeAll
  static void start() throws Exception {
    unified = OneSystem.start(dir, "unified");
  }

  @AfterAll
  static void stop() {
    unified.close();
  }

  @BeforeEach
  void reset() throws Exception {
    send("POST", "/admin/reset", Map.of());
  }

  private static Answer send(String method, String path, Object body) throws Exception {
    return unified.send(method, path, body);
  }

  private static JsonNode get(String path) throws Exception {
    return unified.get(path);
  }

  private static void awaitHealthy(String agent) throws Exception {
    for (int i = 0; i < 100; i++) {
      if (send("GET", "/agents/" + agent + "/health", null).status() == 200) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(agent + " did not become healthy within 10s");
  }

  @Test
  void metricsCarryTheSeedsQueries() throws Exception {
    String metrics = send("GET", "/metrics", null).text();
    assertThat(metrics)
        .contains(
            "unified_agent_up{agent=\"ServiceRegistry\",group=\"infrastructure\",required=\"true\"} 1")
        .contains("process_resident_memory_bytes{agent=\"ModelManagerSuite\"}")
        .contains("llm_routing_decisions_total{route=\"local\"} 0")
        .contains("system_health_score 1")
        .contains("unified_vram_used_bytes", "unified_vram_total_bytes")
        .contains("unified_circuit_breaker_open{breaker=\"MemoryClient\"} 0")
        .contains("unified_lazyloader_queue_size 0", "unified_memory_budget_bytes");
  }

  @Test
  void everyAgentHasAHealthEndpointThatFollowsItsProcess() throws Exception {
    assertThat(send("GET", "/health", null).status()).isEqualTo(200);
    assertThat(get("/agents/LazyLoader/health").path("queue_size").asInt()).isZero();
    send("POST", "/agents/KnowledgeBase/stop", Map.of());
    Answer down = send("GET", "/agents/KnowledgeBase/health", null);
    assertThat(down.status()).isEqualTo(503);
    assertThat(down.body().path("error").asText()).isEqualTo("connection refused");
    Answer unrelated = send("POST", "/agents/SessionMemoryAgent/restart", Map.of());
    assertThat(unrelated.status()).isEqualTo(200);
    send("POST", "/agents/MemoryClient/stop", Map.of());
    Answer gated = send("POST", "/agents/KnowledgeBase/start", Map.of());
    assertThat(gated.status()).isEqualTo(409);
    assertThat(gated.text()).contains("before its dependencies are healthy", "MemoryClient");
  }

  @Test
  void aTaskForAnUnloadedAgentQueuesItAndTheLazyLoaderLoadsIt() throws Exception {
    Answer task = send("POST", "/agents/RequestCoordinator/task", Map.of("type", "vision"));
    assertThat(task.status()).isEqualTo(202);
    awaitHealthy("VisionProcessingAgent");
    assertThat(get("/agents/LazyLoader/health").path("queue_size").asInt()).isZero();
    JsonNode handled =
        send("POST", "/agents/RequestCoordinator/task", Map.of("type", "vision")).body();
    assertThat(handled.path("handled_by").asText()).isEqualTo("VisionProcessingAgent");
  }

  @Test
  void theHubCapturesTheDebugStateToAFile() throws Exception {
    send("POST", "/admin/faults/system_hang", Map.of());
    JsonNode snapshot = send("POST", "/agents/ObservabilityHub/debug/snapshots", Map.of()).body();
    assertThat(snapshot.path("hung").asBoolean()).isTrue();
    Path file = dir.resolve("unified").resolve(snapshot.path("file").asText());
    assertThat(Files.readString(file)).contains("stuck_threads", "SystemDigitalTwin");
    assertThat(get("/admin/state").path("snapshots").size()).isEqualTo(1);
  }

  @Test
  void profilesListTheirAgentsInStartPhases() throws Exception {
    JsonNode core = get("/profiles/core");
    assertThat(core.path("agent_count").asInt()).isEqualTo(16);
    assertThat(core.path("phases").path(0).toString()).isEqualTo("[\"ServiceRegistry\"]");
    assertThat(core.path("memory_mb").asInt()).isEqualTo(2048);
    assertThat(send("GET", "/profiles/gaming", null).status()).isEqualTo(404);
  }
}
