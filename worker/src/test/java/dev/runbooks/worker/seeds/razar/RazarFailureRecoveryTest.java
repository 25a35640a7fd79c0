package dev.runbooks.worker.seeds.razar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seed 004 "RAZAR failure runbook": runbooks-yaml/razar/razar-failure-recovery. */
class RazarFailureRecoveryTest {
  private static final String ALERT = "RazarBootFailed";

  @Test
  void brokenEnvironmentIsRebuiltAndTheFullSequenceRerun() {
    Razar r = Razar.fresh();
    String hashBefore = r.state().path("envHash").asText();
    r.inject("host_reboot", Map.of());
    r.inject("env_broken", Map.of());
    JsonNode failed = r.bootAndWait();
    assertThat(failed.path("state").asText()).isEqualTo("failed");
    assertThat(failed.path("error").asText()).contains("ModuleNotFoundError");

    String id = r.h.fire("razar", ALERT, Map.of("severity", "critical")).get(0);
    JsonNode run = r.await(id);

    assertThat(Razar.outcome(run)).as(Razar.describe(run)).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .containsExactly(
            "summary",
            "failed_boot",
            "reset_state",
            "rebuild",
            "rerun",
            "booted",
            "quarantine",
            "recovered");
    JsonNode state = r.state();
    assertThat(state.path("envHash").asText()).isNotEqualTo(hashBefore);
    assertThat(state.path("envBroken").asBoolean()).isFalse();
    assertThat(state.path("boot").path("state").asText()).isEqualTo("complete");
    assertThat(state.path("boot").path("sequence").size()).isEqualTo(4);
    assertThat(state.path("razarState").path("complete").asBoolean()).isTrue();
    for (JsonNode c : state.path("components")) {
      assertThat(c.path("status").asText()).as(c.path("name").asText()).isEqualTo("running");
    }
    // An environment problem is not the component's fault: nothing was quarantined.
    assertThat(state.path("quarantined").isMissingNode()).isTrue();
    assertThat(r.requests())
        .containsExactly("POST /boot", "DELETE /state", "POST /environment/rebuild", "POST /boot");
  }

  @Test
  void componentThatStillFailsStaysInQuarantineForEngineering() {
    Razar r = Razar.fresh();
    r.inject("host_reboot", Map.of());
    r.inject("boot_failure", Map.of("component", "crown"));
    assertThat(r.bootAndWait().path("failed_component").asText()).isEqualTo("crown");

    String id = r.h.fire("razar", ALERT, Map.of("severity", "critical")).get(0);
    JsonNode run = r.await(id);

    assertThat(Razar.outcome(run)).as(Razar.describe(run)).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("reset_state", "rebuild", "rerun", "quarantine", "review_quarantine", "degraded")
        .doesNotContain("page_still_failing");
    JsonNode state = r.state();
    assertThat(state.path("boot").path("skipped").toString()).contains("crown");
    assertThat(state.path("components").path("chakra_monitor").path("status").asText())
        .isEqualTo("running");
    assertThat(state.path("components").path("crown").path("status").asText())
        .isEqualTo("quarantined");
    JsonNode slack = r.h.pager().state().path("messages").path("engineering");
    assertThat(slack.size()).isEqualTo(1);
    assertThat(slack.get(0).path("body").toString()).contains("crown", "configuration");
  }
}
