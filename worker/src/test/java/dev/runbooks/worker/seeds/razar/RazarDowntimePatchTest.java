package dev.runbooks.worker.seeds.razar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seed 004 "Downtime and patching": runbooks-yaml/razar/razar-downtime-patch. */
class RazarDowntimePatchTest {
  private static final Map<String, Object> PATCH =
      Map.of("version", "2.4.1", "summary", "bounded vector cache");

  @Test
  void shutdownPatchResumeCycleIsRecordedInRecoveryState() {
    Razar r = Razar.fresh();

    JsonNode run =
        r.await(
            r.h.start(
                "razar-downtime-patch",
                Map.of("base_url", r.base, "component", "memory_store", "patch", PATCH)));

    assertThat(Razar.outcome(run)).as(Razar.describe(run)).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .containsExactly(
            "before", "shutdown", "apply_patch", "resume", "healthy", "recovery_state", "done");
    assertThat(r.requests())
        .containsExactly(
            "POST /recovery/memory_store/shutdown",
            "POST /recovery/memory_store/patch",
            "POST /recovery/memory_store/resume");
    JsonNode state = r.state();
    JsonNode recovery = state.path("recoveryState").path("memory_store");
    assertThat(recovery.path("events").findValuesAsText("event"))
        .containsExactly("shutdown", "patch", "resume");
    assertThat(recovery.path("events").get(1).path("details").path("version").asText())
        .isEqualTo("2.4.1");
    assertThat(state.path("components").path("memory_store").path("healthy").asBoolean()).isTrue();
    assertThat(state.path("components").path("memory_store").path("patched").asBoolean()).isTrue();
  }

  @Test
  void patchThatBreaksTheComponentQuarantinesItAndPages() {
    Razar r = Razar.fresh();
    r.inject("patch_breaks", Map.of("component", "memory_store"));

    String id =
        r.h.start(
            "razar-downtime-patch",
            Map.of("base_url", r.base, "component", "memory_store", "patch", PATCH));
    JsonNode run = r.await(id);

    assertThat(Razar.outcome(run)).as(Razar.describe(run)).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("resume", "healthy", "recovery_state", "quarantine", "page_patch_failed");
    JsonNode state = r.state();
    assertThat(state.path("components").path("memory_store").path("status").asText())
        .isEqualTo("quarantined");
    assertThat(state.path("quarantined").path("memory_store").path("issue_type").asText())
        .isEqualTo("patch");
    assertThat(
            List.of(state.path("recoveryState").path("memory_store").path("last_event").asText()))
        .containsExactly("resume");
    assertThat(r.h.pager().incident(id).path("summary").asText())
        .contains("memory_store did not come back after patch");
  }

  @Test
  void refusedPatchFailsTheRunAndItsCompensationResumesTheComponent() {
    Razar r = Razar.fresh();
    r.inject("patch_rejected", Map.of("component", "memory_store"));

    JsonNode run =
        r.await(
            r.h.start(
                "razar-downtime-patch",
                Map.of("base_url", r.base, "component", "memory_store", "patch", PATCH)));

    assertThat(Razar.outcome(run)).as(Razar.describe(run)).isEqualTo("failed");
    JsonNode report = run.path("report");
    assertThat(report.path("failedStep").asText()).isEqualTo("apply_patch");
    assertThat(r.requests())
        .containsExactly(
            "POST /recovery/memory_store/shutdown",
            "POST /recovery/memory_store/patch",
            "POST /recovery/memory_store/resume");
    JsonNode compensation = report.path("compensations").get(0);
    assertThat(compensation.path("for").asText()).isEqualTo("shutdown");
    assertThat(compensation.path("status").asText()).isEqualTo("succeeded");
    JsonNode state = r.state();
    assertThat(state.path("components").path("memory_store").path("status").asText())
        .as("resumed by the compensation, not left down")
        .isIn("starting", "running");
    assertThat(state.path("components").path("memory_store").path("patched").asBoolean()).isFalse();
    assertThat(
            state
                .path("recoveryState")
                .path("memory_store")
                .path("events")
                .findValuesAsText("event"))
        .containsExactly("shutdown", "resume");
  }
}
