package dev.runbooks.worker.seeds.unified;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** unified-system-hang: the System Hang emergency procedure, started by the SystemHang alert. */
class UnifiedSystemHangTest {

  private static final Map<String, String> LABELS = Map.of("severity", "critical");

  @Test
  void aHangIsCapturedForceStoppedAndRestartedOnTheCoreProfile() {
    Unified u = Unified.fresh();
    u.inject("system_hang", Map.of());

    String id = u.fire("SystemHang", LABELS);
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains(
            "launcher", "confirm", "capture", "force_stop", "restart_core", "tell_engineering")
        .doesNotContain("not_hung", "page_restart_failed");
    assertThat(u.requests().subList(0, 2))
        .containsExactly("POST /agents/ObservabilityHub/debug/snapshots", "POST /launcher/stop");
    assertThat(u.bodies("POST", "/launcher/stop")).hasSize(1);
    assertThat(u.bodies("POST", "/launcher/stop").get(0).path("force").asBoolean()).isTrue();
    for (String agent : Unified.CORE) {
      assertThat(u.count("POST /agents/" + agent + "/start")).as(agent).isEqualTo(1);
    }
    JsonNode state = u.state();
    assertThat(state.path("hung").asBoolean()).isFalse();
    assertThat(state.path("profile").asText()).isEqualTo("core");
    assertThat(Unified.allHealthy(state, Unified.CORE)).isTrue();
    assertThat(state.path("snapshots").toString()).contains("snapshots/system_state-1.json");
    assertThat(Unified.outcome(u.await(Unified.child(id, "restart_core", 1))))
        .isEqualTo("resolved");
    assertThat(u.engineering().path(0).path("body").path("text").asText())
        .contains("16 agents force-stopped", "snapshots/system_state-1.json");
    assertThat(u.audit(id)).containsExactly("escalate.trigger engineering delivered");
    assertThat(u.incidents().size()).isZero();
  }

  @Test
  void aHangThatComesBackAfterTheCleanRestartIsPaged() {
    Unified u = Unified.fresh();
    u.inject("system_hang", Map.of("persistent", true));

    String id = u.fire("SystemHang", LABELS);
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("capture", "force_stop", "restart_core", "page_restart_failed", "restart_failed")
        .doesNotContain("tell_engineering");
    assertThat(u.count("POST /launcher/stop")).isEqualTo(1);
    assertThat(u.count("POST /agents/ModelManagerSuite/start")).isZero();
    assertThat(u.state().path("hung").asBoolean()).isTrue();
    JsonNode startup = u.await(Unified.child(id, "restart_core", 1));
    assertThat(Unified.outcome(startup)).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(startup)).doesNotContain("page_startup_failed");
    assertThat(u.incidents().size()).isEqualTo(1);
    JsonNode incident = u.incidents().path(id);
    assertThat(incident.path("summary").asText())
        .contains("did not come up healthy", "snapshots/system_state-1.json");
    assertThat(u.audit(id)).containsExactly("escalate.trigger oncall delivered");
  }

  @Test
  void agentsThatAnswerMeanNoHangAndNothingIsStopped() {
    Unified u = Unified.fresh();

    String id = u.fire("SystemHang", LABELS);
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("confirm", "not_hung")
        .doesNotContain("force_stop");
    assertThat(u.requests()).isEmpty();
    assertThat(Unified.allHealthy(u.state(), Unified.CORE)).isTrue();
  }
}
