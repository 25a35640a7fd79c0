package dev.runbooks.worker;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The connection pool of the alert inbox's PostgreSQL ({@code runbook.intake.database.*}); the
 * server itself is named by {@code DATABASE_URL} or {@code spring.datasource.url}.
 *
 * @param poolSize the most connections the inbox's pool keeps open, all of them opened at start-up
 *     so that a storm finds them ready: the webhooks' group commit holds one per writer ({@code
 *     runbook.intake.webhook.writers}, 2), the dispatcher one for its pass and one per start in
 *     flight ({@code runbook.intake.dispatcher.parallelism}, 8), and the API, the effectiveness
 *     tracker and the purge share the rest; it must exceed the writers by at least 2
 * @param connectionTimeout how long a caller waits for a free connection before its call fails (a
 *     webhook then answers 503)
 */
@Validated
@ConfigurationProperties("runbook.intake.database")
public record IntakeDatabaseProperties(
    @DefaultValue("16") @Min(1) int poolSize, @DefaultValue("5s") Duration connectionTimeout) {

  /** Refuses a connection timeout HikariCP would not take (under 250 ms). */
  public IntakeDatabaseProperties {
    connectionTimeout = connectionTimeout == null ? Duration.ofSeconds(5) : connectionTimeout;
    if (connectionTimeout.toMillis() < 250) {
      throw new IllegalArgumentException(
          "runbook.intake.database.connection-timeout must be at least 250ms, not "
              + connectionTimeout);
    }
  }
}
