package dev.runbooks.worker.seeds.juggernaut;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seed 002 "Verification": runbooks-yaml/juggernaut/juggernaut-verify (started by hand). */
class JuggernautVerifyTest {

  @Test
  void healthyServiceRunsTheTestTaskToCompletion() {
    Juggernaut j = Juggernaut.fresh();

    JsonNode run = j.await(j.h.start("juggernaut-verify", Map.of("base_url", j.base)));

    assertThat(Juggernaut.outcome(run)).as(Juggernaut.describe(run)).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .containsExactly("health", "create_task", "task_done", "quiet", "errors", "verified");
    assertThat(j.requests("POST", "/api/tasks")).hasSize(1);
    assertThat(
            j.rows("SELECT title, task_type, status FROM governance_tasks WHERE id = 'task-1001'"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.get("title")).isEqualTo("Health check");
              assertThat(r.get("task_type")).isEqualTo("evaluation");
              assertThat(r.get("status")).isEqualTo("completed");
            });
  }

  @Test
  void recurringErrorsFailTheVerification() {
    Juggernaut j = Juggernaut.fresh();
    j.inject("provider_outage", Map.of("provider", "slack")); // errors in the log every second

    JsonNode run = j.await(j.h.start("juggernaut-verify", Map.of("base_url", j.base)));

    assertThat(Juggernaut.outcome(run)).as(Juggernaut.describe(run)).isEqualTo("failed");
    assertThat(SeedHarness.stepsRun(run)).contains("errors", "recurring_errors");
    assertThat(run.path("report").path("message").asText()).contains("ERROR lines");
  }

  @Test
  void unreachableDatabaseFailsTheHealthCheck() {
    Juggernaut j = Juggernaut.fresh();
    j.inject("db_down", Map.of());

    JsonNode run = j.await(j.h.start("juggernaut-verify", Map.of("base_url", j.base)));

    assertThat(Juggernaut.outcome(run)).isEqualTo("failed");
    assertThat(run.path("report").path("failedStep").asText()).isEqualTo("health");
    assertThat(j.requests("POST", "/api/tasks")).isEmpty();
  }
}
