package dev.runbooks.starter.intake;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the webhooks store what they accept ({@code runbook.intake.webhook.*}): concurrent requests'
 * alerts are written by a few writers, each committing the requests waiting at that moment together
 * in one transaction (a group commit), and each request is answered once its own transaction has
 * committed.
 *
 * @param writers how many group commits run at once, each on a connection of the inbox's pool
 *     (which must be larger, see {@code runbook.intake.database.pool-size})
 * @param batchMaxRows the most alerts one group commit stores; a request with more alerts than that
 *     is committed alone, never split
 * @param batchMaxWait how long a writer waits for more requests before committing fewer than {@code
 *     batch-max-rows}; 0 (the default) commits what is waiting at once, so a lone request is not
 *     delayed, and a storm still forms large batches while the previous commit is on its way to
 *     disk
 */
@Validated
@ConfigurationProperties("runbook.intake.webhook")
public record WebhookProperties(
    @DefaultValue("2") @Min(1) @Max(64) int writers,
    @DefaultValue("500") @Min(1) int batchMaxRows,
    @DefaultValue("0ms") Duration batchMaxWait) {

  /** Refuses a negative wait. */
  public WebhookProperties {
    batchMaxWait = batchMaxWait == null ? Duration.ZERO : batchMaxWait;
    if (batchMaxWait.isNegative()) {
      throw new IllegalArgumentException(
          "runbook.intake.webhook.batch-max-wait must not be negative, not " + batchMaxWait);
    }
  }
}
