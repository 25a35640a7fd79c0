package dev.runbooks.worker.seeds.juggernaut;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 002 "Memory Leaks and Performance Issues":
 * runbooks-yaml/juggernaut/juggernaut-memory-long-running.
 */
class JuggernautMemoryTest {

  @Test
  void runawayTaskIsTerminatedWithApprovalAndTheRestartGivesTheMemoryBack() {
    Juggernaut j = Juggernaut.fresh();
    j.inject("runaway_task", Map.of("count", 1, "minutes", 180, "startMb", 1600));
    String task = j.state().path("runawayTasks").get(0).asText();

    String id =
        j.h.fire("juggernaut", "JuggernautMemoryHigh", Map.of("severity", "warning")).get(0);
    JsonNode waiting = j.h.awaitApproval(id, Duration.ofSeconds(60));
    assertThat(waiting.toString()).contains(task);
    j.h.decide(id, true, "alice", "that crawl is stuck");
    JsonNode run = j.await(id);

    assertThat(Juggernaut.outcome(run)).as(Juggernaut.describe(run)).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("memory", "long_running", "confirm_terminate", "terminate", "restart")
        .doesNotContain("tell_engineering");
    assertThat(j.rows("SELECT status, error_message FROM governance_tasks WHERE id = ?", task))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.get("status")).isEqualTo("failed");
              assertThat(r.get("error_message")).isEqualTo("Terminated due to excessive runtime");
            });
    JsonNode state = j.state();
    assertThat(state.path("process").path("restarts").asInt()).isEqualTo(1);
    assertThat(state.path("memoryMb").asInt()).isLessThan(400);
    assertThat(state.path("runawayTasks").size()).isZero();
    assertThat(j.requests("POST", "/api/tasks/" + task + "/terminate")).hasSize(1);
    assertThat(j.audit(id))
        .contains("approval.approve confirm_terminate approved", "restart juggernaut restarted");
  }

  @Test
  void leakThatOutlivesTheRestartGoesToEngineering() {
    Juggernaut j = Juggernaut.fresh();
    j.inject("memory_leak", Map.of("startMb", 1700, "mbPerSecond", 8));

    String id =
        j.h.fire("juggernaut", "JuggernautMemoryHigh", Map.of("severity", "warning")).get(0);
    JsonNode run = j.await(id);

    assertThat(Juggernaut.outcome(run)).as(Juggernaut.describe(run)).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("restart", "sample_1", "sample_2", "tell_engineering")
        .doesNotContain("confirm_terminate", "terminate");
    assertThat(j.requests("POST", "/ops/restart")).hasSize(1);
    assertThat(j.state().path("process").path("restarts").asInt()).isEqualTo(1);
    JsonNode slack = j.h.pager().state().path("messages").path("engineering");
    assertThat(slack.size()).isEqualTo(1);
    assertThat(slack.get(0).path("body").path("text").asText()).contains("MB/min after a");
  }
}
