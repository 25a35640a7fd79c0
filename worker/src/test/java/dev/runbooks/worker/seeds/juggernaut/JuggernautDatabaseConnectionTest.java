package dev.runbooks.worker.seeds.juggernaut;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 002 "Database Connection Issues": runbooks-yaml/juggernaut/juggernaut-database-connection.
 */
class JuggernautDatabaseConnectionTest {
  private static final String ALERT = "JuggernautDatabaseDown";

  @Test
  void exhaustedPoolIsResetByOneRestartAndVerified() {
    Juggernaut j = Juggernaut.fresh();
    j.inject("pool_exhausted", Map.of());
    assertThat(j.h.get(j.base + "/health").path("httpStatus").asInt()).isEqualTo(503);

    List<String> runs = j.h.fire("juggernaut", ALERT, Map.of("severity", "critical"));
    assertThat(runs).hasSize(1);
    JsonNode run = j.h.awaitRun(runs.get(0), Duration.ofSeconds(60));

    assertThat(Juggernaut.outcome(run)).as(Juggernaut.describe(run)).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("health", "ping", "credentials", "platform", "restart_service", "verify")
        .doesNotContain("confirm_db_restart", "page_credentials");
    JsonNode state = j.state();
    assertThat(state.path("process").path("restarts").asInt()).isEqualTo(1);
    assertThat(state.path("database").path("error").isNull()).isTrue();
    assertThat(state.path("faults").has("pool_exhausted")).isFalse();
    assertThat(j.requests("POST", "/ops/restart")).hasSize(1);
    // The verification's test task ran to completion in the database.
    assertThat(
            j.count(
                "SELECT count(*) FROM governance_tasks WHERE title = 'Health check'"
                    + " AND status = 'completed'"))
        .isEqualTo(1);
    assertThat(j.audit(runs.get(0))).containsExactly("restart juggernaut restarted");
    assertThat(j.h.pager().state().path("incidents").size()).isZero();
  }

  @Test
  void wrongCredentialsArePagedNotRestarted() {
    Juggernaut j = Juggernaut.fresh();
    j.inject("db_credentials", Map.of());

    String id = j.h.fire("juggernaut", ALERT, Map.of("severity", "critical")).get(0);
    JsonNode run = j.await(id);

    assertThat(Juggernaut.outcome(run)).as(Juggernaut.describe(run)).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("ping", "credentials", "page_credentials", "credentials_for_people")
        .doesNotContain("restart_service", "verify");
    assertThat(j.requests("POST", "/ops/restart")).isEmpty();
    JsonNode incident = j.h.pager().incident(id);
    assertThat(incident).isNotNull();
    assertThat(incident.path("summary").asText()).contains("DATABASE_URL credentials are wrong");
    assertThat(incident.path("customDetails").path("psql").asText())
        .contains("password authentication failed");
    assertThat(j.state().path("database").path("runningPasswordWrong").asBoolean()).isTrue();
    assertThat(j.audit(id))
        .singleElement()
        .matches(a -> a.matches("escalate.trigger oncall .* delivered"));
  }

  @Test
  void credentialsFixedInTheDeploymentAreLoadedByOneRestart() {
    Juggernaut j = Juggernaut.fresh();
    j.inject("db_credentials", Map.of());
    j.clear("db_credentials"); // a person set the right password; the process still has the old one
    assertThat(j.state().path("database").path("restartPending").asBoolean()).isTrue();

    String id = j.h.fire("juggernaut", ALERT, Map.of("severity", "critical")).get(0);
    JsonNode run = j.await(id);

    assertThat(Juggernaut.outcome(run)).as(Juggernaut.describe(run)).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run)).contains("restart_service", "verify");
    JsonNode database = j.state().path("database");
    assertThat(database.path("runningPasswordWrong").asBoolean()).isFalse();
    assertThat(database.path("restartPending").asBoolean()).isFalse();
    assertThat(j.requests("POST", "/ops/restart")).hasSize(1);
    assertThat(j.h.pager().state().path("incidents").size()).isZero();
  }

  @Test
  void crashedPostgresIsRestartedOnlyAfterApproval() {
    Juggernaut j = Juggernaut.fresh();
    j.inject("db_down", Map.of());

    String id = j.h.fire("juggernaut", ALERT, Map.of("severity", "critical")).get(0);
    JsonNode waiting = j.h.awaitApproval(id, Duration.ofSeconds(60));
    assertThat(waiting.toString()).contains("CRASHED");
    assertThat(j.requests("POST", "/ops/platform/services/postgres/restart")).isEmpty();
    j.h.decide(id, true, "alice", "I own the database; restart it");
    JsonNode run = j.await(id);

    assertThat(Juggernaut.outcome(run)).as(Juggernaut.describe(run)).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("confirm_db_restart", "restart_database", "verify")
        .doesNotContain("page_dba", "restart_service");
    assertThat(j.requests("POST", "/ops/platform/services/postgres/restart")).hasSize(1);
    assertThat(j.state().path("database").path("serverDown").asBoolean()).isFalse();
    assertThat(j.audit(id))
        .containsExactly(
            "approval.approve confirm_db_restart approved",
            "restart juggernaut-postgres restarted");
  }
}
