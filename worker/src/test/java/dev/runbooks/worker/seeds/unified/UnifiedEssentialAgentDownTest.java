package dev.runbooks.worker.seeds.unified;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** unified-essential-agent-down: the EssentialAgentDown alert, end to end. */
class UnifiedEssentialAgentDownTest {

  @Test
  void aCrashedAgentIsRestartedOnceAndIsHealthyAgain() {
    Unified u = Unified.fresh();
    u.inject("agent_down", Map.of("agent", "ModelManagerSuite"));
    assertThat(u.agent("ModelManagerSuite").path("status").asText()).isEqualTo("crashed");

    String id =
        u.fire("EssentialAgentDown", Map.of("agent", "ModelManagerSuite", "severity", "critical"));
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("agent", "logs", "restart", "verify", "done")
        .doesNotContain("back_already", "not_back");
    String restartRun = Unified.child(id, "restart", 1);
    JsonNode child = u.await(restartRun);
    assertThat(Unified.outcome(child)).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(child))
        .contains("agent", "port", "logs", "restart", "restart_model_manager_suite", "done")
        .doesNotContain("dependencies", "kill_stale", "page_not_back");
    assertThat(u.count("POST /agents/ModelManagerSuite/restart")).isEqualTo(1);
    assertThat(u.requests()).containsExactly("POST /agents/ModelManagerSuite/restart");
    JsonNode mms = u.agent("ModelManagerSuite");
    assertThat(mms.path("healthy").asBoolean()).isTrue();
    assertThat(mms.path("starts").asInt()).isEqualTo(2);
    assertThat(u.audit(restartRun)).containsExactly("restart unified/ModelManagerSuite restarted");
    assertThat(u.audit(id)).isEmpty();
    assertThat(u.incidents().size()).isZero();
  }

  @Test
  void anAgentThatWillNotComeBackIsPagedOnce() {
    Unified u = Unified.fresh();
    u.inject("agent_down", Map.of("agent", "KnowledgeBase", "failStarts", -1));

    String id =
        u.fire("EssentialAgentDown", Map.of("agent", "KnowledgeBase", "severity", "critical"));
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run)).contains("restart", "not_back").doesNotContain("verify");
    String restartRun = Unified.child(id, "restart", 1);
    JsonNode child = u.await(restartRun);
    assertThat(Unified.outcome(child)).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(child))
        .contains("restart_knowledge_base", "page_not_back", "not_back");
    assertThat(u.count("POST /agents/KnowledgeBase/restart")).isEqualTo(1);
    assertThat(u.agent("KnowledgeBase").path("status").asText()).isEqualTo("crashed");
    assertThat(u.audit(restartRun))
        .containsExactly(
            "restart unified/KnowledgeBase restarted", "escalate.trigger oncall delivered");
    JsonNode incident = u.incidents().path("unified/KnowledgeBase@" + u.base);
    assertThat(incident.path("status").asText())
        .as(u.incidents().toString())
        .isEqualTo("triggered");
    assertThat(incident.path("severity").asText()).isEqualTo("critical");
    assertThat(incident.path("summary").asText()).contains("KnowledgeBase did not come back");
    assertThat(incident.path("events").asInt()).isEqualTo(1);
  }

  @Test
  void anAgentThatIsBackAlreadyIsLeftAlone() {
    Unified u = Unified.fresh();
    u.inject("agent_down", Map.of("agent", "MemoryClient"));
    u.post("/agents/MemoryClient/start", Map.of());
    u.awaitState(
        s -> s.path("agents").path("MemoryClient").path("healthy").asBoolean(), "MemoryClient up");

    String id =
        u.fire("EssentialAgentDown", Map.of("agent", "MemoryClient", "severity", "critical"));
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("agent", "back_already")
        .doesNotContain("restart");
    assertThat(u.requests()).containsExactly("POST /agents/MemoryClient/start");
    assertThat(u.audit(id)).isEmpty();
  }
}
