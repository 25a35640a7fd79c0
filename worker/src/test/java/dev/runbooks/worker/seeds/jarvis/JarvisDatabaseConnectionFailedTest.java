package dev.runbooks.worker.seeds.jarvis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 000 section 4, "Alert: Database Connection Failed", end to end through {@code
 * jarvis-database-connection-failed}: a lock that is waited for, a permission only a person can
 * grant, and corruption that must escalate.
 */
class JarvisDatabaseConnectionFailedTest {
  private static final String ALERT = "JarvisDatabaseConnectionFailed";
  private static final Map<String, String> LABELS = Map.of("severity", "critical");

  @Test
  void aLockIsWaitedForAndTheImessageCircuitResetOnceItIsReleased() {
    JarvisSeed j = JarvisSeed.fresh().inject("db_lock", Map.of("releaseAfterSeconds", 4));
    j.awaitCircuit("imessage", "open");

    String id = j.fire(ALERT, LABELS);
    JsonNode run = j.await(id);

    assertThat(JarvisSeed.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .containsSubsequence(
            "check",
            "ping",
            "wait_for_lock",
            "ping_after",
            "reset_imessage_circuit",
            "imessage_closed")
        .doesNotContain("grant_full_disk_access", "corrupt_escalate", "lock_not_released");
    JsonNode state = j.state();
    assertThat(state.path("faults")).isEmpty();
    assertThat(state.path("circuits").path("imessage").path("state").asText()).isEqualTo("closed");
    assertThat(j.requests("POST", "/circuits/imessage/reset")).hasSize(1);
    assertThat(j.audit(id, "breaker.reset").get(0).path("outcome").asText()).isEqualTo("reset");
  }

  @Test
  void fullDiskAccessIsGrantedByAPersonAndThenChecked() {
    JarvisSeed j = JarvisSeed.fresh().inject("db_permission", Map.of());

    String id = j.fire(ALERT, LABELS);
    j.awaitApproval(id, "grant_full_disk_access");
    // The person grants Full Disk Access in System Settings, then approves.
    j.h.delete(j.base + "/admin/faults/db_permission");
    j.h.decide(id, true, "carol", "granted in System Settings");
    JsonNode run = j.await(id);

    assertThat(JarvisSeed.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .containsSubsequence("grant_full_disk_access", "permissions_granted", "ping_after")
        .doesNotContain("access_not_granted", "wait_for_lock");
    JsonNode state = j.state();
    assertThat(state.path("database").path("full_disk_access").asBoolean()).isTrue();
    assertThat(state.path("circuits").path("imessage").path("state").asText()).isEqualTo("closed");
    assertThat(j.audit(id, "approval.approve")).hasSize(1);
  }

  @Test
  void aCorruptDatabaseIsEscalatedAtOnce() {
    JarvisSeed j = JarvisSeed.fresh().inject("db_corruption", Map.of());
    j.awaitCircuit("imessage", "open");

    String id = j.fire(ALERT, LABELS);
    JsonNode run = j.await(id);

    assertThat(JarvisSeed.outcome(run)).as(run.toString()).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("corrupt_escalate", "corrupt")
        .doesNotContain("wait_for_lock", "ping_after", "reset_imessage_circuit");
    JsonNode incident = j.incidents().path("jarvis/" + j.base + "/database");
    assertThat(incident.path("status").asText())
        .as(j.incidents().toString())
        .isEqualTo("triggered");
    assertThat(incident.path("severity").asText()).isEqualTo("critical");
    assertThat(incident.path("summary").asText()).contains("corrupt", "Time Machine");
    assertThat(j.requests("POST", "/circuits/imessage/reset")).isEmpty();
    JsonNode state = j.state();
    assertThat(state.path("faults").toString()).contains("db_corruption");
    assertThat(j.audit(id, "escalate.trigger")).hasSize(1);
  }
}
