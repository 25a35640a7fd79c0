package dev.runbooks.worker.seeds.unified;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** unified-restart-agent: Agent Won't Start and Manual Agent Control, started by hand. */
class UnifiedRestartAgentTest {

  @Test
  void anUnhealthyDependencyIsBroughtBackFirst() {
    Unified u = Unified.fresh();
    u.inject("agent_down", Map.of("agent", "MemoryClient"));
    u.post("/agents/SessionMemoryAgent/stop", Map.of("force", true));

    String id =
        u.h.start(
            "unified-restart-agent", Map.of("base_url", u.base, "agent", "SessionMemoryAgent"));
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("dependencies", "restart_dependency", "restart_session_memory_agent", "done");
    String dependencyRun = Unified.child(id, "restart_dependency", 1);
    assertThat(Unified.outcome(u.await(dependencyRun))).isEqualTo("resolved");
    List<String> requests = u.requests();
    assertThat(requests)
        .containsExactly(
            "POST /agents/SessionMemoryAgent/stop",
            "POST /agents/MemoryClient/restart",
            "POST /agents/SessionMemoryAgent/restart");
    assertThat(u.agent("MemoryClient").path("healthy").asBoolean()).isTrue();
    assertThat(u.agent("SessionMemoryAgent").path("healthy").asBoolean()).isTrue();
    assertThat(u.audit(dependencyRun)).containsExactly("restart unified/MemoryClient restarted");
    assertThat(u.audit(id)).containsExactly("restart unified/SessionMemoryAgent restarted");
  }

  @Test
  void aStaleCopyHoldingThePortIsKilledBeforeTheRestart() {
    Unified u = Unified.fresh();
    u.inject("port_conflict", Map.of("agent", "MemoryClient"));
    int pid = u.state().path("port_holders").path(0).path("pid").asInt();

    String id =
        u.h.start("unified-restart-agent", Map.of("base_url", u.base, "agent", "MemoryClient"));
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("port", "kill_stale", "kill_stale_process", "restart_memory_client");
    assertThat(u.requests())
        .containsExactly("POST /processes/" + pid + "/kill", "POST /agents/MemoryClient/restart");
    JsonNode state = u.state();
    assertThat(state.path("port_holders").size()).isZero();
    assertThat(state.path("agents").path("MemoryClient").path("healthy").asBoolean()).isTrue();
    assertThat(u.audit(id)).containsExactly("restart unified/MemoryClient restarted");
  }

  @Test
  void anotherProgramOnThePortIsLeftToPeople() {
    Unified u = Unified.fresh();
    u.inject("port_conflict", Map.of("agent", "MemoryClient", "foreign", true));

    String id =
        u.h.start("unified-restart-agent", Map.of("base_url", u.base, "agent", "MemoryClient"));
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("port", "page_port_taken", "port_taken")
        .doesNotContain("kill_stale", "restart");
    assertThat(u.requests()).isEmpty();
    assertThat(u.state().path("port_holders").size()).isEqualTo(1);
    assertThat(u.audit(id)).containsExactly("escalate.trigger oncall delivered");
    assertThat(u.incidents().path(id).path("summary").asText())
        .contains("port 5713", "python3 -m http.server");
  }

  @Test
  void theFourthRestartWithinAnHourQuarantinesTheAgentAndPages() {
    Unified u = Unified.fresh();
    for (int i = 1; i <= 3; i++) {
      u.inject("agent_down", Map.of("agent", "KnowledgeBase"));
      String id =
          u.h.start("unified-restart-agent", Map.of("base_url", u.base, "agent", "KnowledgeBase"));
      assertThat(Unified.outcome(u.await(id))).as("restart " + i).isEqualTo("resolved");
    }
    u.inject("agent_down", Map.of("agent", "KnowledgeBase"));

    String id =
        u.h.start("unified-restart-agent", Map.of("base_url", u.base, "agent", "KnowledgeBase"));
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("restart_knowledge_base", "page_not_back", "not_back");
    assertThat(u.count("POST /agents/KnowledgeBase/restart")).isEqualTo(3);
    assertThat(u.agent("KnowledgeBase").path("status").asText()).isEqualTo("crashed");
    assertThat(u.audit(id))
        .containsExactly(
            "restart unified/KnowledgeBase quarantined", "escalate.trigger oncall delivered");
    JsonNode incident = u.incidents().path("unified/KnowledgeBase@" + u.base);
    assertThat(incident.path("summary").asText()).contains("restart loop");
    JsonNode quarantine = u.h.get("/api/quarantine");
    assertThat(quarantine.toString()).contains("unified/KnowledgeBase");
  }

  @Test
  void anOptionalAgentIsStoppedAndLoadedAgainByTheLazyLoader() {
    Unified u = Unified.fresh();
    u.post("/agents/RequestCoordinator/task", Map.of("type", "translation"));
    u.awaitState(
        s -> s.path("agents").path("TranslationService").path("healthy").asBoolean(),
        "TranslationService loaded on demand");

    String id =
        u.h.start(
            "unified-restart-agent", Map.of("base_url", u.base, "agent", "TranslationService"));
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("stop_optional", "reload_optional", "optional_healthy", "done")
        .doesNotContain("essential_without_restart_step");
    assertThat(u.requests())
        .containsExactly(
            "POST /agents/RequestCoordinator/task",
            "POST /agents/TranslationService/stop",
            "POST /agents/LazyLoader/load");
    JsonNode agent = u.agent("TranslationService");
    assertThat(agent.path("healthy").asBoolean()).isTrue();
    assertThat(agent.path("starts").asInt()).isEqualTo(2);
    assertThat(u.audit(id)).isEmpty();
  }
}
