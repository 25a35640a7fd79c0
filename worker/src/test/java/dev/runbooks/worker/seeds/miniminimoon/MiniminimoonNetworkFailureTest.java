package dev.runbooks.worker.seeds.miniminimoon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 "network_failure" (scenario 1, full) and "network_failure (Partial Recovery)" (scenario
 * 4) end to end: fault injected, alert fired through the webhook, the run's path, outcome, the
 * testbed's mode and health afterwards, the audit trail and the escalations.
 */
class MiniminimoonNetworkFailureTest {

  @Test
  void fullOutageRunsOfflineOnTheCachedModelsAndTellsEngineeringTheNetworkIsStillDown() {
    Moon moon = Moon.fresh();
    moon.inject("network_failure", Map.of("cause", "upstream"));
    assertThat(moon.state().path("recovered").asBoolean()).isFalse();

    String id = moon.fire("MiniminimoonNetworkDown", "critical");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .containsSubsequence(
            "go_offline",
            "diagnose",
            "verify",
            "test_plan",
            "restart_network",
            "connectivity",
            "tell_network_team",
            "done")
        .doesNotContain("page_offline_refused", "back_online");
    JsonNode state = moon.state();
    assertThat(state.path("recovered").asBoolean()).isTrue();
    assertThat(state.path("network").path("config").path("mode").asText()).isEqualTo("offline");
    assertThat(state.path("network").path("outage").asBoolean()).as("still down").isTrue();
    assertThat(moon.requests("/network/config")).hasSize(1);
    assertThat(moon.requests("/network/restart")).hasSize(1);
    assertThat(moon.engineeringMessages())
        .singleElement()
        .asString()
        .contains("runs offline on cached models", "upstream");
    assertThat(moon.incidents().size()).isZero();
    assertThat(moon.audit(id))
        .containsExactly("tell_network_team escalate.trigger engineering delivered");
  }

  @Test
  void outageOfTheNetworkServiceEndsWithARestartAndTheRunReturnsOnline() {
    Moon moon = Moon.fresh();
    moon.inject("network_failure", Map.of("cause", "service"));

    String id = moon.fire("MiniminimoonNetworkDown", "critical");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .containsSubsequence("go_offline", "restart_network", "connectivity", "back_online")
        .doesNotContain("tell_network_team");
    JsonNode state = moon.state();
    assertThat(state.path("recovered").asBoolean()).isTrue();
    assertThat(state.path("network").path("outage").asBoolean()).isFalse();
    assertThat(state.path("network").path("config").path("mode").asText()).isEqualTo("online");
    assertThat(moon.requests("/network/config"))
        .extracting(r -> r.path("body").path("mode").asText())
        .containsExactly("offline", "online");
    assertThat(moon.engineeringMessages()).isEmpty();
    assertThat(moon.audit(id)).isEmpty();
  }

  @Test
  void outageWithoutCachedModelsPagesTheOnCallEngineerAndChangesNothing() {
    Moon moon = Moon.fresh();
    moon.inject("cache_evicted", Map.of());
    moon.inject("network_failure", Map.of());

    String id = moon.fire("MiniminimoonNetworkDown", "critical");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .containsExactly("go_offline", "cache_check", "page_offline_refused", "offline_refused");
    JsonNode incident = moon.incidents().path(id);
    assertThat(incident.path("status").asText()).isEqualTo("triggered");
    assertThat(incident.path("severity").asText()).isEqualTo("critical");
    assertThat(incident.path("summary").asText())
        .contains("offline mode refused", "no cached model");
    assertThat(incident.path("customDetails").path("cache").path("complete").asBoolean()).isFalse();
    JsonNode state = moon.state();
    assertThat(state.path("recovered").asBoolean()).isFalse();
    assertThat(state.path("network").path("config").path("mode").asText()).isEqualTo("online");
    assertThat(moon.requests("/network/config"))
        .as("offline mode was asked for, and refused")
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.path("body").path("mode").asText()).isEqualTo("offline"));
    assertThat(moon.audit(id))
        .containsExactly("page_offline_refused escalate.trigger oncall delivered");
  }

  @Test
  void packetLossIsHandledInHybridModeAndTheRunReturnsOnlineOnceTheNetworkIsStable() {
    Moon moon = Moon.fresh();
    moon.inject("network_partial", Map.of());
    assertThat(moon.state().path("recovered").asBoolean()).isFalse();

    String id = moon.fire("MiniminimoonNetworkIntermittent", "warning");
    // The network settles while the run watches it.
    moon.awaitState(
        s -> s.path("network").path("config").path("mode").asText().equals("hybrid"),
        "hybrid mode");
    moon.clear("network_partial");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .containsSubsequence("hybrid", "diagnose", "verify", "monitor", "back_online", "done")
        .doesNotContain("tell_engineering_unstable", "full_outage");
    assertThat(moon.requests("/network/config"))
        .extracting(
            r ->
                r.path("body").path("mode").asText()
                    + " retries "
                    + r.path("body").path("max_retries").asInt()
                    + " backoff "
                    + r.path("body").path("backoff_base_seconds").asDouble())
        .containsExactly("hybrid retries 5 backoff 2.0", "online retries 3 backoff 1.0");
    JsonNode config = moon.state().path("network").path("config");
    assertThat(config.path("mode").asText()).isEqualTo("online");
    assertThat(config.path("max_retries").asInt()).isEqualTo(3);
    assertThat(moon.state().path("recovered").asBoolean()).isTrue();
    assertThat(moon.audit(id)).isEmpty();
  }

  @Test
  void packetLossThatGoesOnKeepsHybridModeAndTellsEngineering() {
    Moon moon = Moon.fresh();
    moon.inject("network_partial", Map.of());

    String id = moon.fire("MiniminimoonNetworkIntermittent", "warning");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .containsSubsequence("hybrid", "verify", "monitor", "tell_engineering_unstable", "done")
        .doesNotContain("back_online");
    JsonNode state = moon.state();
    assertThat(state.path("recovered").asBoolean()).isTrue();
    assertThat(state.path("network").path("config").path("mode").asText()).isEqualTo("hybrid");
    assertThat(state.path("network").path("config").path("max_retries").asInt()).isEqualTo(5);
    assertThat(moon.engineeringMessages()).singleElement().asString().contains("hybrid mode");
    assertThat(moon.audit(id))
        .containsExactly("tell_engineering_unstable escalate.trigger engineering delivered");
  }

  @Test
  void packetLossToAnUncachedModelCannotBeFixedByHybridModeAndGoesToEngineering() {
    Moon moon = Moon.fresh();
    moon.inject("cache_evicted", Map.of());
    moon.inject("network_partial", Map.of());

    String id = moon.fire("MiniminimoonNetworkIntermittent", "warning");
    JsonNode run = moon.await(id);

    assertThat(Moon.outcome(run)).as(run.toString()).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .containsSubsequence(
            "hybrid", "diagnose", "verify", "tell_engineering_degraded", "still_degraded");
    JsonNode state = moon.state();
    assertThat(state.path("recovered").asBoolean()).isFalse();
    assertThat(state.path("network").path("config").path("mode").asText()).isEqualTo("hybrid");
    assertThat(
            state
                .path("health")
                .path("components")
                .path("responsibility_detection")
                .path("status")
                .asText())
        .isEqualTo("degraded");
    assertThat(moon.engineeringMessages())
        .singleElement()
        .asString()
        .contains("nodes still failing in hybrid mode");
    assertThat(moon.incidents().size()).isZero();
    assertThat(moon.audit(id))
        .containsExactly("tell_engineering_degraded escalate.trigger engineering delivered");
  }
}
