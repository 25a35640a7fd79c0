package dev.runbooks.starter.security;

import dev.runbooks.api.DecisionSeal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The engine's decision key ({@code runbook.security.decision-key}, base64 of at least 32 bytes, or
 * the file named by {@code runbook.security.decision-key-file}): the API seals the decisions it
 * checked with it, and the worker's runs verify the seal. Without one, a random key is made at
 * start-up, which is only right when one process serves the API and runs the workers ({@code make
 * run}, tests): a separate worker could not verify any decision.
 */
@Configuration(proxyBeanMethods = false)
public class DecisionKeyConfiguration {
  /** The property holding the key. */
  public static final String PROPERTY = "runbook.security.decision-key";

  /**
   * The property naming a file that holds the key (a container secret), when the key is not set.
   */
  public static final String FILE_PROPERTY = "runbook.security.decision-key-file";

  private static final Logger log = LoggerFactory.getLogger(DecisionKeyConfiguration.class);

  /** The seal of the configured key, or of a random one (with a warning). */
  @Bean
  @ConditionalOnMissingBean
  public DecisionSeal decisionSeal(Environment environment) {
    String configured = environment.getProperty(PROPERTY);
    String file = environment.getProperty(FILE_PROPERTY);
    if ((configured == null || configured.isBlank()) && file != null && !file.isBlank()) {
      try {
        configured = Files.readString(Path.of(file), StandardCharsets.US_ASCII).strip();
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(
            FILE_PROPERTY + ": cannot read the decision key (" + e.getMessage() + ")", e);
      }
    }
    if (configured != null && !configured.isBlank()) {
      try {
        return DecisionSeal.fromBase64(configured);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(PROPERTY + " is not usable: " + e.getMessage(), e);
      }
    }
    byte[] key = new byte[DecisionSeal.MIN_KEY_BYTES];
    new SecureRandom().nextBytes(key);
    log.warn(
        "{} is not set: decisions are sealed with a random key made at start-up. That is only"
            + " right when this one process serves the API and runs the workers; set"
            + " RUNBOOK_SECURITY_DECISION_KEY (base64, at least {} bytes) on every instance"
            + " otherwise, or approvals with via: engine refuse every decision.",
        PROPERTY,
        DecisionSeal.MIN_KEY_BYTES);
    return new DecisionSeal(key);
  }
}
