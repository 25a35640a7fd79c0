package dev.runbooks.worker.seeds.jarvis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 000 section 3, "Alert: Task Queue Backlog", end to end through {@code
 * jarvis-task-queue-backlog}: stuck workers and stale tasks, and a corrupt queue that is reset only
 * after a person approves.
 */
class JarvisTaskQueueBacklogTest {

  @Test
  void stuckWorkersAreRestartedAndStaleAndFailedTasksCleared() {
    JarvisSeed j =
        JarvisSeed.fresh()
            .inject("workers_stuck", Map.of("pending", 120, "stale", 20))
            .inject("failed_tasks", Map.of("count", 12));

    JsonNode run = j.await(j.fire("JarvisTaskQueueBacklog", Map.of("severity", "warning")));

    assertThat(JarvisSeed.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .containsSubsequence(
            "stats",
            "workers",
            "restart_workers",
            "workers_working",
            "cancel_stale",
            "clear_failed",
            "clear_completed",
            "drained")
        .doesNotContain("approve_queue_reset", "still_backlogged");
    assertThat(j.requests("POST", "/workers/restart")).hasSize(1);
    assertThat(j.requests("POST", "/tasks/cancel").get(0).path("body").path("older_than").asText())
        .isEqualTo("1h");
    JsonNode state = j.state();
    assertThat(state.path("faults")).isEmpty();
    JsonNode tasks = state.path("tasks");
    assertThat(tasks.path("workers").path("stuck").asInt()).isZero();
    assertThat(tasks.path("pending_older_than_1h").asInt()).isZero();
    assertThat(tasks.path("by_status").path("pending").asInt()).isLessThan(50);
    assertThat(tasks.path("by_status").path("failed").asInt()).isZero();
    assertThat(tasks.path("by_status").path("cancelled").asInt())
        .as("stale tasks cancelled (the four the stuck workers held are stale too)")
        .isPositive();
  }

  @Test
  void aCorruptQueueIsBackedUpAndResetAfterApproval() {
    JarvisSeed j = JarvisSeed.fresh().inject("queue_corrupted", Map.of());

    String id = j.fire("JarvisTaskQueueCorrupted", Map.of("severity", "critical"));
    j.awaitApproval(id, "approve_queue_reset");
    assertThat(j.requests("POST", "/tasks/queue/reset"))
        .as("nothing before the approval")
        .isEmpty();
    j.h.decide(id, true, "alice", "backup first, then reset");
    JsonNode run = j.await(id);

    assertThat(JarvisSeed.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .containsSubsequence(
            "approve_queue_reset",
            "backup_queue",
            "reset_queue",
            "restart_after_reset",
            "queue_reset")
        .doesNotContain("reset_declined", "workers");
    assertThat(j.requests("POST", "/tasks/queue/backup")).hasSize(1);
    assertThat(j.requests("POST", "/tasks/queue/reset")).hasSize(1);
    JsonNode state = j.state();
    assertThat(state.path("faults")).isEmpty();
    assertThat(state.path("tasks").path("corrupted").asBoolean()).isFalse();
    assertThat(state.path("tasks").path("total").asInt()).isZero();
    assertThat(state.path("tasks").path("backups")).hasSize(1);
    assertThat(state.path("service").path("starts").asInt()).isEqualTo(1);
    List<JsonNode> approvals = j.audit(id, "approval.approve");
    assertThat(approvals).hasSize(1);
    // the decider is the authenticated caller (the test token's owner), not the body's
    assertThat(approvals.get(0).toString()).contains("admin");
    assertThat(j.audit(id, "restart")).hasSize(1);
  }

  @Test
  void aRejectedQueueResetHandsTheCorruptQueueToOnCall() {
    JarvisSeed j = JarvisSeed.fresh().inject("queue_corrupted", Map.of());

    String id = j.fire("JarvisTaskQueueCorrupted", Map.of("severity", "critical"));
    j.awaitApproval(id, "approve_queue_reset");
    j.h.decide(id, false, "bob", "there are drafts in there; I will repair it by hand");
    JsonNode run = j.h.awaitRun(id, Duration.ofSeconds(60));

    assertThat(JarvisSeed.outcome(run)).as(run.toString()).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("approve_queue_reset", "reset_declined", "handed_over")
        .doesNotContain("backup_queue", "reset_queue", "restart_after_reset");
    JsonNode incident = j.incidents().path(id);
    assertThat(incident.path("status").asText())
        .as(j.incidents().toString())
        .isEqualTo("triggered");
    assertThat(incident.path("summary").asText()).contains("corrupted", "rejected");
    assertThat(j.requests("POST", "/tasks/queue/backup")).isEmpty();
    assertThat(j.requests("POST", "/tasks/queue/reset")).isEmpty();
    assertThat(j.requests("POST", "/service/restart")).isEmpty();
    JsonNode state = j.state();
    assertThat(state.path("tasks").path("corrupted").asBoolean()).isTrue();
    assertThat(state.path("tasks").path("queue_file").asBoolean()).isTrue();
    assertThat(j.audit(id, "approval.reject")).hasSize(1);
  }
}
