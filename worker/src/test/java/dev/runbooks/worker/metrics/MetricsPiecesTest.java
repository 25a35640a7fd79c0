package dev.runbooks.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.uber.m3.tally.Scope;
import dev.runbooks.starter.PeriodicTask;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The small parts of the metrics configuration: the Temporal scope leaves the application's
 * registry open when it closes, the log format switch, the property checks, and the periodic
 * refresh surviving a failing task.
 */
class MetricsPiecesTest {

  @Test
  void closingTheTemporalScopeReportsAndLeavesTheRegistryOpen() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Scope scope = TemporalMetrics.scope(registry, Duration.ofHours(1));
    scope.tagged(Map.of("runbook", "x")).counter("runbook.runs.started").inc(3);
    scope.close();
    assertThat(registry.isClosed()).isFalse();
    // the scope's last report may land on its reporting thread just after close() returns
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
    while (registry.find("runbook.runs.started").tag("runbook", "x").counter() == null
        && java.time.Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    assertThat(registry.get("runbook.runs.started").tag("runbook", "x").counter().count())
        .isEqualTo(3);
  }

  @Test
  void jsonTurnsOnEcsConsoleLoggingAndAnExplicitFormatWins() {
    assertThat(structured(Map.of("runbook.log.format", "json"))).isEqualTo("ecs");
    assertThat(structured(Map.of("runbook.log.format", " LOGSTASH "))).isEqualTo("logstash");
    assertThat(structured(Map.of("runbook.log.format", "text"))).isNull();
    assertThat(structured(Map.of())).isNull();
    assertThat(
            structured(
                Map.of("runbook.log.format", "json", "logging.structured.format.console", "gelf")))
        .isEqualTo("gelf");
  }

  @Test
  void anUnknownLogFormatStopsTheStartNamingTheChoices() {
    assertThatThrownBy(() -> structured(Map.of("runbook.log.format", "yaml")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "runbook.log.format (RUNBOOK_LOG_FORMAT) must be text, json, ecs, logstash or gelf,"
                + " got 'yaml'");
  }

  @Test
  void intervalsMustBePositiveOrOff() {
    assertThat(new MetricsProperties(Duration.ofSeconds(1), Duration.ZERO).approvalsInterval())
        .isZero();
    assertThatThrownBy(() -> new MetricsProperties(Duration.ZERO, Duration.ofSeconds(30)))
        .hasMessageContaining("runbook.metrics.report-interval must be longer than 0s");
    assertThatThrownBy(() -> new MetricsProperties(Duration.ofSeconds(1), Duration.ofSeconds(-1)))
        .hasMessageContaining("runbook.metrics.approvals-interval must be 0s (off) or longer");
  }

  @Test
  void aFailingRefreshRunsAgainAndAZeroIntervalNeverRuns() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    PeriodicTask refresh =
        new PeriodicTask(
            "test-refresh",
            Duration.ofMillis(10),
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first one fails");
              }
            });
    refresh.start();
    for (int i = 0; i < 500 && calls.get() < 3; i++) {
      Thread.sleep(10);
    }
    refresh.stop();
    assertThat(calls.get()).isGreaterThanOrEqualTo(3);
    assertThat(refresh.isRunning()).isFalse();

    AtomicInteger never = new AtomicInteger();
    PeriodicTask off = new PeriodicTask("off", Duration.ZERO, never::incrementAndGet);
    off.start();
    assertThat(off.isRunning()).isFalse();
    assertThat(never.get()).isZero();
  }

  private static String structured(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    new LogFormatEnvironment().postProcessEnvironment(environment, null);
    return environment.getProperty("logging.structured.format.console");
  }
}
