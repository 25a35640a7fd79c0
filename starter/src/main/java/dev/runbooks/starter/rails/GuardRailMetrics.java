package dev.runbooks.starter.rails;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * The guard rails' meters: {@code runbook_alerts_limited_total{runbook,limit}}, {@code
 * runbook_trips_total{runbook}}, {@code runbook_alerts_disabled_total{runbook}}, and the gauges
 * {@code runbook_guard_rails_disabled} (kill switches in force, all automation counting as one) and
 * {@code runbook_guard_rails_tripped} (runbooks tripped), refreshed by each dispatcher pass.
 */
public final class GuardRailMetrics {
  private final MeterRegistry registry;

  /**
   * Registers the gauges in the registry.
   *
   * @param disabled counts the kill switches in force
   * @param tripped counts the runbooks tripped
   */
  public GuardRailMetrics(
      MeterRegistry registry, Supplier<Number> disabled, Supplier<Number> tripped) {
    this.registry = registry;
    Gauge.builder("runbook.guard-rails.disabled", () -> safely(disabled))
        .description("kill switches in force (a runbook's, or all automation's)")
        .register(registry);
    Gauge.builder("runbook.guard-rails.tripped", () -> safely(tripped))
        .description("runbooks whose automatic starts are paused by a trip")
        .register(registry);
  }

  /** The value, or NaN while the database does not answer. */
  private static Number safely(Supplier<Number> value) {
    try {
      return value.get();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * Counts an alert a start limit held back; {@code limit} is {@code runs} or {@code perTarget}.
   */
  public void limited(String runbook, String limit) {
    Counter.builder("runbook.alerts.limited")
        .description("alerts a start limit held back")
        .tag("runbook", runbook)
        .tag("limit", limit)
        .register(registry)
        .increment();
  }

  /** Counts a runbook tripping. */
  public void tripped(String runbook) {
    Counter.builder("runbook.trips")
        .description("runbooks tripped by their start limits")
        .tag("runbook", runbook)
        .register(registry)
        .increment();
  }

  /** Counts an alert held back by a kill switch. */
  public void disabled(String runbook) {
    Counter.builder("runbook.alerts.disabled")
        .description("alerts held back by a kill switch")
        .tag("runbook", runbook)
        .register(registry)
        .increment();
  }
}
