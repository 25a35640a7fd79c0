package dev.runbooks.language.model;

import java.time.Duration;
import java.util.List;

/**
 * How an action step is retried; the fields of Temporal's RetryPolicy. A null field takes the
 * engine's default (see {@link #DEFAULT}).
 */
public record RetrySpec(
    Integer maxAttempts,
    Duration initialInterval,
    Double backoffCoefficient,
    Duration maxInterval,
    List<String> nonRetryable) {

  /** The policy used when a step says nothing: 3 attempts, 1s, doubling, at most 30s apart. */
  public static final RetrySpec DEFAULT =
      new RetrySpec(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), List.of());

  public RetrySpec {
    nonRetryable = nonRetryable == null ? List.of() : List.copyOf(nonRetryable);
  }

  /** This policy with every missing field taken from {@link #DEFAULT}. */
  public RetrySpec withDefaults() {
    return new RetrySpec(
        maxAttempts != null ? maxAttempts : DEFAULT.maxAttempts,
        initialInterval != null ? initialInterval : DEFAULT.initialInterval,
        backoffCoefficient != null ? backoffCoefficient : DEFAULT.backoffCoefficient,
        maxInterval != null ? maxInterval : DEFAULT.maxInterval,
        nonRetryable);
  }
}
