package dev.runbooks.testbed.unified;

import dev.runbooks.testbed.http.Metrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The unified system's Prometheus metrics, named after the seed's queries where it has them: {@code
 * unified_agent_up{required="true"}} (the seed's {@code up{job="unified_agents", required="true"}}:
 * one port serves every agent here, so Prometheus' own {@code up} cannot tell agents apart), {@code
 * process_resident_memory_bytes} by agent, {@code llm_routing_decisions_total} and {@code
 * system_health_score}, plus VRAM, circuit breakers, the LazyLoader queue and heartbeats.
 */
final class UnifiedMetrics {
  private static final double MIB = 1024 * 1024;

  private UnifiedMetrics() {}

  static void write(UnifiedModel model, Metrics m) {
    model.refresh();
    Instant now = model.now();
    List<Agent> agents = model.registered();
    for (Agent a : agents) {
      m.gauge(
          "unified_agent_up",
          "1 when the agent answers its health check.",
          Map.of(
              "agent", a.spec.name(),
              "required", Boolean.toString(a.spec.essential()),
              "group", a.spec.group()),
          a.healthy() && !model.hung ? 1 : 0);
    }
    for (Agent a : agents) {
      if (a.alive()) {
        m.gauge(
            "process_resident_memory_bytes",
            "Resident memory of the agent's process.",
            Map.of("agent", a.spec.name()),
            Math.round(a.memoryMb(now) * MIB));
      }
    }
    for (Agent a : agents) {
      if (a.alive()) {
        m.gauge(
            "unified_agent_heartbeat_age_seconds",
            "Seconds since the agent's last heartbeat to the ObservabilityHub.",
            Map.of("agent", a.spec.name()),
            model.heartbeatAgeSeconds());
      }
    }
    for (Agent a : model.agents.values()) {
      if (a.starts > 0) {
        m.counter(
            "unified_agent_starts_total",
            "Times the agent's process was started.",
            Map.of("agent", a.spec.name()),
            a.starts);
      }
    }
    model
        .gpu
        .byAgent(model.agents)
        .forEach(
            (agent, mb) ->
                m.gauge(
                    "unified_agent_vram_bytes",
                    "GPU memory the agent's process holds.",
                    Map.of("agent", agent),
                    mb * MIB));
    m.gauge(
        "unified_memory_budget_bytes",
        "The memory the running profile is budgeted.",
        model.catalog.profile(model.profile).memoryMb() * MIB);
    m.gauge("unified_vram_used_bytes", "GPU memory in use.", model.gpu.usedMb(model.agents) * MIB);
    m.gauge("unified_vram_total_bytes", "GPU memory in all.", Gpu.TOTAL_MB * MIB);
    m.gauge(
        "unified_vram_limit_bytes",
        "The ModelManagerSuite's VRAM limit (VRAM_LIMIT_MB).",
        model.gpu.limitMb * MIB);
    model
        .breakers
        .all()
        .values()
        .forEach(
            b ->
                m.gauge(
                    "unified_circuit_breaker_open",
                    "1 while the circuit breaker is open.",
                    Map.of("breaker", b.name),
                    b.state.equals("open") ? 1 : 0));
    m.gauge(
        "unified_lazyloader_queue_size", "Loads waiting in the LazyLoader.", model.loader.size());
    m.gauge(
        "unified_lazyloader_oldest_wait_seconds",
        "How long the oldest queued load has waited.",
        model.loader.oldestWaitSeconds(now));
    m.counter(
        "unified_lazyloader_load_failures_total",
        "Agent loads that failed.",
        Map.of(),
        model.loader.failures);
    model.loader.lastLoadSeconds.forEach(
        (agent, seconds) ->
            m.gauge(
                "unified_agent_load_seconds",
                "How long the agent's last on-demand load took, from request to healthy.",
                Map.of("agent", agent),
                seconds));
    m.counter(
        "llm_routing_decisions_total",
        "Tasks the hybrid LLM router sent to each route.",
        Map.of("route", "local"),
        model.routedLocal);
    m.counter(
        "llm_routing_decisions_total",
        "Tasks the hybrid LLM router sent to each route.",
        Map.of("route", "cloud"),
        model.routedCloud);
    m.gauge(
        "system_health_score",
        "Share of the profile's essential agents that are healthy (0 while the system hangs).",
        model.healthScore());
    m.gauge("unified_profile_info", "The selected profile.", Map.of("profile", model.profile), 1);
    m.gauge("unified_disk_used_percent", "Use of the /workspace disk.", model.disk.usedPercent());
    m.gauge(
        "unified_config_valid",
        "1 when the startup configuration in service validates.",
        model.config.problems().isEmpty() ? 1 : 0);
  }
}
