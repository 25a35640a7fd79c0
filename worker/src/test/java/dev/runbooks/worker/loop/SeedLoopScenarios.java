package dev.runbooks.worker.loop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One procedure per seed system for {@link SeedMonitoringLoopTest}: the fault, the alert rule of
 * {@code docker/prometheus/rules} it makes fire, the runbook that alert starts, and how the
 * system's {@code /admin/state} shows the runbook fixed it (which is also when the rule's metric
 * goes back to normal, so the alert resolves).
 */
final class SeedLoopScenarios {
  /** A trigger's default: a resolve that finds its run in flight is signalled to it. */
  static final String SIGNAL = "signal";

  /** {@code onResolved: ignore}: the dispatcher records the resolve but leaves the run alone. */
  static final String IGNORE = "ignore";

  /**
   * One seed procedure driven by monitoring.
   *
   * @param system the testbed system (and Prometheus job)
   * @param alertname the rule's alert
   * @param runbook the runbook the alert starts
   * @param fault the fault to inject ({@code POST /admin/faults/{fault}})
   * @param params the fault's parameters
   * @param recoveredWhen what {@code recovered} checks, for failure messages
   * @param recovered holds on the system's {@code /admin/state} once the runbook fixed it
   * @param companions other alerts the fault may make hold (pending or firing) on the system's
   *     instance; any other is a second runbook the same fault would start
   * @param onResolved the trigger's {@code onResolved}: {@link #SIGNAL} or {@link #IGNORE}
   * @param watchesAfterFix whether the runbook keeps watching the system for ten seconds or so
   *     after its fix, long enough for the resolve (a scrape, an evaluation and a group interval,
   *     all one second here) to find the run in flight; without such a watch the run may close
   *     first
   */
  record Scenario(
      String system,
      String alertname,
      String runbook,
      String fault,
      Map<String, Object> params,
      String recoveredWhen,
      Predicate<JsonNode> recovered,
      Set<String> companions,
      String onResolved,
      boolean watchesAfterFix) {
    @Override
    public String toString() {
      return system + ": " + fault + " -> " + alertname + " -> " + runbook;
    }
  }

  private SeedLoopScenarios() {}

  /** The scenarios, one per seed system. */
  static List<Scenario> all() {
    return List.of(
        // A corrupt model opens the generation breaker; the runbook downloads and reloads the
        // model, resets the breaker and watches it stay closed for 10s (verify_closed). (Memory
        // pressure would also fire JarvisHighMemory, and start jarvis-high-memory beside it.)
        new Scenario(
            "jarvis",
            "JarvisCircuitBreakerOpen",
            "jarvis-circuit-breaker-open",
            "model_corruption",
            Map.of("model", "lfm-1.2b"),
            "circuit model_generation closed, model lfm-1.2b loaded, no fault left",
            s ->
                s.path("circuits").path("model_generation").path("state").asText().equals("closed")
                    && s.path("models").path(0).path("status").asText().equals("loaded")
                    && s.path("faults").isEmpty(),
            Set.of(),
            SIGNAL,
            true),
        // An essential agent crashes; the runbook reads its logs, restarts it
        // (unified-restart-agent) and checks the essential agents. Its trigger ignores resolves.
        // (An agent behind a circuit breaker, such as ModelManagerSuite, would also open its
        // breaker and fire CircuitBreakerOpen.)
        new Scenario(
            "unified",
            "EssentialAgentDown",
            "unified-essential-agent-down",
            "agent_down",
            Map.of("agent", "SessionMemoryAgent"),
            "agent SessionMemoryAgent healthy",
            s -> s.path("agents").path("SessionMemoryAgent").path("healthy").asBoolean(),
            Set.of(),
            IGNORE,
            false),
        // The connection pool is exhausted; one restart resets it, then juggernaut-verify runs a
        // test task and looks at the log.
        new Scenario(
            "juggernaut",
            "JuggernautDatabaseDown",
            "juggernaut-database-connection",
            "pool_exhausted",
            Map.of(),
            "database.error null, fault pool_exhausted gone",
            s ->
                s.path("database").path("error").isNull()
                    && !s.path("faults").has("pool_exhausted"),
            Set.of(),
            SIGNAL,
            false),
        // The network service hangs; the runbook goes offline on the cached models, restarts the
        // network and returns online. The symptoms may hold meanwhile; Alertmanager's inhibit
        // rule keeps them from starting the triage.
        new Scenario(
            "miniminimoon",
            "MiniminimoonNetworkDown",
            "miniminimoon-network-failure-full",
            "network_failure",
            Map.of("cause", "service"),
            "recovered, no network outage, mode online",
            s ->
                s.path("recovered").asBoolean()
                    && !s.path("network").path("outage").asBoolean()
                    && s.path("network").path("config").path("mode").asText().equals("online"),
            Set.of(
                "MiniminimoonPipelineDegraded",
                "MiniminimoonComponentErrors",
                "MiniminimoonLatencyHigh"),
            SIGNAL,
            false),
        // memory_store stops sending heartbeats; the runbook restarts it and watches the
        // heartbeat for 10s (watch).
        new Scenario(
            "razar",
            "RazarComponentHeartbeatLost",
            "razar-heartbeat-loss",
            "heartbeat_loss",
            Map.of("component", "memory_store"),
            "component memory_store healthy, fault heartbeat_loss gone",
            s ->
                s.path("components").path("memory_store").path("healthy").asBoolean()
                    && !s.path("faults").toString().contains("heartbeat_loss"),
            Set.of(),
            SIGNAL,
            true));
  }
}
