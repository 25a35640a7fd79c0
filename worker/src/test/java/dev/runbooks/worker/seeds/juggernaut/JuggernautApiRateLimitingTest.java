package dev.runbooks.worker.seeds.juggernaut;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Seed 002 "API Rate Limiting Issues": runbooks-yaml/juggernaut/juggernaut-api-rate-limiting. */
class JuggernautApiRateLimitingTest {
  private static final String ALERT = "JuggernautRateLimited";

  private static void awaitOpen(Juggernaut j) {
    long until = System.currentTimeMillis() + 15_000;
    while (!j.get("/api/circuit-breakers/openrouter").path("state").asText().equals("OPEN")) {
      assertThat(System.currentTimeMillis()).as("openrouter breaker opens").isLessThan(until);
      sleep(200);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void halvedBudgetsLetTheResetBreakerStayClosedAndStuckTasksGoToTheDlq() {
    Juggernaut j = Juggernaut.fresh();
    // openrouter grants 120 USD/day; EXECUTOR + ANALYST + STRATEGIST spend 180: 429s.
    j.inject("rate_limit", Map.of("provider", "openrouter", "capacity", 120, "stuck", 3));
    awaitOpen(j);

    String id = j.h.fire("juggernaut", ALERT, Map.of("provider", "openrouter")).get(0);
    JsonNode run = j.await(id);

    assertThat(Juggernaut.outcome(run)).as(Juggernaut.describe(run)).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains(
            "breakers",
            "breaker_errors",
            "api_costs",
            "halve_budgets",
            "tell_budgets",
            "reset_breakers",
            "move_to_dlq",
            "verify_breakers")
        .doesNotContain("page_still_limited");
    // Budgets halved exactly once, in the database.
    assertThat(j.rows("SELECT worker_id, daily_limit FROM worker_budgets ORDER BY worker_id"))
        .extracting(r -> r.get("worker_id") + "=" + ((Number) r.get("daily_limit")).intValue())
        .containsExactly("ANALYST=30", "EXECUTOR=50", "STRATEGIST=20", "WATCHDOG=5");
    assertThat(j.requests("PUT", "/api/workers/EXECUTOR/budget")).hasSize(1);
    // The breaker was reset once and stays closed.
    assertThat(j.requests("POST", "/api/circuit-breakers/openrouter/reset")).hasSize(1);
    assertThat(j.get("/api/circuit-breakers/openrouter").path("state").asText())
        .isEqualTo("CLOSED");
    // The three stuck tasks are in the DLQ, each once.
    assertThat(
            j.count(
                "SELECT count(*) FROM dead_letter_queue WHERE failure_reason = 'Rate limit exceeded'"
                    + " AND status = 'pending'"))
        .isEqualTo(3);
    assertThat(j.count("SELECT count(*) FROM governance_tasks WHERE status = 'dead_lettered'"))
        .isEqualTo(3);
    assertThat(j.requests().stream().filter(l -> l.endsWith("/dlq"))).hasSize(3);
    assertThat(j.audit(id))
        .anyMatch(a -> a.matches("breaker.reset .*/openrouter/reset reset"))
        .anyMatch(a -> a.matches("escalate.trigger engineering .* delivered"));
    JsonNode slack = j.h.pager().state().path("messages").path("engineering");
    assertThat(slack.size()).isEqualTo(1);
    assertThat(slack.get(0).path("body").path("text").asText()).contains("daily limits halved");
    assertThat(j.h.pager().state().path("incidents").size()).isZero();
  }

  @Test
  void breakerThatReopensAtHalfTheBudgetsPagesOnCall() {
    Juggernaut j = Juggernaut.fresh();
    // Even half the budgets (100 USD/day) is more than the 50 the provider grants.
    j.inject("rate_limit", Map.of("provider", "openrouter", "capacity", 50, "stuck", 0));
    awaitOpen(j);

    String id = j.h.fire("juggernaut", ALERT, Map.of("provider", "openrouter")).get(0);
    JsonNode run = j.await(id);

    assertThat(Juggernaut.outcome(run)).as(Juggernaut.describe(run)).isEqualTo("escalated");
    assertThat(SeedHarness.stepsRun(run))
        .contains("halve_budgets", "reset_breakers", "verify_breakers", "page_still_limited");
    assertThat(j.get("/api/circuit-breakers/openrouter").path("state").asText()).isEqualTo("OPEN");
    JsonNode incident = j.h.pager().incident(id);
    assertThat(incident.path("summary").asText()).contains("still rate limited");
    assertThat(incident.path("customDetails").path("error").path("message").asText())
        .contains("openrouter");
    assertThat(j.count("SELECT count(*) FROM dead_letter_queue")).isZero();
  }
}
