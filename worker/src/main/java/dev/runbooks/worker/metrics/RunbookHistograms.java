package dev.runbooks.worker.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fixed histogram buckets for the engine's own timers, sized for what they measure (steps from
 * milliseconds to hours, runs and recoveries from seconds to a day), instead of Micrometer's
 * default percentile buckets, which stop at 30 s; and 15 buckets from 1 ms to 5 min for Temporal's
 * timers ({@code temporal_*}), which otherwise get about 70 each, per workflow type. Prometheus
 * computes p50/p95 from the {@code _bucket} series with {@code histogram_quantile}.
 */
final class RunbookHistograms implements MeterFilter {
  /** The bucket bounds of each timer, by Micrometer name. */
  static final Map<String, Duration[]> BUCKETS =
      Map.of(
          "runbook.step.duration",
          durations(
              "PT0.01S", "PT0.05S", "PT0.1S", "PT0.25S", "PT0.5S", "PT1S", "PT2.5S", "PT5S",
              "PT10S", "PT30S", "PT1M", "PT2M", "PT5M", "PT15M", "PT30M", "PT1H", "PT4H"),
          "runbook.run.duration",
          durations(
              "PT1S", "PT5S", "PT15S", "PT30S", "PT1M", "PT2M", "PT5M", "PT10M", "PT20M", "PT30M",
              "PT1H", "PT2H", "PT4H", "PT8H", "PT24H"),
          "runbook.time.to.recover",
          durations(
              "PT1M", "PT2M", "PT5M", "PT10M", "PT15M", "PT20M", "PT30M", "PT45M", "PT1H", "PT2H",
              "PT4H", "PT8H", "PT24H"),
          "runbook.alerts.dispatch.latency",
          durations(
              "PT0.01S",
              "PT0.025S",
              "PT0.05S",
              "PT0.1S",
              "PT0.25S",
              "PT0.5S",
              "PT1S",
              "PT2.5S",
              "PT5S",
              "PT10S",
              "PT30S",
              "PT1M",
              "PT5M"));

  /** The bucket bounds of Temporal's timers. */
  static final Duration[] TEMPORAL_BUCKETS =
      durations(
          "PT0.001S",
          "PT0.005S",
          "PT0.01S",
          "PT0.025S",
          "PT0.05S",
          "PT0.1S",
          "PT0.25S",
          "PT0.5S",
          "PT1S",
          "PT2.5S",
          "PT5S",
          "PT10S",
          "PT30S",
          "PT1M",
          "PT5M");

  @Override
  public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
    Duration[] buckets = BUCKETS.get(id.getName());
    if (buckets == null
        && id.getType() == Meter.Type.TIMER
        && id.getName().startsWith("temporal_")) {
      buckets = TEMPORAL_BUCKETS;
    }
    if (buckets == null) {
      return config;
    }
    return DistributionStatisticConfig.builder()
        .percentilesHistogram(false)
        .serviceLevelObjectives(Stream.of(buckets).mapToDouble(d -> d.toNanos()).toArray())
        .build()
        .merge(config);
  }

  private static Duration[] durations(String... iso) {
    return Stream.of(iso).map(Duration::parse).toArray(Duration[]::new);
  }
}
