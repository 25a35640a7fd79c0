package dev.runbooks.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.runbooks.starter.inbox.internal.InboxStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dev switch decides, before any bean exists, whether the process may start: the exact messages
 * an operator reads when it may not, and the beans it gets when it may. The production jar is this
 * classpath without the embedded PostgreSQL and the Temporal test server ({@link
 * FilteredClassLoader}).
 */
class DevSwitchTest {
  static final String NO_DATABASE =
      "No database is configured for the alert inbox: DATABASE_URL and spring.datasource.url are"
          + " both unset, and the embedded PostgreSQL is for development only (its data is lost"
          + " with the container). Set DATABASE_URL (postgres://user:password@host:5432/database)"
          + " or spring.datasource.url to a PostgreSQL server. For development, start"
          + " runbook-worker-dev.jar with RUNBOOK_DEV_ENABLED=true (runbook.dev.enabled) to get an"
          + " embedded PostgreSQL.";
  static final String EMBEDDED_TEMPORAL =
      "runbook.temporal.embedded=true starts the in-memory Temporal test server, whose runs are"
          + " lost when the process stops; it needs the dev switch. Point runbook.temporal.target"
          + " at a Temporal server and remove runbook.temporal.embedded. For development, start"
          + " runbook-worker-dev.jar with RUNBOOK_DEV_ENABLED=true (runbook.dev.enabled).";
  static final String PRODUCTION_JAR =
      "RUNBOOK_DEV_ENABLED=true (runbook.dev.enabled) but this is the production jar: it has"
          + " neither the embedded PostgreSQL nor the Temporal test server. For development, start"
          + " runbook-worker-dev.jar instead. In production remove RUNBOOK_DEV_ENABLED and set"
          + " DATABASE_URL and runbook.temporal.target.";

  /** The production jar: the dev dependencies' packages are not there. */
  static final FilteredClassLoader PRODUCTION_CLASSES =
      new FilteredClassLoader("io.zonky.test.db.postgres", "io.temporal.testserver");

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(
              DevSwitch.class,
              IntakeDatabaseConfiguration.class,
              DevConfiguration.class,
              InboxOverTheDatabase.class);

  /**
   * The inbox store the intake auto-configuration makes in the application, here over the intake
   * database alone: the inbox health indicator reads through it.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "runbook.intake", name = "enabled", matchIfMissing = true)
  static class InboxOverTheDatabase {
    @Bean
    InboxStore inboxStore(HikariDataSource intakeDataSource) {
      return new InboxStore(Jdbi.create(intakeDataSource));
    }
  }

  @Test
  void withoutADatabaseOrTheDevSwitchStartUpFailsNamingDatabaseUrlAndTheSwitch() {
    runner.run(
        context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure())
              .isInstanceOf(StartupMisconfiguration.class)
              .hasMessage(NO_DATABASE);
        });
  }

  @Test
  void theEmbeddedTemporalServerWithoutTheDevSwitchIsAStartUpError() {
    runner
        .withPropertyValues(
            "DATABASE_URL=postgres://u:p@127.0.0.1:1/db", "runbook.temporal.embedded=true")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .isInstanceOf(StartupMisconfiguration.class)
                    .hasMessage(EMBEDDED_TEMPORAL));
  }

  @Test
  void theDevSwitchOnTheProductionJarSaysToUseTheDevJar() {
    runner
        .withClassLoader(PRODUCTION_CLASSES)
        .withPropertyValues(
            "runbook.dev.enabled=true", "DATABASE_URL=postgres://u:p@127.0.0.1:1/db")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .isInstanceOf(StartupMisconfiguration.class)
                    .hasMessage(PRODUCTION_JAR));
  }

  @Test
  void theProductionJarWithADatabaseStartsWithoutTheDevConfiguration() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      runner
          .withClassLoader(PRODUCTION_CLASSES)
          .withPropertyValues(
              "DATABASE_URL=postgres://postgres:postgres@localhost:"
                  + postgres.getPort()
                  + "/postgres")
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(DevConfiguration.class);
                assertThat(context).doesNotHaveBean(DevDatabase.class);
                HikariDataSource dataSource = context.getBean(HikariDataSource.class);
                assertThat(dataSource.getJdbcUrl())
                    .isEqualTo("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres");
                try (Connection c = dataSource.getConnection();
                    ResultSet r = c.createStatement().executeQuery("SELECT 1")) {
                  assertThat(r.next()).isTrue();
                }
              });
    }
  }

  @Test
  void withoutTheInboxNoDatabaseIsNeeded() {
    runner
        .withPropertyValues("runbook.intake.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(HikariDataSource.class);
            });
  }

  @Test
  void theDevSwitchOnTheDevJarStartsAnEmbeddedPostgreSqlForTheInbox() throws Exception {
    Path data =
        Files.createDirectories(Path.of("target/test-data/dev-switch-" + System.nanoTime()));
    runner
        .withPropertyValues("runbook.dev.enabled=true", "runbook.data-dir=" + data)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(DevDatabase.class);
              try (Connection c = context.getBean(HikariDataSource.class).getConnection();
                  ResultSet r = c.createStatement().executeQuery("SELECT 1")) {
                assertThat(r.next()).isTrue();
              }
              assertThat(data.resolve("postgres/PG_VERSION")).exists();
            });
  }

  @Test
  void theFailureReportSeparatesWhatIsWrongFromWhatToDo() {
    StartupMisconfiguration problem = DevSwitch.noDatabase();
    FailureAnalysis analysis = new StartupMisconfigurationAnalyzer().analyze(problem);
    assertThat(analysis.getDescription())
        .startsWith("No database is configured")
        .doesNotContain("Set DATABASE_URL");
    assertThat(analysis.getAction())
        .startsWith("Set DATABASE_URL")
        .contains("RUNBOOK_DEV_ENABLED=true");
  }
}
