package dev.runbooks.worker.internal;

import dev.runbooks.worker.TemporalProperties;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Reports whether the Temporal frontend answers its gRPC health check. */
public final class TemporalHealthIndicator implements HealthIndicator {
  private final WorkflowServiceStubs stubs;
  private final TemporalProperties properties;
  private final TemporalConnection connection;

  TemporalHealthIndicator(
      WorkflowServiceStubs stubs, TemporalProperties properties, TemporalConnection connection) {
    this.stubs = stubs;
    this.properties = properties;
    this.connection = connection;
  }

  @Override
  public Health health() {
    Health.Builder health;
    try {
      var response = stubs.healthCheck();
      health = response.getStatus().name().equals("SERVING") ? Health.up() : Health.down();
      health.withDetail("status", response.getStatus().name());
    } catch (RuntimeException e) {
      String tls = TlsContexts.explain(e, connection);
      health =
          Health.down().withDetail("error", tls != null ? tls : String.valueOf(e.getMessage()));
    }
    return health
        .withDetail("target", connection.target())
        .withDetail("namespace", connection.namespace())
        .withDetail("tls", connection.tls() != null)
        .withDetail("embedded", properties.embedded())
        .build();
  }
}
