package dev.runbooks.worker.internal;

import dev.runbooks.worker.TemporalProperties;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Reports whether the Temporal frontend answers its gRPC health check. */
public final class TemporalHealthIndicator implements HealthIndicator {
  private final WorkflowServiceStubs stubs;
  private final TemporalProperties properties;

  TemporalHealthIndicator(WorkflowServiceStubs stubs, TemporalProperties properties) {
    this.stubs = stubs;
    this.properties = properties;
  }

  @Override
  public Health health() {
    Health.Builder health;
    try {
      var response = stubs.healthCheck();
      health = response.getStatus().name().equals("SERVING") ? Health.up() : Health.down();
      health.withDetail("status", response.getStatus().name());
    } catch (RuntimeException e) {
      health = Health.down().withDetail("error", String.valueOf(e.getMessage()));
    }
    return health
        .withDetail("target", properties.effectiveTarget())
        .withDetail("namespace", properties.namespace())
        .withDetail("embedded", properties.embedded())
        .build();
  }
}
