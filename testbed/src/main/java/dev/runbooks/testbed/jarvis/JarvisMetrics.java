package dev.runbooks.testbed.jarvis;

import dev.runbooks.testbed.http.HttpError;
import dev.runbooks.testbed.http.Metrics;
import java.util.List;
import java.util.Map;

/**
 * JARVIS's Prometheus metrics. A process that is not running (or hung) cannot be scraped, so the
 * scrape fails and Prometheus records {@code up == 0}.
 */
final class JarvisMetrics {
  private JarvisMetrics() {}

  static void write(Jarvis j, Metrics m) {
    if (!j.service.running()) {
      throw HttpError.unavailable("JARVIS is " + j.service.state.name().toLowerCase());
    }
    var now = j.clock.instant();
    m.gauge("jarvis_info", "JARVIS version.", Map.of("version", Jarvis.VERSION), 1);
    m.gauge("jarvis_memory_used_percent", "Memory in use, percent.", j.memory.percent(true));
    m.gauge("jarvis_memory_available_mb", "Memory available, MB.", j.memory.availableMb(true));
    m.gauge(
        "jarvis_memory_pressure_level",
        "Memory pressure: 0 green, 1 yellow, 2 red, 3 critical.",
        List.of("green", "yellow", "red", "critical").indexOf(j.memory.pressure(true)));
    m.gauge("jarvis_emergency_mode", "1 while emergency mode is on.", j.emergencyMode ? 1 : 0);
    for (Breakers.Breaker b : j.breakers.all().values()) {
      for (String state : List.of("closed", "open", "half_open")) {
        m.gauge(
            "jarvis_circuit_state",
            "1 for the circuit breaker's current state.",
            Map.of("circuit", b.name, "state", state),
            b.state.equals(state) ? 1 : 0);
      }
    }
    for (Breakers.Breaker b : j.breakers.all().values()) {
      m.counter(
          "jarvis_circuit_failures_total",
          "Calls that failed through the breaker.",
          Map.of("circuit", b.name),
          b.totalFailures);
    }
    for (Breakers.Breaker b : j.breakers.all().values()) {
      m.counter(
          "jarvis_circuit_fallbacks_total",
          "Calls answered by the fallback while the breaker was open.",
          Map.of("circuit", b.name),
          b.fallbacks);
    }
    for (Models.Model model : j.models.all()) {
      m.gauge(
          "jarvis_model_loaded",
          "1 while the model is loaded.",
          Map.of("model", model.name),
          model.loaded() ? 1 : 0);
    }
    m.gauge(
        "jarvis_task_queue_corrupted",
        "1 when the task queue file is corrupt.",
        j.tasks.corrupted ? 1 : 0);
    if (!j.tasks.corrupted) {
      for (String s : List.of("pending", "running", "completed", "failed", "cancelled")) {
        m.gauge("jarvis_tasks", "Tasks by status.", Map.of("status", s), j.tasks.count(s));
      }
      for (String s : List.of("idle", "busy", "stuck")) {
        m.gauge(
            "jarvis_workers",
            "Task workers by status.",
            Map.of("status", s),
            j.tasks.workers.stream().filter(w -> w.status.equals(s)).count());
      }
    }
    m.gauge(
        "jarvis_db_up", "1 when the iMessage database answers.", j.db.errorCode() == null ? 1 : 0);
    if (j.db.errorCode() != null) {
      m.gauge(
          "jarvis_db_error",
          "1 for the current database error code.",
          Map.of("code", j.db.errorCode()),
          1);
    }
    var limits = j.limits;
    m.gauge(
        "jarvis_ratelimit_limit_per_minute",
        "The rate limit per client.",
        Map.of("endpoint", "generation"),
        limits.generationLimit);
    m.gauge(
        "jarvis_ratelimit_limit_per_minute",
        "The rate limit per client.",
        Map.of("endpoint", "read"),
        limits.readLimit);
    m.counter(
        "jarvis_requests_total",
        "Requests accepted or refused.",
        Map.of("endpoint", "generation"),
        Math.floor(limits.generationRequests));
    m.counter(
        "jarvis_requests_total",
        "Requests accepted or refused.",
        Map.of("endpoint", "read"),
        Math.floor(limits.readRequests));
    m.counter(
        "jarvis_ratelimit_rejected_total",
        "Requests refused with 429.",
        Map.of("endpoint", "generation"),
        Math.floor(limits.generationRejected));
    m.counter(
        "jarvis_ratelimit_rejected_total",
        "Requests refused with 429.",
        Map.of("endpoint", "read"),
        Math.floor(limits.readRejected));
    m.gauge(
        "jarvis_ratelimit_rejecting_per_minute",
        "Requests per minute currently refused with 429.",
        limits.rejectingGeneration(now) + limits.rejectingRead(now));
    m.gauge("jarvis_disk_used_percent", "Disk use of ~/.jarvis, percent.", j.diskPercent);
  }
}
