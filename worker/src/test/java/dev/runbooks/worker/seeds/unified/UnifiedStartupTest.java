package dev.runbooks.worker.seeds.unified;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** unified-startup: a profile started in dependency order with health gates. */
class UnifiedStartupTest {

  /** The agents the vision profile adds to core, and what they depend on. */
  private static final Map<String, List<String>> VISION =
      Map.of(
          "FaceRecognitionAgent",
          List.of("RequestCoordinator", "ModelManagerSuite", "SystemDigitalTwin"),
          "VisionProcessingAgent",
          List.of("ModelManagerSuite", "SystemDigitalTwin"),
          "HumanAwarenessAgent",
          List.of("FaceRecognitionAgent", "SystemDigitalTwin"),
          "MoodTrackerAgent",
          List.of("FaceRecognitionAgent", "SystemDigitalTwin"));

  @Test
  void startsTheVisionProfileInDependencyOrderEachAgentOnce() {
    Unified u = Unified.fresh();
    u.post("/launcher/stop", Map.of("force", false));
    assertThat(u.state().path("memory_mb").asInt()).isZero();

    String id = u.h.start("unified-startup", Map.of("base_url", u.base, "profile", "vision"));
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains(
            "profile",
            "select_profile",
            "start_phases",
            "start_phase",
            "start_agent",
            "agent_ready",
            "health_gate",
            "verify_essential",
            "verify_lazyloader",
            "done")
        .doesNotContain("page_startup_failed", "startup_failed");
    JsonNode state = u.state();
    assertThat(state.path("profile").asText()).isEqualTo("vision");
    List<String> vision = new ArrayList<>(Unified.CORE);
    vision.addAll(VISION.keySet());
    assertThat(Unified.allHealthy(state, vision)).as(state.toString()).isTrue();

    List<String> requests = u.requests();
    assertThat(requests.get(1)).isEqualTo("POST /launcher/profile");
    assertThat(u.bodies("POST", "/launcher/profile").get(0).path("profile").asText())
        .isEqualTo("vision");
    for (String agent : vision) {
      assertThat(u.count("POST /agents/" + agent + "/start")).as(agent).isEqualTo(1);
    }
    assertThat(requests).hasSize(2 + vision.size());
    // Every agent started after its dependencies (which the testbed checked were healthy).
    for (var entry : VISION.entrySet()) {
      int at = requests.indexOf("POST /agents/" + entry.getKey() + "/start");
      for (String dep : entry.getValue()) {
        assertThat(requests.indexOf("POST /agents/" + dep + "/start")).as(dep).isLessThan(at);
      }
    }
    assertThat(requests.get(2)).isEqualTo("POST /agents/ServiceRegistry/start");
    assertThat(u.audit(id)).isEmpty();
    assertThat(u.incidents().size()).isZero();
  }

  @Test
  void anAgentThatDoesNotBecomeHealthyStopsTheStartupBeforeItsDependentsAndPages() {
    Unified u = Unified.fresh();
    u.post("/launcher/stop", Map.of("force", false));
    u.inject("agent_down", Map.of("agent", "ModelManagerSuite", "failStarts", -1));

    String id = u.h.start("unified-startup", Map.of("base_url", u.base, "profile", "core"));
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("start_phases", "agents_after_failure", "page_startup_failed", "startup_failed")
        .doesNotContain("verify_essential");
    assertThat(u.agent("ModelManagerSuite").path("status").asText()).isEqualTo("crashed");
    assertThat(u.count("POST /agents/ModelManagerSuite/start")).isEqualTo(1);
    for (String dependent :
        List.of("VRAMOptimizerAgent", "StreamingSpeechRecognition", "StreamingTTSAgent")) {
      assertThat(u.count("POST /agents/" + dependent + "/start")).as(dependent).isZero();
      assertThat(u.agent(dependent).path("status").asText()).isEqualTo("stopped");
    }
    JsonNode incident = u.incidents().path(id);
    assertThat(incident.path("status").asText())
        .as(u.incidents().toString())
        .isEqualTo("triggered");
    assertThat(incident.path("summary").asText())
        .contains("profile core stopped", "ModelManagerSuite");
    assertThat(incident.path("customDetails").path("not_healthy").toString())
        .contains("ModelManagerSuite (crashed)");
    assertThat(u.audit(id)).containsExactly("escalate.trigger oncall delivered");
  }

  @Test
  void switchingProfilesStopsTheRunningOneFirst() {
    Unified u = Unified.fresh();

    String id =
        u.h.start("unified-switch-profile", Map.of("base_url", u.base, "profile", "vision"));
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run)).contains("target", "current", "stop", "start", "done");
    List<String> requests = u.requests();
    assertThat(requests.get(0)).isEqualTo("POST /launcher/stop");
    assertThat(u.count("POST /launcher/stop")).isEqualTo(1);
    assertThat(u.count("POST /agents/FaceRecognitionAgent/start")).isEqualTo(1);
    JsonNode state = u.state();
    assertThat(state.path("profile").asText()).isEqualTo("vision");
    List<String> vision = new ArrayList<>(Unified.CORE);
    vision.addAll(VISION.keySet());
    assertThat(Unified.allHealthy(state, vision)).isTrue();
  }
}
