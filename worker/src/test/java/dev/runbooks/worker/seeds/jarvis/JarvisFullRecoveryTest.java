package dev.runbooks.worker.seeds.jarvis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 000 section 6, "Full System Recovery", end to end through {@code jarvis-full-recovery}: a
 * hung JARVIS is killed, its stale lock removed, its state backed up, and each of the three
 * destructive options runs only when a person approves it.
 */
class JarvisFullRecoveryTest {

  @Test
  void aHungJarvisIsRecoveredWithOnlyTheApprovedDestructiveSteps() {
    JarvisSeed j = JarvisSeed.fresh().inject("unresponsive", Map.of());

    String id = j.fire("JarvisDown", Map.of("severity", "critical"));
    j.awaitApproval(id, "approve_clear_caches");
    j.h.decide(id, true, "alice", "caches may be corrupt");
    j.awaitApproval(id, "approve_reset_queues");
    j.h.decide(id, false, "alice", "keep the pending drafts");
    j.awaitApproval(id, "approve_rebuild_indexes");
    j.h.decide(id, true, "alice", "search was failing before");
    JsonNode run = j.await(id);

    assertThat(JarvisSeed.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .containsSubsequence(
            "stop_services",
            "zombie_check",
            "force_kill",
            "clear_temp_files",
            "backup_state",
            "check_permissions",
            "approve_clear_caches",
            "clear_caches",
            "approve_reset_queues",
            "approve_rebuild_indexes",
            "rebuild_indexes",
            "start_services",
            "wait_started",
            "verify_health",
            "test_search")
        .doesNotContain("reset_queues", "health_failed");
    assertThat(j.requests("POST", "/service/kill")).hasSize(1);
    assertThat(j.requests("POST", "/service/start")).hasSize(1);
    assertThat(j.requests("POST", "/service/cleanup")).hasSize(2);
    assertThat(j.requests("POST", "/tasks/queue/reset")).isEmpty();
    assertThat(j.requests("POST", "/db/rebuild-indexes")).hasSize(1);
    JsonNode state = j.state();
    assertThat(state.path("faults")).isEmpty();
    assertThat(state.path("service").path("state").asText()).isEqualTo("running");
    assertThat(state.path("temp_files").asInt()).isZero();
    assertThat(state.path("cache_files").asInt()).isZero();
    assertThat(state.path("backups")).hasSize(2);
    assertThat(state.path("backups").get(0).path("files").toString()).contains("task_queue.json");
    assertThat(state.path("database").path("index_rebuilds").asInt()).isEqualTo(1);
    assertThat(state.path("tasks").path("total").asInt())
        .as("the queue was kept: its history is still there")
        .isPositive();
    assertThat(j.audit(id, "approval.approve")).hasSize(2);
    assertThat(j.audit(id, "approval.reject")).hasSize(1);
  }
}
