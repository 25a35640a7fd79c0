package dev.runbooks.worker.seeds.jarvis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 000 section 2, "Alert: High Memory Usage", end to end through {@code jarvis-high-memory}:
 * the warning and the critical response, and the graceful restart when memory does not recover.
 */
class JarvisHighMemoryTest {
  private static final String ALERT = "JarvisHighMemory";

  @Test
  void aWarningClearsTheCachesWithoutEmergencyMode() {
    JarvisSeed j = JarvisSeed.fresh().inject("memory_pressure", Map.of("percent", 88));
    assertThat(j.state().path("memory").path("pressure").asText()).isEqualTo("red");

    JsonNode run = j.await(j.fire(ALERT, Map.of("severity", "warning")));

    assertThat(JarvisSeed.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("health", "clear_caches", "monitor", "final_health")
        .doesNotContain("emergency_mode", "unload_models", "graceful_restart");
    assertThat(j.requests("POST", "/api/admin/emergency-mode")).isEmpty();
    assertThat(j.requests("POST", "/cache/clear")).hasSize(1);
    JsonNode state = j.state();
    assertThat(state.path("faults")).isEmpty();
    assertThat(state.path("memory").path("percent").asDouble()).isLessThan(85);
  }

  @Test
  void criticalMemoryGetsTheEmergencyResponseAndLeavesEmergencyModeAfterwards() {
    JarvisSeed j =
        JarvisSeed.fresh()
            .inject("memory_pressure", Map.of("percent", 97.5))
            .inject("workers_stuck", Map.of("pending", 12, "stale", 6));

    JsonNode run = j.await(j.fire(ALERT, Map.of("severity", "critical")));

    assertThat(JarvisSeed.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .containsSubsequence(
            "emergency_mode",
            "clear_all_caches",
            "unload_models",
            "cancel_background_tasks",
            "clear_completed_tasks",
            "monitor",
            "leave_emergency_mode")
        .doesNotContain("graceful_restart");
    List<JsonNode> modes = j.requests("POST", "/api/admin/emergency-mode");
    assertThat(modes)
        .extracting(r -> r.path("body").path("enabled").asBoolean())
        .containsExactly(true, false);
    JsonNode cancel = j.requests("POST", "/tasks/cancel").get(0).path("body");
    assertThat(cancel.path("types").toString()).contains("batch_export", "embedding_sync");
    JsonNode state = j.state();
    assertThat(state.path("memory").path("percent").asDouble()).isLessThan(85);
    assertThat(state.path("emergency_mode").asBoolean()).isFalse();
    assertThat(state.path("tasks").path("by_status").path("cancelled").asInt()).isEqualTo(6);
    assertThat(state.path("tasks").path("by_status").path("completed").asInt())
        .as("the history was cleared; only what finished since is there")
        .isLessThan(20);
    assertThat(state.path("service").path("starts").asInt()).isZero();
  }

  @Test
  void aLeakThatTheEmergencyResponseCannotFreeIsRestartedGracefully() {
    JarvisSeed j = JarvisSeed.fresh().inject("memory_leak", Map.of("percent", 98));

    String id = j.fire(ALERT, Map.of("severity", "critical"));
    JsonNode run = j.await(id);

    assertThat(JarvisSeed.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .containsSubsequence(
            "emergency_mode", "monitor", "graceful_restart", "memory_after_restart")
        .doesNotContain("leave_emergency_mode", "page_oncall");
    assertThat(j.requests("POST", "/service/restart")).hasSize(1);
    List<JsonNode> restarts = j.audit(id, "restart");
    assertThat(restarts).hasSize(1);
    assertThat(restarts.get(0).path("outcome").asText()).isEqualTo("restarted");
    JsonNode state = j.state();
    assertThat(state.path("faults")).isEmpty();
    assertThat(state.path("service").path("starts").asInt()).isEqualTo(1);
    assertThat(state.path("memory").path("percent").asDouble()).isLessThan(85);
    assertThat(state.path("emergency_mode").asBoolean()).as("a fresh process").isFalse();
  }
}
