package dev.runbooks.worker.seeds.unified;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** unified-rollback: the Rollback Procedure, approval first. */
class UnifiedRollbackTest {

  private static Unified badlyDeployed() {
    Unified u = Unified.fresh();
    u.inject("bad_config", Map.of());
    u.awaitState(
        s -> s.path("agents").path("ModelManagerSuite").path("status").asText().equals("crashed"),
        "ModelManagerSuite crashed on the new configuration");
    assertThat(u.state().path("config").path("version").asText()).isEqualTo("phase2-2025-01-27");
    return u;
  }

  @Test
  void anApprovedRollbackRestoresTheBackupAndRestartsTheProfile() {
    Unified u = badlyDeployed();

    String id = u.h.start("unified-rollback", Map.of("base_url", u.base));
    JsonNode waiting = u.h.awaitApproval(id, Duration.ofSeconds(30));
    assertThat(waiting.toString())
        .contains("phase2-2025-01-27", "phase2-2025-01-20", "core profile", "no such file");
    assertThat(u.requests()).isEmpty();
    u.h.decide(id, true, "alice", "bad model path in the new config");
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("config", "launcher", "approve", "stop", "restore", "restart", "verify", "done");
    assertThat(u.requests().subList(0, 2))
        .containsExactly("POST /launcher/stop", "POST /config/restore");
    assertThat(u.count("POST /launcher/stop")).isEqualTo(1);
    assertThat(u.count("POST /config/restore")).isEqualTo(1);
    assertThat(u.count("POST /agents/ModelManagerSuite/start")).isEqualTo(1);
    JsonNode state = u.state();
    assertThat(state.path("config").path("version").asText()).isEqualTo("phase2-2025-01-20");
    assertThat(state.path("config").path("valid").asBoolean()).isTrue();
    assertThat(Unified.allHealthy(state, Unified.CORE)).as(state.toString()).isTrue();
    assertThat(u.audit(id)).containsExactly("approval.approve approve approved");
  }

  @Test
  void aRejectedRollbackChangesNothing() {
    Unified u = badlyDeployed();

    String id = u.h.start("unified-rollback", Map.of("base_url", u.base));
    u.h.awaitApproval(id, Duration.ofSeconds(30));
    u.h.decide(id, false, "bob", "fix forward instead");
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("failed");
    assertThat(SeedHarness.stepsRun(run))
        .contains("config", "launcher")
        .doesNotContain("stop", "restore", "restart");
    assertThat(u.requests()).isEmpty();
    JsonNode state = u.state();
    assertThat(state.path("config").path("version").asText()).isEqualTo("phase2-2025-01-27");
    assertThat(state.path("agents").path("SessionMemoryAgent").path("healthy").asBoolean())
        .isTrue();
    assertThat(u.audit(id)).hasSize(1).first().isEqualTo("approval.reject approve rejected");
  }
}
