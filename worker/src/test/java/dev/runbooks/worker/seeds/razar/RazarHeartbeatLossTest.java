package dev.runbooks.worker.seeds.razar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 004 "Heartbeat polling and event routing" / "Health-check failure and recovery":
 * runbooks-yaml/razar/razar-heartbeat-loss, and razar-quarantine-restore after a restart loop.
 */
class RazarHeartbeatLossTest {
  private static final String ALERT = "RazarComponentHeartbeatLost";

  @Test
  void hungComponentIsRestartedOnceAndItsHeartbeatStays() {
    Razar r = Razar.fresh();
    r.inject("heartbeat_loss", Map.of("component", "memory_store"));

    String id = r.h.fire("razar", ALERT, Map.of("component", "memory_store")).get(0);
    JsonNode run = r.await(id);

    assertThat(Razar.outcome(run)).as(Razar.describe(run)).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("component", "restart_memory_store", "restart_outcome", "watch", "steady")
        .doesNotContain("restart_gateway", "quarantine", "lost_again");
    assertThat(r.requests()).containsExactly("POST /components/memory_store/restart");
    JsonNode component = r.component("memory_store");
    assertThat(component.path("healthy").asBoolean()).isTrue();
    assertThat(component.path("restarts").asInt()).isEqualTo(1);
    assertThat(r.state().path("faults").has("heartbeat_loss")).isFalse();
    assertThat(r.audit(id)).containsExactly("restart razar-memory_store restarted");
    assertThat(r.h.pager().state().path("incidents").size()).isZero();
  }

  @Test
  void restartLoopEndsInQuarantineAndAPageThenAnApprovedRestoreLiftsBoth() {
    Razar r = Razar.fresh();
    r.inject("crash_loop", Map.of("component", "crown", "afterSeconds", 3));

    // Three runs (by hand or by earlier alerts) each restart crown; it crashes again each time.
    for (int i = 1; i <= 3; i++) {
      JsonNode run =
          r.await(
              r.h.start("razar-heartbeat-loss", Map.of("base_url", r.base, "component", "crown")));
      assertThat(Razar.outcome(run))
          .as("run " + i + ": " + Razar.describe(run))
          .isEqualTo("failed");
      assertThat(SeedHarness.stepsRun(run)).contains("restart_crown", "watch", "lost_again");
    }
    assertThat(r.component("crown").path("restarts").asInt()).isEqualTo(3);

    // The fourth, from the alert: the loop guard refuses, RAZAR quarantines, on-call is paged.
    String id = r.h.fire("razar", ALERT, Map.of("component", "crown")).get(0);
    JsonNode run = r.await(id);

    assertThat(Razar.outcome(run)).as(Razar.describe(run)).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("restart_crown", "quarantine", "page_restart_loop", "restart_loop")
        .doesNotContain("watch");
    assertThat(r.requests().stream().filter(l -> l.equals("POST /components/crown/restart")))
        .hasSize(3);
    assertThat(r.audit(id))
        .hasSize(2)
        .startsWith("restart razar-crown quarantined")
        .anyMatch(a -> a.matches("escalate.trigger oncall .* delivered"));
    JsonNode state = r.state();
    assertThat(state.path("components").path("crown").path("status").asText())
        .isEqualTo("quarantined");
    assertThat(state.path("quarantined").path("crown").path("issue_type").asText())
        .isEqualTo("runtime");
    assertThat(state.path("quarantined").path("crown").path("quarantined_by").asText())
        .isEqualTo("razar-heartbeat-loss");
    JsonNode incident = r.h.pager().incident(id);
    assertThat(incident.path("summary").asText()).contains("crown", "quarantined");
    assertThat(r.h.get("/api/quarantine").toString()).contains("razar-crown");

    // Engineering fixed the crash; a person restores crown, which lifts both quarantines.
    r.clear("crash_loop");
    String restore =
        r.h.start(
            "razar-quarantine-restore",
            Map.of("base_url", r.base, "component", "crown", "engine_api", r.h.api()));
    JsonNode prompt = r.h.awaitApproval(restore, Duration.ofSeconds(30));
    assertThat(prompt.toString()).contains("runtime");
    // The decider is the harness's token user (admin), whatever name the call gives.
    r.h.decide(restore, true, "alice", "fixed the segfault in crown 3.1.2");
    JsonNode restored = r.await(restore);

    assertThat(Razar.outcome(restored)).as(Razar.describe(restored)).isEqualTo("resolved");
    assertThat(restored.path("report").toString()).contains("\"cleared\":true");
    assertThat(r.h.get("/api/quarantine").toString()).doesNotContain("razar-crown");
    JsonNode after = r.state();
    assertThat(after.path("components").path("crown").path("healthy").asBoolean()).isTrue();
    assertThat(after.path("components").path("crown").path("moduleInPlace").asBoolean()).isTrue();
    assertThat(after.path("quarantined").has("crown")).isFalse();
    assertThat(after.path("quarantineLog").asText())
        .contains("| crown | resolved | | fixed the segfault in crown 3.1.2 (admin) |");
  }
}
