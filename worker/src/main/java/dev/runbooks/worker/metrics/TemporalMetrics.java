package dev.runbooks.worker.metrics;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.time.Duration;

/**
 * The tally scope the Temporal service stubs get as their metrics scope: Temporal's own metrics
 * ({@code temporal_*}) and what workflow and activity code emits through {@code
 * Workflow.getMetricsScope()} and the activity context's scope go to the application's Micrometer
 * registry, and so to {@code /actuator/prometheus}.
 */
public final class TemporalMetrics {
  private TemporalMetrics() {}

  /**
   * A root scope reporting into the registry every {@code interval} (counters and gauges; timers
   * are recorded at once). Closing the scope reports what is buffered and leaves the registry open:
   * the application owns it.
   */
  public static Scope scope(MeterRegistry registry, Duration interval) {
    return new RootScopeBuilder()
        .reporter(new KeepRegistryOpen(registry))
        .reportEvery(com.uber.m3.util.Duration.ofMillis(interval.toMillis()));
  }

  /** Temporal's reporter closes the registry when the scope closes; this one only flushes. */
  private static final class KeepRegistryOpen extends MicrometerClientStatsReporter {
    KeepRegistryOpen(MeterRegistry registry) {
      super(registry);
    }

    @Override
    public void close() {
      flush();
    }
  }
}
