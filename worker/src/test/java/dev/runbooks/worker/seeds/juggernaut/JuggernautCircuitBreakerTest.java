package dev.runbooks.worker.seeds.juggernaut;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seed 002 "Circuit Breaker Issues": runbooks-yaml/juggernaut/juggernaut-circuit-breaker. */
class JuggernautCircuitBreakerTest {
  private static final String ALERT = "JuggernautCircuitBreakerOpen";

  private static void awaitState(Juggernaut j, String breaker, String state) {
    long until = System.currentTimeMillis() + 15_000;
    while (!j.get("/api/circuit-breakers/" + breaker).path("state").asText().equals(state)) {
      assertThat(System.currentTimeMillis()).as(breaker + " becomes " + state).isLessThan(until);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void breakerOfARecoveredProviderIsResetAndStaysClosed() {
    Juggernaut j = Juggernaut.fresh();
    j.inject("provider_outage", Map.of("provider", "github"));
    awaitState(j, "github", "OPEN");
    j.clear("provider_outage"); // GitHub is back; the breaker would wait out its 300s timeout

    String id = j.h.fire("juggernaut", ALERT, Map.of("service", "github")).get(0);
    JsonNode run = j.await(id);

    assertThat(Juggernaut.outcome(run)).as(Juggernaut.describe(run)).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("status", "api_errors", "provider", "reset", "verify")
        .doesNotContain("tolerant_settings", "page_reopened");
    JsonNode breaker = j.get("/api/circuit-breakers/github");
    assertThat(breaker.path("state").asText()).isEqualTo("CLOSED");
    assertThat(breaker.path("resets").asInt()).isEqualTo(1);
    assertThat(breaker.path("failure_threshold").asInt()).isEqualTo(3);
    assertThat(j.requests("POST", "/api/circuit-breakers/github/reset")).hasSize(1);
    assertThat(j.audit(id)).anyMatch(a -> a.matches("breaker.reset .*/github/reset reset"));
    // The diagnosis read the failures from tool_executions.
    assertThat(run.toString()).contains("github API error 503");
  }

  @Test
  void providerStillDownGetsATolerantBreakerAndEngineeringIsTold() {
    Juggernaut j = Juggernaut.fresh();
    j.inject("provider_outage", Map.of("provider", "openrouter"));
    awaitState(j, "openrouter", "OPEN");

    String id = j.h.fire("juggernaut", ALERT, Map.of("service", "openrouter")).get(0);
    JsonNode run = j.await(id);

    assertThat(Juggernaut.outcome(run)).as(Juggernaut.describe(run)).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("provider", "tolerant_settings", "tell_engineering")
        .doesNotContain("reset");
    JsonNode breaker = j.get("/api/circuit-breakers/openrouter");
    assertThat(breaker.path("failure_threshold").asInt()).isEqualTo(10);
    assertThat(breaker.path("reset_timeout").asInt()).isEqualTo(60);
    assertThat(j.requests("POST", "/api/circuit-breakers/openrouter/reset")).isEmpty();
    JsonNode slack = j.h.pager().state().path("messages").path("engineering");
    assertThat(slack.size()).isEqualTo(1);
    assertThat(slack.get(0).path("body").path("text").asText()).contains("openrouter is down");
  }
}
