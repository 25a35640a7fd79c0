package dev.runbooks.worker.seeds.razar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 004 "Dependency audits" (daily cron 0 3 * * *): runbooks-yaml/razar/razar-dependency-audit,
 * started by hand, as its daily schedule would.
 */
class RazarDependencyAuditTest {

  @Test
  void cleanAuditResolvesAndIsLogged() throws Exception {
    Razar r = Razar.fresh();

    JsonNode run = r.await(r.h.start("razar-dependency-audit", Map.of("base_url", r.base)));

    assertThat(Razar.outcome(run)).as(Razar.describe(run)).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run)).containsExactly("audit", "clean");
    Path log = Path.of(r.state().path("dataDir").asText(), "logs", "dependency_audit.log");
    assertThat(Files.readString(log)).contains("exit 0");
    assertThat(r.h.pager().state().path("messages").size()).isZero();
  }

  @Test
  void driftGoesToEngineeringWithTheList() throws Exception {
    Razar r = Razar.fresh();
    r.inject("dependency_drift", Map.of("package", "pydantic", "installed", "1.10.13"));

    JsonNode run = r.await(r.h.start("razar-dependency-audit", Map.of("base_url", r.base)));

    assertThat(Razar.outcome(run)).as(Razar.describe(run)).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run)).containsExactly("audit", "tell_engineering", "drift");
    JsonNode slack = r.h.pager().state().path("messages").path("engineering");
    assertThat(slack.size()).isEqualTo(1);
    assertThat(slack.get(0).path("body").toString()).contains("pydantic", "1.10.13", "2.6.4");
    Path log = Path.of(r.state().path("dataDir").asText(), "logs", "dependency_audit.log");
    assertThat(Files.readString(log)).contains("MISMATCH pydantic", "exit 1");
  }
}
