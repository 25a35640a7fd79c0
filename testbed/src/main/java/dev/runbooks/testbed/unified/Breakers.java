package dev.runbooks.testbed.unified;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.http.HttpError;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The circuit breakers of the resilience layer, one per service the agents call: a breaker opens
 * while its service fails, stays closed for a moment after a reset (and opens again if the service
 * still fails), and closes by itself once the service has been healthy for the recovery timeout
 * (the half-open probe succeeds). The ObservabilityHub lists them.
 */
final class Breakers {
  static final String CLOUD = "cloud_llm";
  static final Duration REOPEN_AFTER_RESET = Duration.ofSeconds(1);
  static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(10);
  private static final String[] SERVICES = {
    "ModelManagerSuite",
    "SystemDigitalTwin",
    "RequestCoordinator",
    "MemoryClient",
    "KnowledgeBase",
    CLOUD
  };

  /** One breaker. */
  static final class Breaker {
    final String name;
    String state = "closed";
    long failures;
    Instant openedAt;
    Instant resetAt;
    Instant healthySince;
    int opened;
    int resets;

    Breaker(String name) {
      this.name = name;
    }
  }

  private final Map<String, Breaker> breakers = new LinkedHashMap<>();
  boolean cloudFailing;

  Breakers() {
    reset();
  }

  void reset() {
    breakers.clear();
    for (String service : SERVICES) {
      breakers.put(service, new Breaker(service));
    }
    cloudFailing = false;
  }

  /** Moves every breaker on: {@code failing} says whether calls to a service fail now. */
  void refresh(Instant now, Predicate<String> failing) {
    for (Breaker b : breakers.values()) {
      boolean fails = b.name.equals(CLOUD) ? cloudFailing : failing.test(b.name);
      if (fails) {
        b.healthySince = null;
        b.failures++;
        boolean graceOver = b.resetAt == null || !now.isBefore(b.resetAt.plus(REOPEN_AFTER_RESET));
        if (b.state.equals("closed") && graceOver) {
          b.state = "open";
          b.openedAt = now;
          b.opened++;
        }
      } else {
        if (b.healthySince == null) {
          b.healthySince = now;
        }
        if (b.state.equals("open")
            && !now.isBefore(b.openedAt.plus(RECOVERY_TIMEOUT))
            && !now.isBefore(b.healthySince.plus(RECOVERY_TIMEOUT))) {
          b.state = "closed";
          b.failures = 0;
        }
      }
    }
  }

  /** Resets (closes) a breaker by hand. */
  ObjectNode reset(String name, Instant now) {
    Breaker b = breakers.get(name);
    if (b == null) {
      throw HttpError.notFound("no circuit breaker '" + name + "'; known: " + breakers.keySet());
    }
    String before = b.state;
    b.state = "closed";
    b.failures = 0;
    b.resetAt = now;
    b.resets++;
    return view(b).put("before", before);
  }

  boolean isOpen(String name) {
    Breaker b = breakers.get(name);
    return b != null && b.state.equals("open");
  }

  Map<String, Breaker> all() {
    return breakers;
  }

  ObjectNode view(Breaker b) {
    ObjectNode node = Json.object();
    node.put("name", b.name);
    node.put("state", b.state);
    node.put("total_failures", b.failures);
    node.put("service", b.name);
    node.put("opened_at", b.openedAt == null ? null : b.openedAt.toString());
    node.put("times_opened", b.opened);
    node.put("resets", b.resets);
    return node;
  }

  /** The hub's {@code /circuit_breakers} answer: {@code {circuits: {name: {...}}}}. */
  ObjectNode view(String name) {
    Breaker b = breakers.get(name);
    if (b == null) {
      throw HttpError.notFound("no circuit breaker '" + name + "'; known: " + breakers.keySet());
    }
    return view(b);
  }

  ObjectNode list() {
    ObjectNode node = Json.object();
    ObjectNode circuits = node.putObject("circuits");
    breakers.values().forEach(b -> circuits.set(b.name, view(b)));
    return node;
  }
}
