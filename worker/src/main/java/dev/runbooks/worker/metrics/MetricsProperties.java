package dev.runbooks.worker.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The engine's metrics ({@code runbook.metrics.*}); they are served on {@code /actuator/prometheus}
 * (see docs/metrics.md).
 *
 * @param reportInterval how often the Temporal SDK's metrics scope (Temporal's own metrics and the
 *     interpreter's run, step and escalation metrics) hands its counters and gauges to Micrometer;
 *     timers are handed over at once
 * @param approvalsInterval how often the approval gauges ({@code runbook_approvals_waiting}, {@code
 *     runbook_approvals_oldest_age_seconds}) are refreshed from Temporal's visibility; {@code 0s}
 *     turns them off
 */
@Validated
@ConfigurationProperties("runbook.metrics")
public record MetricsProperties(
    @DefaultValue("10s") Duration reportInterval, @DefaultValue("30s") Duration approvalsInterval) {

  /** Checks the intervals. */
  public MetricsProperties {
    if (reportInterval.isZero() || reportInterval.isNegative()) {
      throw new IllegalArgumentException(
          "runbook.metrics.report-interval must be longer than 0s, got " + reportInterval);
    }
    if (approvalsInterval.isNegative()) {
      throw new IllegalArgumentException(
          "runbook.metrics.approvals-interval must be 0s (off) or longer, got "
              + approvalsInterval);
    }
  }
}
