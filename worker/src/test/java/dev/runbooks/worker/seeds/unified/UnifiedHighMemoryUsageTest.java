package dev.runbooks.worker.seeds.unified;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** unified-high-memory-usage: the HighMemoryUsage alert, end to end. */
class UnifiedHighMemoryUsageTest {

  private static final Map<String, String> LABELS = Map.of("severity", "warning");

  /** Waits until memory is over the core budget, as Prometheus would before the alert fires. */
  private static void overBudget(Unified u) {
    u.awaitState(s -> s.path("memory_mb").asInt() > 2048, "memory above the 2048 MB core budget");
  }

  @Test
  void aTemporaryRiseSettlesWithoutARestart() {
    Unified u = Unified.fresh();
    u.inject("memory_spike", Map.of("agent", "KnowledgeBase", "mb", 800, "seconds", 5));
    overBudget(u);

    String id = u.fire("HighMemoryUsage", LABELS);
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("usage", "monitor", "settled")
        .doesNotContain("culprit", "restart_culprit");
    assertThat(u.requests()).isEmpty();
    assertThat(u.state().path("memory_mb").asInt()).isLessThan(2048);
    assertThat(u.agent("KnowledgeBase").path("starts").asInt()).isEqualTo(1);
    assertThat(u.audit(id)).isEmpty();
  }

  @Test
  void aLeakingAgentIsRestartedAndStopsGrowing() {
    Unified u = Unified.fresh();
    u.inject("memory_leak", Map.of("agent", "SessionMemoryAgent"));
    overBudget(u);

    String id = u.fire("HighMemoryUsage", LABELS);
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("monitor", "culprit", "restart_culprit", "watch", "after", "done")
        .doesNotContain("settled", "leak_persists");
    assertThat(run.toString()).contains("restarted SessionMemoryAgent");
    assertThat(u.requests()).containsExactly("POST /agents/SessionMemoryAgent/restart");
    JsonNode agent = u.agent("SessionMemoryAgent");
    assertThat(agent.path("memory_mb").asInt()).isEqualTo(agent.path("baseline_memory_mb").asInt());
    assertThat(agent.path("memory_growth_mb_per_min").asInt()).isZero();
    assertThat(u.state().path("memory_mb").asInt()).isLessThan(2048);
    assertThat(u.audit(Unified.child(id, "restart_culprit", 1)))
        .containsExactly("restart unified/SessionMemoryAgent restarted");
    assertThat(u.engineering().size()).isZero();
  }

  @Test
  void aLeakThatComesBackAfterTheRestartGoesToEngineering() {
    Unified u = Unified.fresh();
    u.inject("memory_leak", Map.of("agent", "KnowledgeBase", "persistent", true));
    overBudget(u);

    String id = u.fire("HighMemoryUsage", LABELS);
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("culprit", "restart_culprit", "after", "leak_persists", "handed_over")
        .doesNotContain("done");
    assertThat(u.count("POST /agents/KnowledgeBase/restart")).isEqualTo(1);
    assertThat(u.agent("KnowledgeBase").path("memory_growth_mb_per_min").asInt()).isPositive();
    assertThat(u.engineering().size()).isEqualTo(1);
    assertThat(u.engineering().path(0).path("body").path("text").asText())
        .contains("KnowledgeBase leaks memory", "possible bug");
    assertThat(u.audit(id)).containsExactly("escalate.trigger engineering delivered");
    assertThat(u.incidents().size()).isZero();
  }
}
