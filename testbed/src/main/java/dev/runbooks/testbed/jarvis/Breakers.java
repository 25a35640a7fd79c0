package dev.runbooks.testbed.jarvis;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * JARVIS's circuit breakers, one per feature that depends on something that can fail: a breaker
 * opens after {@link #FAILURE_THRESHOLD} consecutive failures and then short-circuits calls to the
 * fallback (template responses); after {@link #RECOVERY_TIMEOUT} it lets one trial call through
 * (half-open). A reset closes it at once, but if the cause is still there the next calls fail and
 * it opens again: a reset only sticks once the cause is fixed.
 */
final class Breakers {
  static final int FAILURE_THRESHOLD = 5;
  static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(60);
  static final List<String> NAMES = List.of("model_generation", "imessage", "embeddings");

  /** One breaker. */
  static final class Breaker {
    final String name;
    String state = "closed";
    int consecutiveFailures;
    long totalFailures;
    long totalSuccesses;
    long fallbacks;
    long opens;
    long resets;
    Instant openedAt;
    Instant lastFailureAt;
    String lastError;

    Breaker(String name) {
      this.name = name;
    }

    ObjectNode json() {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      out.put("state", state);
      out.put("failure_count", consecutiveFailures);
      out.put("failure_threshold", FAILURE_THRESHOLD);
      out.put("total_failures", totalFailures);
      out.put("total_successes", totalSuccesses);
      out.put("fallbacks", fallbacks);
      out.put("opens", opens);
      out.put("resets", resets);
      out.put("opened_at", openedAt == null ? null : openedAt.toString());
      out.put("last_failure_at", lastFailureAt == null ? null : lastFailureAt.toString());
      out.put("last_error", lastError);
      out.put("recovery_timeout_seconds", RECOVERY_TIMEOUT.toSeconds());
      return out;
    }
  }

  /** What a call through a breaker did. */
  enum Outcome {
    SUCCESS,
    FAILURE,
    SHORT_CIRCUITED
  }

  private final Map<String, Breaker> breakers = new LinkedHashMap<>();
  private final EventLog log;

  Breakers(EventLog log) {
    this.log = log;
    reset();
  }

  /** All breakers closed with no history (a fresh process). */
  void reset() {
    breakers.clear();
    NAMES.forEach(n -> breakers.put(n, new Breaker(n)));
  }

  Breaker get(String name) {
    return breakers.get(name);
  }

  Map<String, Breaker> all() {
    return breakers;
  }

  /**
   * Calls a feature through its breaker: {@code call} runs only when the breaker lets it through
   * and answers the error, or null on success.
   */
  Outcome call(String name, Instant now, Supplier<String> call) {
    Breaker b = breakers.get(name);
    if (b.state.equals("open")) {
      if (now.isBefore(b.openedAt.plus(RECOVERY_TIMEOUT))) {
        b.fallbacks++;
        return Outcome.SHORT_CIRCUITED;
      }
      b.state = "half_open";
    }
    String error = call.get();
    if (error == null) {
      b.totalSuccesses++;
      b.consecutiveFailures = 0;
      if (b.state.equals("half_open")) {
        b.state = "closed";
        log.add(now, "INFO", "circuit", "Circuit " + name + " closed after a successful trial");
      }
      return Outcome.SUCCESS;
    }
    b.totalFailures++;
    b.consecutiveFailures++;
    b.lastFailureAt = now;
    b.lastError = error;
    log.throttled(
        now,
        "fail:" + name,
        Duration.ofSeconds(2),
        "ERROR",
        name,
        "circuit " + name + ": " + error);
    if (b.state.equals("half_open") || b.consecutiveFailures >= FAILURE_THRESHOLD) {
      b.state = "open";
      b.openedAt = now;
      b.opens++;
      log.add(
          now,
          "WARNING",
          "circuit",
          "Circuit "
              + name
              + " opened after "
              + b.consecutiveFailures
              + " consecutive failures: "
              + error);
    }
    return Outcome.FAILURE;
  }

  /** Closes a breaker by hand; returns its state before. */
  String resetOne(String name, Instant now) {
    Breaker b = breakers.get(name);
    String before = b.state;
    b.state = "closed";
    b.consecutiveFailures = 0;
    b.resets++;
    log.add(now, "INFO", "circuit", "Circuit " + name + " reset by operator (was " + before + ")");
    return before;
  }

  ObjectNode json() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ObjectNode circuits = out.putObject("circuits");
    breakers.forEach((name, b) -> circuits.set(name, b.json()));
    return out;
  }

  List<String> open() {
    return breakers.values().stream().filter(b -> b.state.equals("open")).map(b -> b.name).toList();
  }
}
