package dev.runbooks.worker.seeds.miniminimoon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 "cpu_throttling" (scenario 3, full) and "cpu_throttling (Partial Recovery)" (scenario 6)
 * end to end: the orchestrator's workers, batch size and Monte Carlo iterations afterwards, CPU and
 * latency, and the escalations.
 */
class MiniminimoonCpuThrottlingTest {

  private static String config(JsonNode state) {
    JsonNode c = state.path("cpu").path("config");
    return "parallel "
        + c.path("parallel_processing").asBoolean()
        + " workers "
        + c.path("active_workers").asInt()
        + " batch "
        + c.path("embedding_batch_size").asInt()
        + " mc "
        + c.path("monte_carlo_iterations").asInt();
  }

  private static String output(JsonNode run, String step, String name) {
    for (JsonNode s : run.path("report").path("steps")) {
      if (s.path("id").asText().equals(step)) {
        return s.path("outputs").path(name).asText();
      }
    }
    return null;
  }

  @Test
  void saturatedCpuRecoversWithOneWorkerAndSmallBatchesAndEngineeringHearsOfTheHeat() {
    Moon moon = Moon.fresh();
    moon.inject("cpu_throttling", Map.of());
    assertThat(moon.state().path("recovered").asBoolean()).isFalse();

    String id = moon.fire("MiniminimoonCpuSaturated", "critical");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .containsExactly("reduce_workers", "verify", "thermal", "done");
    JsonNode state = moon.state();
    assertThat(config(state)).isEqualTo("parallel false workers 1 batch 8 mc 1000");
    assertThat(state.path("recovered").asBoolean()).isTrue();
    assertThat(state.path("cpu").path("cpu_percent").asDouble()).isLessThan(85.0);
    assertThat(state.path("health").path("latency").path("p99_seconds").asDouble())
        .isLessThanOrEqualTo(5.0);
    assertThat(moon.requests("/config")).hasSize(1);
    assertThat(moon.engineeringMessages())
        .singleElement()
        .asString()
        .contains("thermally throttled");
    assertThat(moon.incidents().size()).isZero();
    assertThat(moon.audit(id)).containsExactly("thermal escalate.trigger engineering delivered");
  }

  @Test
  void anotherProcessHoldingTheCpuIsPagedAfterTheWorkerReduction() {
    Moon moon = Moon.fresh();
    moon.inject("cpu_hog", Map.of());

    String id = moon.fire("MiniminimoonCpuSaturated", "critical");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .containsExactly("reduce_workers", "verify", "page_cpu", "still_saturated");
    JsonNode state = moon.state();
    assertThat(config(state)).isEqualTo("parallel false workers 1 batch 8 mc 1000");
    assertThat(state.path("recovered").asBoolean()).isFalse();
    JsonNode incident = moon.incidents().path(id);
    assertThat(incident.path("severity").asText()).isEqualTo("critical");
    assertThat(incident.path("customDetails").toString()).contains("backup-compress");
    assertThat(moon.audit(id)).containsExactly("page_cpu escalate.trigger oncall delivered");
  }

  @Test
  void heavyLoadGetsTheMiddleRowOfTheAdaptiveTable() {
    Moon moon = Moon.fresh();
    moon.inject("cpu_partial", Map.of());
    assertThat(moon.state().path("cpu").path("cpu_percent").asDouble()).isBetween(70.0, 85.0);

    String id = moon.fire("MiniminimoonCpuHigh", "warning");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run)).containsExactly("adapt", "verify", "done");
    assertThat(output(run, "adapt", "rule")).isEqualTo("rules[1]");
    JsonNode state = moon.state();
    assertThat(config(state)).isEqualTo("parallel true workers 4 batch 16 mc 2500");
    assertThat(state.path("recovered").asBoolean()).isTrue();
    assertThat(moon.engineeringMessages()).isEmpty();
    assertThat(moon.audit(id)).isEmpty();
  }

  @Test
  void loadAboveEightyFivePercentGetsTheLowCpuRow() {
    Moon moon = Moon.fresh();
    moon.inject("cpu_partial", Map.of("load_factor", 2.5));
    assertThat(moon.state().path("cpu").path("cpu_percent").asDouble()).isBetween(85.0, 90.0);

    String id = moon.fire("MiniminimoonCpuHigh", "warning");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(output(run, "adapt", "rule")).isEqualTo("rules[0]");
    assertThat(config(moon.state())).isEqualTo("parallel false workers 1 batch 8 mc 1000");
    assertThat(moon.state().path("recovered").asBoolean()).isTrue();
  }

  @Test
  void loadThatTheAdaptiveConfigurationCannotRelieveGoesToEngineering() {
    Moon moon = Moon.fresh();
    moon.inject("cpu_partial", Map.of());
    moon.inject("cpu_hog", Map.of("cores", 6));

    String id = moon.fire("MiniminimoonCpuHigh", "warning");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .containsExactly("adapt", "verify", "tell_engineering", "still_loaded");
    assertThat(moon.state().path("recovered").asBoolean()).isFalse();
    assertThat(moon.engineeringMessages()).singleElement().asString().contains("CPU still loaded");
    assertThat(moon.incidents().size()).isZero();
    assertThat(moon.audit(id))
        .containsExactly("tell_engineering escalate.trigger engineering delivered");
  }
}
