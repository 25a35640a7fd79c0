package dev.runbooks.worker.seeds.unified;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** unified-slow-agent-loading: the SlowAgentLoading alert, end to end. */
class UnifiedSlowAgentLoadingTest {

  private static final Map<String, String> LABELS = Map.of("severity", "warning");

  @Test
  void anOptionalDependencyThatIsNotLoadedIsLoadedByHand() {
    Unified u = Unified.fresh();
    u.inject("slow_loading", Map.of("agent", "GoTToTAgent", "blocker", "ChainOfThoughtAgent"));
    assertThat(u.state().path("lazyloader").path("queue").path(0).path("waiting_for").toString())
        .contains("ChainOfThoughtAgent");

    String id = u.fire("SlowAgentLoading", LABELS);
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains(
            "queue",
            "dependencies",
            "dependency",
            "load_dependency",
            "dependency_healthy",
            "drained",
            "done")
        .doesNotContain("restart_dependency", "tell_engineering");
    assertThat(u.requests()).containsExactly("POST /agents/LazyLoader/load");
    assertThat(u.bodies("POST", "/agents/LazyLoader/load").get(0).path("agent").asText())
        .isEqualTo("ChainOfThoughtAgent");
    JsonNode state = u.state();
    assertThat(state.path("lazyloader").path("queue").size()).isZero();
    assertThat(state.path("agents").path("GoTToTAgent").path("healthy").asBoolean()).isTrue();
    assertThat(state.path("agents").path("ChainOfThoughtAgent").path("healthy").asBoolean())
        .isTrue();
    assertThat(u.audit(id)).isEmpty();
  }

  @Test
  void anEssentialDependencyThatIsDownIsRestarted() {
    Unified u = Unified.fresh();
    u.inject(
        "slow_loading", Map.of("agent", "FaceRecognitionAgent", "blocker", "RequestCoordinator"));

    String id = u.fire("SlowAgentLoading", LABELS);
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("dependency", "restart_dependency", "dependency_healthy", "drained")
        .doesNotContain("load_dependency");
    assertThat(u.requests()).containsExactly("POST /agents/RequestCoordinator/restart");
    assertThat(u.audit(Unified.child(id, "restart_dependency", 1)))
        .containsExactly("restart unified/RequestCoordinator restarted");
    assertThat(u.agent("FaceRecognitionAgent").path("healthy").asBoolean()).isTrue();
    assertThat(u.state().path("lazyloader").path("queue").size()).isZero();
  }

  @Test
  void loadsThatKeepFailingGoToEngineeringWithTheLoaderErrors() {
    Unified u = Unified.fresh();
    u.inject("load_failure", Map.of("agent", "TranslationService"));
    u.awaitState(
        s -> s.path("lazyloader").path("failures").asInt() > 0,
        "the first load of TranslationService failed");

    String id = u.fire("SlowAgentLoading", LABELS);
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains(
            "queue",
            "retry_failed",
            "load_again",
            "drained",
            "loader_errors",
            "tell_engineering",
            "handed_over")
        .doesNotContain("done");
    assertThat(u.count("POST /agents/LazyLoader/load")).isEqualTo(1);
    // The LazyLoader keeps retrying in the background: the agent is never healthy, and crashed
    // on the manual attempt as on the others.
    JsonNode agent = u.agent("TranslationService");
    assertThat(agent.path("healthy").asBoolean()).isFalse();
    assertThat(agent.path("crashes").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(agent.path("last_error").asText()).contains("FileNotFoundError");
    assertThat(u.state().path("lazyloader").path("queue").size()).isEqualTo(1);
    JsonNode message = u.engineering().path(0).path("body");
    assertThat(message.path("text").asText()).contains("does not drain", "TranslationService");
    assertThat(message.toString()).contains("FileNotFoundError");
    assertThat(u.audit(id)).containsExactly("escalate.trigger engineering delivered");
  }
}
