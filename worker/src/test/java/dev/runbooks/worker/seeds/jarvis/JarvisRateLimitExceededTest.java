package dev.runbooks.worker.seeds.jarvis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seed 000 section 5, "Alert: Rate Limit Exceeded", end to end through {@code
 * jarvis-rate-limit-exceeded}: legitimate traffic gets higher limits for an hour, an abusive client
 * is blocked for 60 minutes.
 */
class JarvisRateLimitExceededTest {
  private static final String ALERT = "JarvisRateLimitExceeded";

  @Test
  void legitimateTrafficGetsTemporarilyRaisedLimits() {
    JarvisSeed j = JarvisSeed.fresh().inject("traffic_surge", Map.of("clients", 6));

    JsonNode run = j.await(j.fire(ALERT, Map.of("severity", "warning")));

    assertThat(JarvisSeed.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("raise_limits", "settled", "permanent_adjustment")
        .doesNotContain("block_client");
    List<JsonNode> raised = j.requests("POST", "/api/admin/ratelimit");
    assertThat(raised).hasSize(1);
    JsonNode body = raised.get(0).path("body");
    assertThat(body.path("generation").asText()).isEqualTo("20/minute");
    assertThat(body.path("read").asText()).isEqualTo("120/minute");
    assertThat(body.path("expires_in_minutes").asInt()).isEqualTo(60);
    assertThat(j.requests("POST", "/api/admin/block")).isEmpty();
    JsonNode limits = j.state().path("ratelimit");
    assertThat(limits.path("rejecting_per_minute").path("total").asDouble()).isZero();
    assertThat(limits.path("override_expires_at").asText()).isNotEmpty();
    JsonNode messages = j.engineering();
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).path("body").path("text").asText())
        .contains("legitimate traffic", "config.yaml");
  }

  @Test
  void anAbusiveClientIsBlockedForAnHour() {
    JarvisSeed j = JarvisSeed.fresh().inject("abusive_client", Map.of("client", "script-7f3a"));

    JsonNode run = j.await(j.fire(ALERT, Map.of("severity", "warning")));

    assertThat(JarvisSeed.outcome(run)).as(run.toString()).isEqualTo("resolved");
    assertThat(SeedHarness.stepsRun(run))
        .contains("block_client", "settled")
        .doesNotContain("raise_limits", "permanent_adjustment");
    List<JsonNode> blocks = j.requests("POST", "/api/admin/block");
    assertThat(blocks).hasSize(1);
    assertThat(blocks.get(0).path("body").path("client").asText()).isEqualTo("script-7f3a");
    assertThat(blocks.get(0).path("body").path("duration_minutes").asInt()).isEqualTo(60);
    assertThat(j.requests("POST", "/api/admin/ratelimit")).isEmpty();
    JsonNode state = j.state();
    assertThat(state.path("faults")).isEmpty();
    assertThat(state.path("ratelimit").path("limits").path("generation").asText())
        .isEqualTo("10/minute");
    assertThat(state.path("ratelimit").path("blocked").get(0).path("client").asText())
        .isEqualTo("script-7f3a");
    assertThat(j.engineering()).isEmpty();
  }
}
