package dev.runbooks.worker.metrics;

import com.uber.m3.tally.Scope;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.starter.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine's metrics: the tally scope that bridges Temporal's metrics (and the interpreter's) to
 * Micrometer, the histogram buckets of the engine's timers, and the approval gauges with their
 * refresh.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

  @Bean(destroyMethod = "close")
  Scope temporalMetricsScope(MeterRegistry registry, MetricsProperties properties) {
    return TemporalMetrics.scope(registry, properties.reportInterval());
  }

  @Bean
  MeterFilter runbookHistograms() {
    return new RunbookHistograms();
  }

  @Bean
  ApprovalGauges approvalGauges(
      WorkflowClient client, RunbookCatalog catalog, MeterRegistry registry) {
    return new ApprovalGauges(client, catalog, registry, Clock.systemUTC());
  }

  @Bean
  PeriodicTask approvalGaugesRefresh(ApprovalGauges gauges, MetricsProperties properties) {
    return new PeriodicTask("approval-gauges", properties.approvalsInterval(), gauges::refresh);
  }
}
