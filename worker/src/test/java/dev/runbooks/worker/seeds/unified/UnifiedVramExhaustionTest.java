package dev.runbooks.worker.seeds.unified;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** unified-vram-exhaustion: the VRAMExhaustion alert, end to end. */
class UnifiedVramExhaustionTest {

  private static final Map<String, String> LABELS = Map.of("severity", "critical");

  @Test
  void aForcedCleanupFreesCachedVram() {
    Unified u = Unified.fresh();
    u.inject("vram_exhaustion", Map.of());
    assertThat(u.state().path("gpu").path("used_percent").asDouble()).isGreaterThan(95);

    String id = u.fire("VRAMExhaustion", LABELS);
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("gpu", "cleanup", "after_cleanup", "cleaned")
        .doesNotContain("reduce_load", "page");
    assertThat(u.requests()).containsExactly("POST /agents/VRAMOptimizerAgent/vram/cleanup");
    JsonNode state = u.state();
    assertThat(state.path("gpu").path("used_percent").asDouble()).isLessThan(90);
    assertThat(state.path("gpu").path("limit_mb").asInt()).isEqualTo(4000);
    assertThat(state.path("vram_cleanups").asInt()).isEqualTo(1);
    assertThat(u.audit(id)).isEmpty();
    // The cleanup request changed the system, so the audit trail has it.
    assertThat(u.httpAudit(id))
        .containsExactly("http.post /agents/VRAMOptimizerAgent/vram/cleanup ok");
  }

  @Test
  void aLowerVramLimitUnloadsModelsWhenCleanupIsNotEnough() {
    Unified u = Unified.fresh();
    u.inject("vram_exhaustion", Map.of("extraModelMb", 3000));

    String id = u.fire("VRAMExhaustion", LABELS);
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains(
            "cleanup",
            "after_cleanup",
            "reduce_load",
            "after_reduce",
            "tell_engineering",
            "reduced")
        .doesNotContain("cleaned", "page");
    assertThat(u.requests())
        .containsExactly(
            "POST /agents/VRAMOptimizerAgent/vram/cleanup",
            "POST /agents/ModelManagerSuite/vram/limit");
    assertThat(
            u.bodies("POST", "/agents/ModelManagerSuite/vram/limit")
                .get(0)
                .path("limit_mb")
                .asInt())
        .isEqualTo(2000);
    JsonNode gpu = u.state().path("gpu");
    assertThat(gpu.path("limit_mb").asInt()).isEqualTo(2000);
    assertThat(gpu.path("used_percent").asDouble()).isLessThan(90);
    assertThat(gpu.path("models").toString()).doesNotContain("llama-3-8b-instruct-q4");
    assertThat(u.engineering().size()).isEqualTo(1);
    assertThat(u.engineering().path(0).path("body").path("text").asText())
        .contains("VRAM_LIMIT_MB lowered to 2000");
    assertThat(u.audit(id)).containsExactly("escalate.trigger engineering delivered");
    assertThat(u.incidents().size()).isZero();
  }

  @Test
  void vramHeldByADefunctProcessIsPaged() {
    Unified u = Unified.fresh();
    u.inject("vram_exhaustion", Map.of("defunctMb", 6500));

    String id = u.fire("VRAMExhaustion", LABELS);
    JsonNode run = u.await(id);

    assertThat(Unified.outcome(run)).as(run.toString()).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("cleanup", "reduce_load", "still_exhausted", "page", "handed_over")
        .doesNotContain("cleaned", "reduced", "tell_engineering");
    assertThat(u.count("POST /agents/VRAMOptimizerAgent/vram/cleanup")).isEqualTo(1);
    assertThat(u.count("POST /agents/ModelManagerSuite/vram/limit")).isEqualTo(1);
    assertThat(u.state().path("gpu").path("used_percent").asDouble()).isGreaterThan(95);
    JsonNode incident = u.incidents().path(id);
    assertThat(incident.path("summary").asText()).contains("still exhausted");
    assertThat(incident.path("customDetails").path("processes").toString()).contains("<defunct>");
    assertThat(u.audit(id)).containsExactly("escalate.trigger oncall delivered");
  }
}
