package dev.runbooks.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.worker.internal.StartupMisconfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What an operator reads when the application refuses to start: Spring Boot's failure report with
 * what is wrong and what to do, naming DATABASE_URL and the dev switch, and no stack trace in it.
 * The tests' own {@code application.properties} turns the dev switch on; these turn it off again.
 */
@ExtendWith(OutputCaptureExtension.class)
class DevSwitchStartupTest {

  @Test
  void withoutADatabaseTheApplicationDoesNotStartAndSaysWhatToSet(CapturedOutput output) {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(RunbookApplication.class)
                    .run(
                        "--server.port=0",
                        "--runbook.dev.enabled=false",
                        "--runbook.catalog.dir=src/test/resources/runbooks"))
        .isInstanceOf(StartupMisconfiguration.class)
        .hasMessage(
            "No database is configured for the alert inbox: DATABASE_URL and"
                + " spring.datasource.url are both unset, and the embedded PostgreSQL is for"
                + " development only (its data is lost with the container). Set DATABASE_URL"
                + " (postgres://user:password@host:5432/database) or spring.datasource.url to a"
                + " PostgreSQL server. For development, start runbook-worker-dev.jar with"
                + " RUNBOOK_DEV_ENABLED=true (runbook.dev.enabled) to get an embedded PostgreSQL.");
    // Plain or structured (JSON) logs, as the JVM's earlier tests left logging: one reading.
    String report = (output.getOut() + output.getErr()).replace("\\n", "\n");
    assertThat(report)
        .contains("APPLICATION FAILED TO START")
        .contains(
            "Description:\n\nNo database is configured for the alert inbox: DATABASE_URL and"
                + " spring.datasource.url are both unset")
        .contains("Action:\n\nSet DATABASE_URL (postgres://user:password@host:5432/database)");
  }

  @Test
  void theEmbeddedTemporalServerNeedsTheDevSwitch(CapturedOutput output) {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(RunbookApplication.class)
                    .run(
                        "--server.port=0",
                        "--runbook.dev.enabled=false",
                        "--runbook.temporal.embedded=true",
                        "--DATABASE_URL=postgres://u:p@127.0.0.1:1/db",
                        "--runbook.catalog.dir=src/test/resources/runbooks"))
        .isInstanceOf(StartupMisconfiguration.class)
        .hasMessage(
            "runbook.temporal.embedded=true starts the in-memory Temporal test server, whose runs"
                + " are lost when the process stops; it needs the dev switch. Point"
                + " runbook.temporal.target at a Temporal server and remove"
                + " runbook.temporal.embedded. For development, start runbook-worker-dev.jar with"
                + " RUNBOOK_DEV_ENABLED=true (runbook.dev.enabled).");
    assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START");
  }
}
