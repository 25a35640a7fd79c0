package dev.runbooks.testbed.juggernaut;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The external APIs Juggernaut's workers call and the circuit breaker in front of each ({@code
 * core.circuit_breaker}). A provider fails a call when it has an outage (503), or when it rate
 * limits Juggernaut (429): that happens while the daily budgets of the workers that use it add up
 * to more than the capacity the provider grants. A breaker opens after {@code failure_threshold}
 * failures in a row, rejects calls while open, and lets one trial call through ({@code half_open})
 * once {@code reset_timeout} has passed. A reset closes it, and it stays closed only if the cause
 * is gone: the next failing calls open it again.
 */
final class Breakers {
  /** The workers whose budgets drive each provider's request rate. */
  static final Map<String, List<String>> USERS =
      Map.of(
          "openrouter", List.of("EXECUTOR", "ANALYST", "STRATEGIST"),
          "github", List.of("EXECUTOR"),
          "slack", List.of("WATCHDOG"));

  static final int DEFAULT_THRESHOLD = 3;
  static final int DEFAULT_RESET_TIMEOUT = 300;

  /** One breaker and its provider. */
  static final class Breaker {
    final String service;
    String state = "CLOSED";
    int failureCount;
    int failureThreshold = DEFAULT_THRESHOLD;
    int resetTimeout = DEFAULT_RESET_TIMEOUT;
    Instant openedAt;
    String lastError;
    long totalFailures;
    long resets;
    boolean outage;
    Double capacity;
    final Map<String, Long> calls = new LinkedHashMap<>();

    Breaker(String service) {
      this.service = service;
    }
  }

  /** The outcome of one call: the HTTP status the provider gave (0: rejected by the breaker). */
  record Call(String service, boolean ok, int code, String error) {}

  private final Clock clock;
  private final Map<String, Breaker> breakers = new LinkedHashMap<>();

  Breakers(Clock clock) {
    this.clock = clock;
    reset();
  }

  void reset() {
    breakers.clear();
    for (String service : List.of("openrouter", "github", "slack")) {
      breakers.put(service, new Breaker(service));
    }
  }

  Map<String, Breaker> all() {
    return breakers;
  }

  /** The breaker of a service, or null. */
  Breaker get(String service) {
    return breakers.get(service);
  }

  /** Whether the provider rate limits Juggernaut at the given budgets. */
  boolean rateLimited(Breaker b, Map<String, Double> budgets) {
    return b.capacity != null && demand(b.service, budgets) > b.capacity;
  }

  static double demand(String service, Map<String, Double> budgets) {
    return USERS.getOrDefault(service, List.of()).stream()
        .mapToDouble(w -> budgets.getOrDefault(w, 0.0))
        .sum();
  }

  /** One worker call to a provider through its breaker. */
  Call call(String service, Map<String, Double> budgets) {
    Breaker b = breakers.get(service);
    Instant now = clock.instant();
    if (b.state.equals("OPEN")) {
      if (now.isBefore(b.openedAt.plusSeconds(b.resetTimeout))) {
        return count(b, new Call(service, false, 0, "circuit breaker open for " + service));
      }
      b.state = "HALF_OPEN";
    }
    Call call;
    if (b.outage) {
      call = new Call(service, false, 503, service + " API error 503: service unavailable");
    } else if (rateLimited(b, budgets)) {
      call = new Call(service, false, 429, service + " API error 429: rate limit exceeded");
    } else {
      call = new Call(service, true, 200, null);
    }
    if (call.ok()) {
      b.failureCount = 0;
      b.state = "CLOSED";
    } else {
      b.failureCount++;
      b.totalFailures++;
      b.lastError = call.error();
      if (b.state.equals("HALF_OPEN") || b.failureCount >= b.failureThreshold) {
        b.state = "OPEN";
        b.openedAt = now;
      }
    }
    return count(b, call);
  }

  private static Call count(Breaker b, Call call) {
    b.calls.merge(String.valueOf(call.code()), 1L, Long::sum);
    return call;
  }

  /** Closes a breaker ({@code reset_circuit_breaker}); answers whether it was not closed. */
  boolean resetBreaker(Breaker b) {
    boolean changed = !b.state.equals("CLOSED");
    b.state = "CLOSED";
    b.failureCount = 0;
    b.openedAt = null;
    b.resets++;
    return changed;
  }

  /** The breaker as the API shows it. */
  Map<String, Object> view(Breaker b, Map<String, Double> budgets) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("service", b.service);
    m.put("state", b.state);
    m.put("failure_count", b.failureCount);
    m.put("failure_threshold", b.failureThreshold);
    m.put("reset_timeout", b.resetTimeout);
    m.put("opened_at", b.openedAt == null ? null : b.openedAt.toString());
    m.put(
        "retry_in_seconds",
        b.openedAt == null
            ? null
            : Math.max(
                0,
                Duration.between(clock.instant(), b.openedAt.plusSeconds(b.resetTimeout))
                    .toSeconds()));
    m.put("last_error", b.lastError);
    m.put("total_failures", b.totalFailures);
    m.put("resets", b.resets);
    return m;
  }

  /** The provider's status page: reachable, and whether it throttles Juggernaut now. */
  Map<String, Object> providerStatus(Breaker b, Map<String, Double> budgets) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("provider", b.service);
    m.put("available", !b.outage);
    m.put("status", b.outage ? "major_outage" : "operational");
    m.put("rate_limited", rateLimited(b, budgets));
    m.put("capacity_usd_per_day", b.capacity);
    m.put("demand_usd_per_day", demand(b.service, budgets));
    return m;
  }
}
