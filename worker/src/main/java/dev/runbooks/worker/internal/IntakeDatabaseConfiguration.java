package dev.runbooks.worker.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.runbooks.starter.inbox.internal.InboxStore;
import dev.runbooks.starter.intake.WebhookProperties;
import dev.runbooks.worker.IntakeDatabaseProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The PostgreSQL database of the alert inbox: the server named by {@code DATABASE_URL} or {@code
 * spring.datasource.url}; with neither, the embedded PostgreSQL of the dev configuration ({@link
 * DevConfiguration}, only with the dev switch), else start-up fails ({@link DevSwitch}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "runbook.intake", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(IntakeDatabaseProperties.class)
public class IntakeDatabaseConfiguration {
  private static final Logger log = LoggerFactory.getLogger(IntakeDatabaseConfiguration.class);

  @Bean(destroyMethod = "close")
  HikariDataSource intakeDataSource(
      Environment env,
      IntakeDatabaseProperties properties,
      ObjectProvider<WebhookProperties> webhook,
      ObjectProvider<DevDatabase> embedded) {
    WebhookProperties writers = webhook.getIfAvailable();
    if (writers != null && properties.poolSize() < writers.writers() + 2) {
      throw new IllegalArgumentException(
          "runbook.intake.database.pool-size ("
              + properties.poolSize()
              + ") must be at least runbook.intake.webhook.writers ("
              + writers.writers()
              + ") + 2: each writer holds a connection, and the dispatcher and the API need some");
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName("intake");
    config.setMaximumPoolSize(properties.poolSize());
    config.setConnectionTimeout(properties.connectionTimeout().toMillis());
    DevDatabase dev = embedded.getIfAvailable();
    if (dev != null) {
      config.setJdbcUrl(dev.jdbcUrl());
    } else if (DatabaseUrl.configured(env)) {
      DatabaseUrl url = DatabaseUrl.of(env);
      config.setJdbcUrl(url.jdbcUrl());
      config.setUsername(url.username());
      config.setPassword(url.password());
      log.info("alert inbox database: {}", url.redacted());
    } else {
      throw DevSwitch.noDatabase();
    }
    return new HikariDataSource(config);
  }

  /** The {@code inbox} health contributor: the inbox database answers; what waits in it. */
  @Bean
  InboxHealthIndicator inboxHealthIndicator(InboxStore inboxStore) {
    return new InboxHealthIndicator(inboxStore);
  }
}
