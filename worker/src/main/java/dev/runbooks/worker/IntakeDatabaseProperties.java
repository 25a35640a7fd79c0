package dev.runbooks.worker;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The connection pool of the alert inbox's PostgreSQL ({@code runbook.intake.database.*}); the
 * server itself is named by {@code DATABASE_URL} or {@code spring.datasource.url}.
 *
 * @param poolSize the most connections the inbox's pool keeps open
 */
@Validated
@ConfigurationProperties("runbook.intake.database")
public record IntakeDatabaseProperties(@DefaultValue("10") @Min(1) int poolSize) {}
