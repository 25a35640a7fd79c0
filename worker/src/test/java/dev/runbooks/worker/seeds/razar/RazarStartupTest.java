package dev.runbooks.worker.seeds.razar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seed 004 "RAZAR startup": runbooks-yaml/razar/razar-startup (started by hand). */
class RazarStartupTest {

  @Test
  void bootResumesAfterTheLastGoodComponent() {
    Razar r = Razar.fresh();
    r.inject("interrupted_boot", Map.of("after", "memory_store"));
    int readyBefore = r.ready().size();

    JsonNode run = r.await(r.h.start("razar-startup", Map.of("base_url", r.base)));

    assertThat(Razar.outcome(run)).as(Razar.describe(run)).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .containsExactly("last_good", "boot", "booted", "health", "ready");
    JsonNode state = r.state();
    assertThat(state.path("boot").path("resumed_after").asText()).isEqualTo("memory_store");
    assertThat(r.ready().subList(readyBefore, r.ready().size()))
        .containsExactly("crown", "chakra_monitor");
    assertThat(state.path("razarState").path("last_component").asText())
        .isEqualTo("chakra_monitor");
    assertThat(state.path("razarState").path("complete").asBoolean()).isTrue();
    for (JsonNode c : state.path("components")) {
      assertThat(c.path("status").asText()).as(c.path("name").asText()).isEqualTo("running");
    }
    assertThat(run.path("report").path("message").asText())
        .contains(state.path("envHash").asText());
    assertThat(r.requests()).containsExactly("POST /boot");
  }

  @Test
  void freshBootRemovesTheStateAndStartsEveryComponentByPriority() {
    Razar r = Razar.fresh();
    r.inject("interrupted_boot", Map.of("after", "memory_store"));
    int readyBefore = r.ready().size();

    JsonNode run = r.await(r.h.start("razar-startup", Map.of("base_url", r.base, "fresh", true)));

    assertThat(Razar.outcome(run)).as(Razar.describe(run)).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run)).contains("remove_state", "boot", "booted");
    assertThat(r.ready().subList(readyBefore, r.ready().size()))
        .containsExactly("gateway", "memory_store", "crown", "chakra_monitor");
    assertThat(r.requests()).containsExactly("DELETE /state", "POST /boot");
    assertThat(r.state().path("boot").path("resumed_after").isNull()).isTrue();
  }

  @Test
  void componentThatFailsItsStartIsQuarantinedAndTheBootPaged() {
    Razar r = Razar.fresh();
    r.inject("host_reboot", Map.of());
    r.inject("boot_failure", Map.of("component", "crown"));

    String id = r.h.start("razar-startup", Map.of("base_url", r.base, "fresh", true));
    JsonNode run = r.await(id);

    assertThat(Razar.outcome(run)).as(Razar.describe(run)).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run)).contains("quarantine", "page_boot_failed", "boot_failed");
    JsonNode state = r.state();
    // The last good component is recorded; crown's module moved to quarantine/ with metadata.
    assertThat(state.path("razarState").path("last_component").asText()).isEqualTo("memory_store");
    assertThat(state.path("razarState").path("complete").asBoolean()).isFalse();
    assertThat(state.path("components").path("crown").path("status").asText())
        .isEqualTo("quarantined");
    assertThat(state.path("components").path("crown").path("moduleInPlace").asBoolean()).isFalse();
    assertThat(state.path("quarantined").path("crown").path("issue_type").asText())
        .isEqualTo("configuration");
    assertThat(state.path("quarantineLog").asText()).contains("| crown | quarantined |");
    assertThat(state.path("components").path("chakra_monitor").path("status").asText())
        .isEqualTo("stopped");
    JsonNode incident = r.h.pager().incident(id);
    assertThat(incident.path("summary").asText())
        .contains("boot failed at crown", "connection refused");
  }
}
