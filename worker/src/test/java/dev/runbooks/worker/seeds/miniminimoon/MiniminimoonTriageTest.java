package dev.runbooks.worker.seeds.miniminimoon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 "General Troubleshooting Workflow" end to end: the symptom alert starts the triage, the
 * severity it grades decides what runs (a scenario runbook, a notice, or a page), and the testbed
 * shows the result.
 */
class MiniminimoonTriageTest {
  private static final String DEGRADED = "MiniminimoonPipelineDegraded";

  private static String severity(JsonNode run) {
    for (JsonNode step : run.path("report").path("steps")) {
      if (step.path("id").asText().equals("health")) {
        return step.path("outputs").path("severity").asText();
      }
    }
    return "";
  }

  /** The run of a scenario runbook the triage called from a step. */
  private static JsonNode child(Moon moon, String triage, String step) {
    return moon.h.awaitRun(triage + "/" + step + "/1", Duration.ofSeconds(10));
  }

  @Test
  void criticalNetworkOutageRunsTheFullNetworkRunbook() {
    Moon moon = Moon.fresh();
    moon.inject("network_failure", Map.of());

    String id = moon.fire(DEGRADED, "warning");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(severity(run)).isEqualTo("critical");
    assertThat(SeedHarness.stepsRun(run))
        .contains("health", "recent_errors", "grade", "network_full", "verify", "resolved")
        .doesNotContain("disk_full", "disk_partial", "cpu_full", "cpu_partial", "network_partial");
    JsonNode child = child(moon, id, "network_full");
    assertThat(SeedHarness.stepsRun(child)).contains("go_offline", "tell_network_team");
    JsonNode state = moon.state();
    assertThat(state.path("recovered").asBoolean()).isTrue();
    assertThat(state.path("network").path("config").path("mode").asText()).isEqualTo("offline");
    assertThat(moon.incidents().size()).isZero();
  }

  @Test
  void majorLatencyFromAThrottledCpuRunsTheFullCpuRunbook() {
    Moon moon = Moon.fresh();
    moon.inject("cpu_throttling", Map.of());

    String id = moon.fire(DEGRADED, "warning");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(severity(run)).isEqualTo("major");
    assertThat(SeedHarness.stepsRun(run))
        .contains("cpu_full", "verify")
        .doesNotContain("cpu_partial");
    JsonNode state = moon.state();
    assertThat(state.path("cpu").path("config").path("active_workers").asInt()).isEqualTo(1);
    assertThat(state.path("cpu").path("config").path("embedding_batch_size").asInt()).isEqualTo(8);
    assertThat(state.path("recovered").asBoolean()).isTrue();
  }

  @Test
  void minorWriteFailuresOnAnAlmostFullDiskRunThePartialDiskRunbook() {
    Moon moon = Moon.fresh();
    moon.inject("disk_partial", Map.of("used_percent", 90));

    String id = moon.fire(DEGRADED, "warning");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(severity(run)).isEqualTo("minor");
    assertThat(SeedHarness.stepsRun(run))
        .contains("disk_partial", "verify")
        .doesNotContain("disk_full");
    assertThat(SeedHarness.stepsRun(child(moon, id, "disk_partial"))).contains("cleanup");
    JsonNode state = moon.state();
    assertThat(state.path("recovered").asBoolean()).isTrue();
    assertThat(state.path("storage").path("free_percent").asDouble()).isGreaterThan(15.0);
    assertThat(moon.requests("/storage/cleanup")).hasSize(1);
  }

  @Test
  void warningChangesNothingAndTellsEngineering() {
    Moon moon = Moon.fresh();
    moon.inject("disk_partial", Map.of("used_percent", 82));
    double used = moon.state().path("storage").path("used_percent").asDouble();

    String id = moon.fire(DEGRADED, "warning");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(severity(run)).isEqualTo("warning");
    assertThat(SeedHarness.stepsRun(run))
        .contains("notify_warning", "warning_only")
        .doesNotContain("disk_partial", "disk_full", "verify");
    assertThat(moon.requests("/storage/cleanup")).isEmpty();
    assertThat(moon.requests("/storage/mode")).isEmpty();
    assertThat(moon.state().path("storage").path("used_percent").asDouble())
        .isGreaterThanOrEqualTo(used - 1);
    assertThat(moon.engineeringMessages())
        .singleElement()
        .asString()
        .contains("degraded but functional");
    assertThat(moon.incidents().size()).isZero();
    assertThat(moon.audit(id))
        .containsExactly("notify_warning escalate.trigger engineering delivered");
  }

  @Test
  void criticalWithNoKnownCausePagesTheOnCallEngineer() {
    Moon moon = Moon.fresh();
    moon.inject("component_crash", Map.of("component", "dag_validation"));

    String id = moon.fire(DEGRADED, "warning");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("escalated");
    assertThat(severity(run)).isEqualTo("critical");
    assertThat(SeedHarness.stepsRun(run))
        .contains("page_unknown_critical", "unknown_cause")
        .doesNotContain("page_unknown_major", "tell_unknown", "network_full", "verify");
    JsonNode incident = moon.incidents().path(id);
    assertThat(incident.path("status").asText()).isEqualTo("triggered");
    assertThat(incident.path("severity").asText()).isEqualTo("critical");
    assertThat(incident.path("summary").asText()).contains("pipeline halted");
    assertThat(moon.requests("/network/config")).isEmpty();
    assertThat(moon.requests("/config")).isEmpty();
    assertThat(moon.state().path("recovered").asBoolean()).isFalse();
    assertThat(moon.audit(id))
        .containsExactly("page_unknown_critical escalate.trigger oncall delivered");
  }

  @Test
  void aScenarioRunbookThatPagedIsNotPagedAgain() {
    Moon moon = Moon.fresh();
    moon.inject("cache_evicted", Map.of());
    moon.inject("network_failure", Map.of());

    String id = moon.fire(DEGRADED, "warning");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("escalated");
    assertThat(severity(run)).isEqualTo("critical");
    assertThat(SeedHarness.stepsRun(run))
        .contains("network_full", "unresolved", "already_escalated")
        .doesNotContain("page_unresolved_critical", "verify", "resolved");
    String childId = id + "/network_full/1";
    assertThat(Moon.outcome(child(moon, id, "network_full"))).isEqualTo("escalated");
    assertThat(moon.incidents().size()).as("one page, by the scenario runbook").isEqualTo(1);
    assertThat(moon.incidents().path(childId).path("severity").asText()).isEqualTo("critical");
    assertThat(moon.audit(id)).isEmpty();
    assertThat(moon.audit(childId))
        .containsExactly("page_offline_refused escalate.trigger oncall delivered");
  }

  @Test
  void aPipelineThatIsHealthyAgainNeedsNothing() {
    Moon moon = Moon.fresh();

    String id = moon.fire(DEGRADED, "warning");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(severity(run)).isEqualTo("none");
    assertThat(SeedHarness.stepsRun(run)).contains("healthy_now").doesNotContain("verify");
    assertThat(moon.requests("/network/config")).isEmpty();
    assertThat(moon.engineeringMessages()).isEmpty();
  }
}
