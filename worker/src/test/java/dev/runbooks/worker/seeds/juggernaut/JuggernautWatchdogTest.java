package dev.runbooks.worker.seeds.juggernaut;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seed 002 "WATCHDOG Failures": runbooks-yaml/juggernaut/juggernaut-watchdog. */
class JuggernautWatchdogTest {
  private static final String ALERT = "JuggernautWatchdogHeartbeatStale";

  private static double heartbeatAge(Juggernaut j) {
    return ((Number)
            j.rows(
                    "SELECT extract(epoch FROM now() - last_heartbeat) AS age FROM worker_registry"
                        + " WHERE worker_id = 'WATCHDOG'")
                .get(0)
                .get("age"))
        .doubleValue();
  }

  @Test
  void crashedWatchdogIsRestartedAndItsHeartbeatRecordedAgain() {
    Juggernaut j = Juggernaut.fresh();
    j.inject("watchdog_crash", Map.of());
    assertThat(heartbeatAge(j)).isGreaterThan(60);

    String id = j.h.fire("juggernaut", ALERT, Map.of("severity", "critical")).get(0);
    JsonNode run = j.await(id);

    assertThat(Juggernaut.outcome(run)).as(Juggernaut.describe(run)).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("process", "db_heartbeat", "restart_watchdog", "heartbeat_recorded")
        .doesNotContain("redis_ping", "permissions");
    assertThat(heartbeatAge(j)).isLessThan(5);
    assertThat(j.state().path("watchdog").path("running").asBoolean()).isTrue();
    assertThat(j.requests("POST", "/ops/processes/watchdog/restart")).hasSize(1);
    assertThat(j.audit(id)).containsExactly("restart juggernaut-watchdog restarted");
  }

  @Test
  void revokedHeartbeatPermissionIsFoundAndPaged() {
    Juggernaut j = Juggernaut.fresh();
    j.inject("watchdog_permission", Map.of());

    String id = j.h.fire("juggernaut", ALERT, Map.of("severity", "critical")).get(0);
    JsonNode run = j.await(id);

    assertThat(Juggernaut.outcome(run)).as(Juggernaut.describe(run)).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("redis_ping", "permissions", "page_permission")
        .doesNotContain("restart_watchdog", "page_redis");
    JsonNode incident = j.h.pager().incident(id);
    assertThat(incident.path("summary").asText()).contains("heartbeat permission: missing");
    assertThat(j.requests("POST", "/ops/processes/watchdog/restart")).isEmpty();
    // The runbook only reads: granting the permission back is a person's decision.
    assertThat(
            j.count(
                "SELECT count(*) FROM worker_tool_permissions WHERE worker_id = 'WATCHDOG'"
                    + " AND tool_name = 'heartbeat' AND NOT allowed"))
        .isEqualTo(1);
  }

  @Test
  void unreachableRedisIsPaged() {
    Juggernaut j = Juggernaut.fresh();
    j.inject("redis_down", Map.of());

    String id = j.h.fire("juggernaut", ALERT, Map.of("severity", "critical")).get(0);
    JsonNode run = j.await(id);

    assertThat(Juggernaut.outcome(run)).as(Juggernaut.describe(run)).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("redis_ping", "page_redis")
        .doesNotContain("restart_watchdog", "permissions");
    assertThat(j.h.pager().incident(id).path("summary").asText()).contains("cannot reach Redis");
  }
}
