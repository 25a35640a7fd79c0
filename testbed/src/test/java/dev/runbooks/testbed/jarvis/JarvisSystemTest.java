package dev.runbooks.testbed.jarvis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.testbed.OneSystem;
import dev.runbooks.testbed.OneSystem.Answer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JARVIS imitation over HTTP: faults break causes, and only fixing the cause helps. */
class JarvisSystemTest {
  @TempDir Path dir;
  private OneSystem jarvis;

  @BeforeEach
  void start() throws Exception {
    jarvis = OneSystem.start(dir, "jarvis");
  }

  @AfterEach
  void stop() {
    jarvis.close();
  }

  private Answer call(String method, String path, Object body) throws Exception {
    return jarvis.send(method, path, body);
  }

  private JsonNode get(String path) throws Exception {
    return call("GET", path, null).body();
  }

  private Answer post(String path, Object body) throws Exception {
    return call("POST", path, body);
  }

  private JsonNode await(String path, Predicate<JsonNode> condition) throws Exception {
    Instant deadline = Instant.now().plusSeconds(10);
    while (true) {
      JsonNode node = get(path);
      if (condition.test(node)) {
        return node;
      }
      assertThat(Instant.now()).as("waiting on %s, last %s", path, node).isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private String circuitState(String name) throws Exception {
    return get("/circuits/" + name).path("state").asText();
  }

  @Test
  void startsHealthyWithClosedBreakersAndMetrics() throws Exception {
    JsonNode health = get("/health");
    assertThat(health.path("status").asText()).isEqualTo("healthy");
    assertThat(health.path("memory").path("percent").asDouble()).isLessThan(75);
    assertThat(get("/circuits").path("circuits").path("model_generation").path("state").asText())
        .isEqualTo("closed");
    assertThat(get("/metrics").asText())
        .contains("jarvis_circuit_state{circuit=\"model_generation\",state=\"closed\"} 1");
    assertThat(get("/admin/state").path("faults")).isEmpty();
  }

  @Test
  void aResetReopensUntilTheCorruptModelIsDownloadedAndReloaded() throws Exception {
    post("/admin/faults/model_corruption", Map.of());
    await("/circuits/model_generation", c -> c.path("state").asText().equals("open"));
    assertThat(get("/logs?since=10m&grep=ModelLoadError").path("count").asInt()).isPositive();

    assertThat(post("/circuits/model_generation/reset", null).body().path("state").asText())
        .isEqualTo("closed");
    await("/circuits/model_generation", c -> c.path("state").asText().equals("open"));

    assertThat(post("/models/verify", null).body().path("corrupt").get(0).asText())
        .isEqualTo("lfm-1.2b");
    post("/models/download", Map.of("model", "lfm-1.2b", "force", true));
    assertThat(post("/models/reload", null).status()).isEqualTo(200);
    post("/circuits/model_generation/reset", null);
    Thread.sleep(2000);
    assertThat(circuitState("model_generation")).isEqualTo("closed");
    assertThat(
            post("/draft", Map.of("instruction", "Say hello")).body().path("fallback").asBoolean())
        .isFalse();
  }

  @Test
  void memoryPressureOpensGenerationUntilCachesAreCleared() throws Exception {
    post("/admin/faults/memory_pressure", Map.of("percent", 97.5));
    assertThat(get("/health").path("memory_pressure").asText()).isEqualTo("critical");
    await("/circuits/model_generation", c -> c.path("state").asText().equals("open"));
    assertThat(circuitState("imessage")).isEqualTo("closed");

    post("/cache/clear", Map.of("all", true));
    post("/circuits/model_generation/reset", null);
    Thread.sleep(2000);
    assertThat(circuitState("model_generation")).isEqualTo("closed");
    assertThat(get("/admin/state").path("faults")).isEmpty();
  }

  @Test
  void aHungProcessMustBeKilledAndItsStaleLockRemovedBeforeItStarts() throws Exception {
    post("/admin/faults/unresponsive", Map.of());
    assertThat(call("GET", "/metrics", null).status()).isEqualTo(503);
    assertThat(post("/service/stop", null).status()).isEqualTo(504);
    assertThat(post("/service/kill", null).body().path("killed").asInt()).isEqualTo(1);
    assertThat(post("/service/start", null).status()).isEqualTo(409);
    assertThat(post("/service/cleanup", Map.of("temp", true, "locks", true)).body().toString())
        .contains("jarvis.lock");
    assertThat(post("/service/start", null).status()).isEqualTo(202);
    await("/service/status", s -> s.path("state").asText().equals("running"));
    assertThat(get("/health").path("status").asText()).isEqualTo("healthy");
  }

  @Test
  void aCorruptQueueComesBackEmptyOnlyAfterItsFileIsRemovedAndJarvisRestarts() throws Exception {
    post("/admin/faults/queue_corrupted", Map.of());
    assertThat(call("GET", "/tasks/stats", null).status()).isEqualTo(500);
    assertThat(post("/tasks/queue/backup", null).body().path("backup").asText())
        .startsWith("~/.jarvis/task_queue.json.bak.");
    post("/service/restart", null);
    await("/service/status", s -> s.path("state").asText().equals("running"));
    assertThat(call("GET", "/tasks/stats", null).status()).isEqualTo(500);

    post("/tasks/queue/reset", Map.of());
    post("/service/restart", null);
    await("/service/status", s -> s.path("state").asText().equals("running"));
    JsonNode stats = get("/tasks/stats");
    assertThat(stats.path("total").asInt()).isZero();
    assertThat(get("/admin/state").path("tasks").path("backups")).hasSize(1);
  }

  @Test
  void stuckWorkersHoldTheBacklogUntilRestarted() throws Exception {
    post("/admin/faults/workers_stuck", Map.of("pending", 40, "stale", 10));
    Thread.sleep(600);
    assertThat(get("/tasks/stats").path("by_status").path("pending").asInt()).isEqualTo(40);
    assertThat(post("/workers/restart", null).body().path("requeued").asInt()).isEqualTo(4);
    assertThat(
            post("/tasks/cancel", Map.of("status", "pending", "older_than", "1h"))
                .body()
                .path("cancelled")
                .asInt())
        .as("the 10 stale tasks and the 4 the stuck workers held")
        .isEqualTo(14);
    await("/tasks/stats", s -> s.path("by_status").path("pending").asInt() == 0);
  }

  @Test
  void rateLimitsRejectTheExcessAndABlockStopsAnAbusiveClient() throws Exception {
    post("/admin/faults/abusive_client", Map.of("client", "script-7f3a"));
    JsonNode limits = get("/api/admin/ratelimit");
    assertThat(limits.path("top_clients").get(0).path("client").asText()).isEqualTo("script-7f3a");
    assertThat(limits.path("rejecting_per_minute").path("total").asDouble()).isPositive();
    post("/api/admin/block", Map.of("client", "script-7f3a", "duration_minutes", 60));
    assertThat(get("/api/admin/ratelimit").path("rejecting_per_minute").path("total").asDouble())
        .isZero();
  }
}
