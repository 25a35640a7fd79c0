package dev.runbooks.testbed.razar;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One component RAZAR manages, from {@code config/razar_config.yaml}: its priority (boot order),
 * status ({@code stopped}, {@code starting}, {@code running}, {@code failed}, {@code down} for
 * maintenance, {@code quarantined}), when it started and when it last sent a heartbeat.
 */
final class Component {
  final String name;
  final int priority;
  final String description;
  String status = "running";
  Instant startedAt;
  Instant lastHeartbeat;
  Instant hungAt;
  String lastError;
  int restarts;
  boolean patched;

  Component(String name, int priority, String description, Instant now) {
    this.name = name;
    this.priority = priority;
    this.description = description;
    this.startedAt = now.minus(Duration.ofHours(6));
    this.lastHeartbeat = now;
  }

  /** Seconds since the last heartbeat. */
  double heartbeatAge(Instant now) {
    return lastHeartbeat == null ? -1 : Duration.between(lastHeartbeat, now).toMillis() / 1000.0;
  }

  /** Running, with a heartbeat younger than the staleness limit. */
  boolean healthy(Instant now, Duration stale) {
    return status.equals("running") && heartbeatAge(now) < stale.toMillis() / 1000.0;
  }

  Map<String, Object> view(Instant now, Duration stale) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("priority", priority);
    m.put("description", description);
    m.put("status", status);
    m.put("healthy", healthy(now, stale));
    m.put("started_at", startedAt == null ? null : startedAt.toString());
    m.put("last_heartbeat", lastHeartbeat == null ? null : lastHeartbeat.toString());
    m.put("heartbeat_age_seconds", heartbeatAge(now));
    m.put("last_error", lastError);
    m.put("restarts", restarts);
    return m;
  }
}
