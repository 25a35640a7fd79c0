package dev.runbooks.worker.seeds.jarvis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 000 section 8, "Preventive Maintenance": the daily health check and the weekly maintenance,
 * started as their schedules will start them (no alert, default inputs but the JARVIS address).
 */
class JarvisScheduledChecksTest {

  private static String start(JarvisSeed j, String runbook) {
    return j.h.start(runbook, Map.of("base_url", j.base));
  }

  @Test
  void theDailyCheckOfAHealthyJarvisSendsNothing() {
    JarvisSeed j = JarvisSeed.fresh();

    JsonNode run = j.await(start(j, "jarvis-daily-health-check"));

    assertThat(JarvisSeed.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("health", "circuits", "queue", "warnings", "done")
        .doesNotContain("report_warnings", "unhealthy");
    assertThat(j.engineering()).isEmpty();
    assertThat(j.incidents()).isEmpty();
  }

  @Test
  void theDailyCheckSendsItsWarningsToEngineeringInOneMessage() {
    JarvisSeed j =
        JarvisSeed.fresh()
            .inject("disk_full", Map.of("percent", 92))
            .inject("workers_stuck", Map.of("pending", 80, "stale", 0));

    JsonNode run = j.await(start(j, "jarvis-daily-health-check"));

    assertThat(JarvisSeed.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run)).contains("report_warnings");
    JsonNode messages = j.engineering();
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).path("body").path("text").asText())
        .contains("80 pending tasks", "disk at 92")
        .doesNotContain("memory at", "circuit");
    assertThat(j.incidents()).isEmpty();
    assertThat(j.state().path("faults").toString())
        .as("the daily check only reports")
        .contains("disk_full", "workers_stuck");
  }

  @Test
  void theDailyCheckPagesOnCallWhenJarvisIsDown() {
    JarvisSeed j = JarvisSeed.fresh();
    j.h.post(j.base + "/service/stop", Map.of());

    String id = start(j, "jarvis-daily-health-check");
    JsonNode run = j.await(id);

    assertThat(JarvisSeed.outcome(run)).as(run.toString()).isEqualTo("failed");
    assertThat(SeedHarness.stepsRun(run)).contains("unhealthy", "health_failed");
    JsonNode incident = j.incidents().path(id);
    assertThat(incident.path("status").asText())
        .as(j.incidents().toString())
        .isEqualTo("triggered");
    assertThat(incident.path("summary").asText()).contains("health check failed");
  }

  @Test
  void theWeeklyMaintenanceClearsWhatIsOlderThanAWeek() {
    JarvisSeed j = JarvisSeed.fresh();
    JsonNode before = j.state();

    JsonNode run = j.await(start(j, "jarvis-weekly-maintenance"));

    assertThat(JarvisSeed.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .containsSubsequence(
            "clear_old_logs", "clear_old_tasks", "verify_backups", "verify_models", "benchmark")
        .doesNotContain("report_problems");
    JsonNode after = j.state();
    assertThat(before.path("log_files").asInt()).isEqualTo(14);
    assertThat(after.path("log_files").asInt()).as("today and the six days before").isEqualTo(7);
    int completedBefore = before.path("tasks").path("by_status").path("completed").asInt();
    int completedAfter = after.path("tasks").path("by_status").path("completed").asInt();
    assertThat(completedAfter).isLessThan(completedBefore).isGreaterThan(100);
    assertThat(after.path("benchmarks").asInt()).isEqualTo(1);
    assertThat(j.engineering()).isEmpty();
  }

  @Test
  void theWeeklyMaintenanceReportsCorruptModelFiles() {
    JarvisSeed j = JarvisSeed.fresh().inject("model_corruption", Map.of("model", "lfm-1.2b"));

    JsonNode run = j.await(start(j, "jarvis-weekly-maintenance"));

    assertThat(JarvisSeed.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run)).contains("verify_models", "report_problems");
    JsonNode messages = j.engineering();
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).path("body").path("text").asText())
        .contains("corrupt model files", "quick benchmark failed");
  }
}
