package dev.runbooks.worker.seeds.unified;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** unified-complete-recovery: Complete System Recovery, approval first. */
class UnifiedCompleteRecoveryTest {

  private static Unified corrupted() {
    Unified u = Unified.fresh();
    u.inject("state_corruption", Map.of());
    assertThat(u.agent("SystemDigitalTwin").path("status").asText()).isEqualTo("crashed");
    assertThat(u.state().path("state_files").path("problem").asText()).contains("JSONDecodeError");
    return u;
  }

  @Test
  void anApprovedRecoveryClearsTheStateAndStartsTheCoreProfile() {
    Unified u = corrupted();

    String id = u.h.start("unified-complete-recovery", Map.of("base_url", u.base));
    JsonNode waiting = u.h.awaitApproval(id, Duration.ofSeconds(30));
    assertThat(waiting.toString())
        .contains(
            "DELETE data/state/*",
            "digital_twin.json",
            "SystemDigitalTwin (crashed)",
            "JSONDecodeError");
    assertThat(u.requests()).isEmpty();
    u.h.decide(id, true, "alice", "state file truncated; twin rebuilds from the agents");
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("persisted", "approve", "emergency_stop", "clear_state", "start_core", "done");
    assertThat(u.requests().subList(0, 2))
        .containsExactly("POST /launcher/stop", "POST /launcher/clear-state");
    assertThat(u.count("POST /launcher/clear-state")).isEqualTo(1);
    assertThat(u.count("POST /agents/SystemDigitalTwin/start")).isEqualTo(1);
    JsonNode state = u.state();
    assertThat(Unified.allHealthy(state, Unified.CORE)).as(state.toString()).isTrue();
    assertThat(state.path("state_files").path("problem").isNull()).isTrue();
    assertThat(state.path("state_files").path("files").toString())
        .isEqualTo("[\"digital_twin.json\"]");
    assertThat(u.audit(id)).containsExactly("approval.approve approve approved");
  }

  @Test
  void aRejectedRecoveryDeletesNothing() {
    Unified u = corrupted();

    String id = u.h.start("unified-complete-recovery", Map.of("base_url", u.base));
    u.h.awaitApproval(id, Duration.ofSeconds(30));
    u.h.decide(id, false, "bob", "restore the state file from the backup instead");
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).isEqualTo("failed");
    assertThat(SeedHarness.stepsRun(run))
        .doesNotContain("emergency_stop", "clear_state", "start_core");
    assertThat(u.requests()).isEmpty();
    JsonNode state = u.state();
    assertThat(state.path("state_files").path("files").size()).isEqualTo(2);
    assertThat(state.path("agents").path("KnowledgeBase").path("healthy").asBoolean()).isTrue();
    assertThat(u.audit(id)).containsExactly("approval.reject approve rejected");
  }
}
