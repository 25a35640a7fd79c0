package dev.runbooks.testbed.juggernaut;

import dev.runbooks.testbed.http.HttpError;
import dev.runbooks.testbed.http.Request;
import dev.runbooks.testbed.http.Response;
import dev.runbooks.testbed.http.Router;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The circuit breaker API of {@code core.circuit_breaker} ({@code get_circuit_breaker_status},
 * {@code reset_circuit_breaker}, {@code reset_all_circuit_breakers}, {@code
 * update_circuit_breaker_settings}) and the providers' status pages.
 */
final class BreakerRoutes {
  private final Breakers breakers;
  private final JuggernautLog log;
  private final Supplier<Map<String, Double>> budgets;

  BreakerRoutes(Breakers breakers, JuggernautLog log, Supplier<Map<String, Double>> budgets) {
    this.breakers = breakers;
    this.log = log;
    this.budgets = budgets;
  }

  void routes(Router r) {
    r.get("/api/circuit-breakers", q -> Response.ok(Map.of("breakers", breakerViews())));
    r.get("/api/circuit-breakers/{name}", q -> Response.ok(view(breaker(q))));
    r.post("/api/circuit-breakers/reset-all", this::resetAll);
    r.post("/api/circuit-breakers/{name}/reset", this::reset);
    r.put("/api/circuit-breakers/{name}/settings", this::settings);
    r.get(
        "/api/providers/{name}/status",
        q -> Response.ok(breakers.providerStatus(breaker(q), budgets.get())));
  }

  private Breakers.Breaker breaker(Request q) {
    Breakers.Breaker b = breakers.get(q.param("name"));
    if (b == null) {
      throw HttpError.notFound(
          "no circuit breaker '" + q.param("name") + "'; known: " + breakers.all().keySet());
    }
    return b;
  }

  private Map<String, Object> view(Breakers.Breaker b) {
    return breakers.view(b, budgets.get());
  }

  private List<Map<String, Object>> breakerViews() {
    Map<String, Double> now = budgets.get();
    return breakers.all().values().stream().map(b -> breakers.view(b, now)).toList();
  }

  private Response reset(Request q) {
    Breakers.Breaker b = breaker(q);
    breakers.resetBreaker(b);
    log.info("core.circuit_breaker", "circuit breaker " + b.service + " reset to CLOSED");
    return Response.ok(view(b));
  }

  private Response resetAll(Request q) {
    breakers.all().values().forEach(breakers::resetBreaker);
    log.info("core.circuit_breaker", "all circuit breakers reset to CLOSED");
    return Response.ok(Map.of("breakers", breakerViews()));
  }

  private Response settings(Request q) {
    Breakers.Breaker b = breaker(q);
    int threshold = (int) q.number("failure_threshold", b.failureThreshold);
    int timeout = (int) q.number("reset_timeout", b.resetTimeout);
    if (threshold < 1 || timeout < 1) {
      throw new IllegalArgumentException("failure_threshold and reset_timeout must be positive");
    }
    b.failureThreshold = threshold;
    b.resetTimeout = timeout;
    log.info(
        "core.circuit_breaker",
        "circuit breaker "
            + b.service
            + " settings: failure_threshold="
            + threshold
            + ", reset_timeout="
            + timeout);
    return Response.ok(view(b));
  }
}
