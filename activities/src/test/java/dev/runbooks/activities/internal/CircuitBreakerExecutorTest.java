package dev.runbooks.activities.internal;

import static dev.runbooks.activities.internal.StepAssertions.evidence;
import static dev.runbooks.activities.internal.StepAssertions.failure;
import static dev.runbooks.activities.internal.StepAssertions.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.StepFailures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code circuitBreaker} step against {@link FakeJarvis}, a real local HTTP server. */
class CircuitBreakerExecutorTest {
  private FakeJarvis jarvis;
  private final CircuitBreakerExecutor executor =
      new CircuitBreakerExecutor(StepEnvironment.defaults());

  @BeforeEach
  void start() throws Exception {
    jarvis = new FakeJarvis();
    jarvis.set("model_generation", "open");
    jarvis.set("imessage_read", "closed");
    jarvis.set("embedding", "half_open");
  }

  @AfterEach
  void stop() {
    jarvis.close();
  }

  private Map<String, Object> config(Object... pairs) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("base", jarvis.base() + "/");
    for (int i = 0; i < pairs.length; i += 2) {
      config.put((String) pairs[i], pairs[i + 1]);
    }
    return config;
  }

  @Test
  void listGivesEveryBreakerAndTheOpenOnes() {
    Map<String, Object> result = run(executor, config());

    assertThat(result.get("circuits"))
        .isEqualTo(
            List.of(
                Map.of("name", "embedding", "state", "half_open", "failures", 12L),
                Map.of("name", "imessage_read", "state", "closed", "failures", 0L),
                Map.of("name", "model_generation", "state", "open", "failures", 12L)));
    assertThat(result)
        .containsEntry("open", List.of("model_generation"))
        .containsEntry("openCount", 1L);
  }

  @Test
  void listReadsOtherShapesThroughPathsAndFields() {
    Map<String, Object> result =
        run(
            executor,
            config(
                "paths",
                Map.of("list", "/v2/breakers"),
                "fields",
                Map.of("circuits", "items", "name", "id", "state", "status.state")));

    assertThat(result).containsEntry("open", List.of("model_generation"));
    assertThat(result.get("circuits").toString()).contains("state=half_open");
  }

  @Test
  void resetClosesAnOpenBreaker() {
    Map<String, Object> result =
        run(executor, config("action", "reset", "name", "model_generation"));

    assertThat(result)
        .isEqualTo(
            Map.of(
                "name", "model_generation",
                "before", "open",
                "after", "closed",
                "reset", true,
                "changed", true));
    assertThat(jarvis.resets.get()).isEqualTo(1);
    assertThat(jarvis.state("model_generation")).isEqualTo("closed");
  }

  @Test
  void resetIsIdempotentSoARetriedResetPostsNothing() {
    Map<String, Object> config = config("action", "reset", "name", "model_generation");
    run(executor, config);
    Map<String, Object> again = run(executor, config);

    assertThat(again)
        .containsEntry("before", "closed")
        .containsEntry("after", "closed")
        .containsEntry("reset", true)
        .containsEntry("changed", false);
    assertThat(jarvis.resets.get()).isEqualTo(1);
  }

  @Test
  void resetOfAnUnknownBreakerIsANonRetryableApiError() {
    var failure =
        failure(
            executor,
            config("action", "reset", "name", "no_such"),
            StepFailures.BREAKER_API_ERROR,
            false);

    assertThat(failure.getOriginalMessage())
        .contains("/circuits/no_such")
        .contains("404")
        .contains("is there a breaker named 'no_such'?");
  }

  @Test
  void verifyOfAClosedBreakerWatchesAndHeartbeats() {
    AtomicInteger beats = new AtomicInteger();
    Map<String, Object> result =
        executor.execute(
            StepAssertions.request(
                "circuitBreaker",
                config(
                    "action",
                    "verify",
                    "name",
                    "imessage_read",
                    "verify",
                    Map.of("watch", "600ms", "interval", "100ms"))),
            new StepContext(1, d -> beats.incrementAndGet()));

    assertThat(result)
        .containsEntry("state", "closed")
        .containsEntry("stable", true)
        .containsEntry("reopened", false);
    assertThat((Long) result.get("checks")).isBetween(3L, 8L);
    assertThat((Long) result.get("watchedMs")).isGreaterThanOrEqualTo(600L);
    assertThat(beats.get()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void verifyOfAnOpenBreakerIsBreakerStillOpenNonRetryableWithEvidence() {
    var failure =
        failure(
            executor,
            config("action", "verify", "name", "model_generation"),
            StepFailures.BREAKER_STILL_OPEN,
            false);

    assertThat(failure.getOriginalMessage())
        .isEqualTo("breaker 'model_generation' is open, expected closed");
    assertThat(evidence(failure))
        .containsEntry("stable", false)
        .containsEntry("reopened", false)
        .containsEntry("checks", 1L);
  }

  @Test
  void aBreakerThatReopensAfterResetIsCaughtByVerify() {
    jarvis.reopenAfter("model_generation", 3);
    Map<String, Object> reset =
        run(executor, config("action", "reset", "name", "model_generation"));
    assertThat(reset).containsEntry("after", "closed");

    var failure =
        failure(
            executor,
            config(
                "action",
                "verify",
                "name",
                "model_generation",
                "verify",
                Map.of("watch", "2s", "interval", "50ms")),
            StepFailures.BREAKER_REOPENED,
            false);

    assertThat(failure.getOriginalMessage())
        .contains("breaker 'model_generation' was closed but is open after");
    assertThat(evidence(failure))
        .containsEntry("state", "open")
        .containsEntry("stable", false)
        .containsEntry("reopened", true)
        .containsEntry("checks", 2L);
  }

  @Test
  void verifyRetryableMakesTheFailureRetryable() {
    failure(
        executor,
        config(
            "action",
            "verify",
            "name",
            "embedding",
            "verify",
            Map.of("expectState", "CLOSED", "retryable", true)),
        StepFailures.BREAKER_STILL_OPEN,
        true);
  }

  @Test
  void serverErrorsAreRetryableUnavailable() {
    jarvis.failWith = 503;
    var failure = failure(executor, config(), StepFailures.BREAKER_API_UNAVAILABLE, true);

    assertThat(failure.getOriginalMessage())
        .contains("GET " + jarvis.base() + "/circuits answered 503");
  }

  @Test
  void wrongShapeNamesTheField() {
    var failure =
        failure(
            executor,
            config("fields", Map.of("circuits", "breakers")),
            StepFailures.BREAKER_API_ERROR,
            false);

    assertThat(failure.getOriginalMessage()).contains("has no breakers at 'breakers'");
  }

  @Test
  void badConfigIsInvalidStepConfig() {
    failure(executor, config("action", "reset"), StepFailures.INVALID_STEP_CONFIG, false);
    failure(executor, Map.of("base", "localhost:8742"), StepFailures.INVALID_STEP_CONFIG, false);
  }
}
