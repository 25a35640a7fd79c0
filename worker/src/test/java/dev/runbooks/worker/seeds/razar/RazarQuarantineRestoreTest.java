package dev.runbooks.worker.seeds.razar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 004 "Quarantine management": runbooks-yaml/razar/razar-quarantine-restore. The happy path
 * (restore after a fix, both quarantines lifted) is the end of {@link RazarHeartbeatLossTest}.
 */
class RazarQuarantineRestoreTest {

  @Test
  void restoreOfAnUnfixedComponentFailsItsHealthCheckAndPages() {
    Razar r = Razar.fresh();
    r.inject("host_reboot", Map.of());
    r.inject("boot_failure", Map.of("component", "crown"));
    r.bootAndWait();

    String id =
        r.h.start(
            "razar-quarantine-restore",
            Map.of("base_url", r.base, "component", "crown", "engine_api", r.h.api()));
    JsonNode prompt = r.h.awaitApproval(id, Duration.ofSeconds(30));
    assertThat(prompt.toString()).contains("configuration", "connection refused");
    // The decider is the harness's token user (admin), whatever name the call gives.
    r.h.decide(id, true, "bob", "port fixed, I think");
    JsonNode run = r.await(id);

    assertThat(Razar.outcome(run)).as(Razar.describe(run)).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("entry", "confirm_restore", "resolve", "start", "healthy", "fails_again")
        .doesNotContain("clear_engine_quarantine");
    JsonNode state = r.state();
    // The module was returned and the resolution recorded before the start failed.
    assertThat(state.path("components").path("crown").path("moduleInPlace").asBoolean()).isTrue();
    assertThat(state.path("components").path("crown").path("status").asText()).isEqualTo("failed");
    assertThat(state.path("quarantineLog").asText()).contains("port fixed, I think (admin)");
    assertThat(r.h.pager().incident(id).path("summary").asText())
        .contains("crown fails again after leaving quarantine");
  }

  @Test
  void rejectedRestoreLeavesTheModuleInQuarantine() {
    Razar r = Razar.fresh();
    r.inject("host_reboot", Map.of());
    r.inject("boot_failure", Map.of("component", "crown"));
    r.bootAndWait();

    String id =
        r.h.start(
            "razar-quarantine-restore",
            Map.of("base_url", r.base, "component", "crown", "engine_api", ""));
    r.h.awaitApproval(id, Duration.ofSeconds(30));
    r.h.decide(id, false, "bob", "not fixed yet");
    JsonNode run = r.await(id);

    assertThat(Razar.outcome(run)).isEqualTo("failed");
    assertThat(SeedHarness.stepsRun(run)).doesNotContain("resolve", "start");
    assertThat(r.component("crown").path("status").asText()).isEqualTo("quarantined");
    assertThat(r.requests()).containsExactly("POST /boot");
  }
}
