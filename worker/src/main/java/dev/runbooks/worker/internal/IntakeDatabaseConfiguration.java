package dev.runbooks.worker.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The PostgreSQL database of the alert inbox: the server named by {@code DATABASE_URL} or {@code
 * spring.datasource.url} when either is set, otherwise an embedded PostgreSQL whose data lives
 * under {@code ${runbook.data-dir}/postgres} and so survives restarts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "runbook.intake", name = "enabled", matchIfMissing = true)
public class IntakeDatabaseConfiguration {
  private static final Logger log = LoggerFactory.getLogger(IntakeDatabaseConfiguration.class);

  @Bean(destroyMethod = "close")
  @Conditional(DatabaseUrl.NoneConfigured.class)
  EmbeddedPostgres embeddedPostgres(@Value("${runbook.data-dir:./.data}") Path dataDir)
      throws IOException {
    Path dir = dataDir.resolve("postgres").toAbsolutePath().normalize();
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

  @Bean(destroyMethod = "close")
  HikariDataSource intakeDataSource(Environment env, ObjectProvider<EmbeddedPostgres> embedded) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("intake");
    config.setMaximumPoolSize(
        env.getProperty("runbook.intake.database.pool-size", Integer.class, 10));
    config.setConnectionTimeout(5_000);
    EmbeddedPostgres postgres = embedded.getIfAvailable();
    if (postgres != null) {
      config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    } else {
      DatabaseUrl url = DatabaseUrl.of(env);
      config.setJdbcUrl(url.jdbcUrl());
      config.setUsername(url.username());
      config.setPassword(url.password());
      log.info("alert inbox database: {}", url.jdbcUrl());
    }
    return new HikariDataSource(config);
  }
}
