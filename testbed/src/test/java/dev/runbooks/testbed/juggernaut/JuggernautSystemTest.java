package dev.runbooks.testbed.juggernaut;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.testbed.OneSystem;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Juggernaut imitation on its own (with an embedded PostgreSQL): fixes work only when their
 * cause is gone, as the seed's logic says.
 */
class JuggernautSystemTest {
  @TempDir static Path dir;
  private static OneSystem juggernaut;

  @BeforeAll
  static void start() throws Exception {
    juggernaut = OneSystem.start(dir, "juggernaut");
  }

  @AfterAll
  static void stop() {
    juggernaut.close();
  }

  @BeforeEach
  void reset() throws Exception {
    call("POST", "/admin/reset", null, Map.of());
  }

  private static JsonNode call(String method, String path, Object body, Map<String, String> headers)
      throws Exception {
    return juggernaut.send(method, path, body, headers).withStatus();
  }

  private static JsonNode get(String path) throws Exception {
    return call("GET", path, null, Map.of());
  }

  private static String awaitBreaker(String expected, long millis) throws Exception {
    long until = System.currentTimeMillis() + millis;
    String state;
    do {
      state = get("/api/circuit-breakers/openrouter").path("state").asText();
      if (state.equals(expected)) {
        return state;
      }
      Thread.sleep(200);
    } while (System.currentTimeMillis() < until);
    return state;
  }

  @Test
  void breakerResetSticksOnlyOnceTheBudgetsFitTheProvidersCapacity() throws Exception {
    call("POST", "/admin/faults/rate_limit", Map.of("capacity", 120, "stuck", 0), Map.of());
    assertThat(awaitBreaker("OPEN", 10_000)).isEqualTo("OPEN");

    call("POST", "/api/circuit-breakers/openrouter/reset", null, Map.of());
    assertThat(awaitBreaker("OPEN", 10_000)).as("re-opens: still throttled").isEqualTo("OPEN");

    call("PUT", "/api/workers/EXECUTOR/budget", Map.of("daily_limit", 50), Map.of());
    call("PUT", "/api/workers/ANALYST/budget", Map.of("daily_limit", 30), Map.of());
    assertThat(get("/api/providers/openrouter/status").path("rate_limited").asBoolean()).isFalse();
    call("POST", "/api/circuit-breakers/openrouter/reset", null, Map.of());
    Thread.sleep(4000);
    assertThat(get("/api/circuit-breakers/openrouter").path("state").asText()).isEqualTo("CLOSED");
  }

  @Test
  void restartEmptiesThePoolButLoadsOnlyTheDeployedPassword() throws Exception {
    call("POST", "/admin/faults/db_credentials", Map.of(), Map.of());
    call("POST", "/admin/faults/pool_exhausted", Map.of(), Map.of());
    call("POST", "/ops/restart", null, Map.of());
    Thread.sleep(1500);
    JsonNode health = get("/health");
    assertThat(health.path("httpStatus").asInt()).isEqualTo(503);
    assertThat(health.path("database").path("error").asText())
        .contains("password authentication failed");

    call("DELETE", "/admin/faults/db_credentials", null, Map.of());
    assertThat(get("/ops/db/url").path("restart_pending").asBoolean()).isTrue();
    assertThat(get("/health").path("httpStatus").asInt()).isEqualTo(503);
    call("POST", "/ops/restart", null, Map.of());
    Thread.sleep(1500);
    assertThat(get("/health").path("status").asText()).isEqualTo("ok");
  }

  @Test
  void requeueHonoursTheIdempotencyKey() throws Exception {
    call("POST", "/admin/faults/dlq_backlog", Map.of("transient", 1, "persistent", 0), Map.of());
    Map<String, Object> row = Map.of("id", 1, "task_id", "task-dlq-001");
    Map<String, String> key = Map.of("Idempotency-Key", "dlq:juggernaut/dead_letter_queue:1");
    assertThat(call("POST", "/api/tasks/requeue", row, key).path("httpStatus").asInt())
        .isEqualTo(202);
    assertThat(call("POST", "/api/tasks/requeue", row, key).path("httpStatus").asInt())
        .isEqualTo(202);
    assertThat(get("/admin/requests").path("requests").size()).isEqualTo(2);
    JsonNode requeued = get("/api/logs?level=INFO&limit=1000");
    assertThat(requeued.path("lines").findValuesAsText("message"))
        .filteredOn(m -> m.contains("re-enqueued"))
        .hasSize(1);
    String status = get("/api/tasks/task-dlq-001").path("status").asText();
    assertThat(status).isIn("pending", "in_progress", "completed");

    call("POST", "/admin/faults/connection_resets", Map.of(), Map.of());
    JsonNode refused =
        call("POST", "/api/tasks/requeue", row, Map.of("Idempotency-Key", "another"));
    assertThat(refused.path("httpStatus").asInt()).isEqualTo(503);
  }
}
