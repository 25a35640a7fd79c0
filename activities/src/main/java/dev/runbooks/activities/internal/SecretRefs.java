package dev.runbooks.activities.internal;

import dev.runbooks.activities.SecretReference;
import dev.runbooks.activities.StepFailures;
import io.temporal.failure.ApplicationFailure;
import java.util.function.UnaryOperator;

/**
 * Resolves secret references inside the activity, so that secret values never travel through
 * workflow history: {@code env:NAME} reads an environment variable of the worker, {@code
 * file:/path} reads a file (without its trailing line break). Failures name the reference, never a
 * value.
 */
final class SecretRefs {
  private final UnaryOperator<String> env;

  /** Resolves {@code env:} references from the process environment. */
  SecretRefs() {
    this(System::getenv);
  }

  /** Resolves {@code env:} references with the given lookup (for tests). */
  SecretRefs(UnaryOperator<String> env) {
    this.env = env;
  }

  /**
   * The value a reference names.
   *
   * @param field the config field holding the reference, for messages
   * @param ref {@code env:NAME} or {@code file:/path}
   * @throws ApplicationFailure {@code SecretUnavailable} (non-retryable) when it cannot be read or
   *     is empty
   */
  String resolve(String type, String field, String ref) {
    if (!SecretReference.isReference(ref)) {
      throw StepFailures.invalidConfig(
          type, field + ".secretRef", "must be env:NAME or file:/path");
    }
    try {
      return SecretReference.read(ref, env);
    } catch (SecretReference.UnavailableException e) {
      throw unavailable(
          type, field, ref, e.getMessage().replace("the process has", "the worker has"));
    }
  }

  private static ApplicationFailure unavailable(String type, String field, String ref, String why) {
    return ApplicationFailure.newNonRetryableFailure(
        type + " step: secret " + field + " (" + ref + ") is unavailable: " + why,
        StepFailures.SECRET_UNAVAILABLE);
  }
}
