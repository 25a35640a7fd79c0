package dev.runbooks.worker.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.starter.intake.WebhookProperties;
import dev.runbooks.worker.IntakeDatabaseProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

/**
 * The inbox's pool must leave connections beside the webhooks' group-commit writers: a pool that
 * the writers alone would fill stops start-up, naming both keys.
 */
class IntakePoolSizeTest {

  @Test
  void aPoolTheWritersWouldFillStopsStartUp() {
    DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    beans.registerSingleton("webhook", new WebhookProperties(4, 500, Duration.ZERO));
    assertThatThrownBy(
            () ->
                new IntakeDatabaseConfiguration()
                    .intakeDataSource(
                        new MockEnvironment(),
                        new IntakeDatabaseProperties(5, Duration.ofSeconds(5)),
                        beans.getBeanProvider(WebhookProperties.class),
                        beans.getBeanProvider(DevDatabase.class)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "runbook.intake.database.pool-size (5) must be at least"
                + " runbook.intake.webhook.writers (4) + 2");
  }
}
