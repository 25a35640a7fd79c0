package dev.runbooks.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.starter.RunbookApiProperties;
import dev.runbooks.starter.intake.DispatchPoolProperties;
import dev.runbooks.starter.intake.IntakeProperties;
import dev.runbooks.starter.intake.WebhookProperties;
import dev.runbooks.worker.IntakeDatabaseProperties;
import dev.runbooks.worker.RunbookProperties;
import dev.runbooks.worker.TemporalProperties;
import dev.runbooks.worker.codec.CodecServerProperties;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * A bad {@code runbook.*} value stops start-up, and Spring Boot's failure report names the key: a
 * negative pool size, an unknown route type, a malformed duration, a datasource without its URL.
 * The application is the configuration properties alone (no web server, database or Temporal), so
 * each start takes a moment; the binding and validation are the application's own.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadPropertyStartupTest {

  /** The typed settings the failures below concern, bound and validated as in the application. */
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({
    RunbookProperties.class,
    IntakeDatabaseProperties.class,
    TemporalProperties.class,
    RunbookApiProperties.class,
    DispatchPoolProperties.class,
    IntakeProperties.class,
    WebhookProperties.class,
    CodecServerProperties.class
  })
  static class Settings {}

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "runbook.intake.database.pool-size | -1 | runbook.intake.database.pool-size",
        "runbook.intake.database.connection-timeout | 10ms |"
            + " runbook.intake.database.connection-timeout",
        "runbook.intake.webhook.writers | 0 | runbook.intake.webhook.writers",
        "runbook.intake.webhook.batch-max-wait | -1s | runbook.intake.webhook.batch-max-wait",
        "runbook.routes.oncall.type | carrier-pigeon | runbook.routes.oncall.type",
        "runbook.temporal.worker.sticky-queue-schedule-to-start-timeout | soon |"
            + " runbook.temporal.worker.sticky-queue-schedule-to-start-timeout",
        "runbook.temporal.worker.max-workflow-threads | 100 |"
            + " runbook.temporal.worker.max-workflow-threads",
        "runbook.datasources.orders.pool-size | 0 | runbook.datasources.orders.pool-size",
        "runbook.datasources.orders.username | app | runbook.datasources.orders.url",
        "runbook.intake.dispatcher.parallelism | 0 | runbook.intake.dispatcher.parallelism",
        "runbook.intake.dispatcher.max-wait | 0s | runbook.intake.dispatcher.max-wait",
        "runbook.intake.dispatcher.severity-order | 'critical,Critical' |"
            + " runbook.intake.dispatcher.severity-order",
        "runbook.api.list-limit | 0 | runbook.api.list-limit",
        "runbook.temporal.search-attributes | maybe | runbook.temporal.search-attributes",
        "runbook.intake.list-limit | 0 | runbook.intake.list-limit",
        "runbook.intake.retention | 2x | runbook.intake.retention",
        "runbook.codec.server.port | 70000 | runbook.codec.server.port",
      })
  void aBadValueStopsStartUpNamingTheKey(
      String key, String value, String named, CapturedOutput output) {
    List<String> args = new ArrayList<>(List.of("--" + key + "=" + value));
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(Settings.class)
                    .web(WebApplicationType.NONE)
                    .run(args.toArray(String[]::new))
                    .close())
        .isNotNull();
    // Plain or structured (JSON) logs, as the JVM's earlier tests left logging: one reading.
    String report = (output.getOut() + output.getErr()).replace("\\n", "\n");
    assertThat(report).contains("APPLICATION FAILED TO START").contains(named);
    assertThat(report.substring(report.lastIndexOf("APPLICATION FAILED TO START")))
        .as("the failure report names the key")
        .contains(named)
        .contains("Action:");
  }
}
