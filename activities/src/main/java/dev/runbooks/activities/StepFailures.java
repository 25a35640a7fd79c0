package dev.runbooks.activities;

import io.temporal.failure.ApplicationFailure;

/**
 * The failure types the step executors raise, as {@link ApplicationFailure#getType()} values. A
 * runbook's {@code retry.nonRetryable} list names these. Failures about the step itself (unknown
 * type, bad config, a command that cannot start) are non-retryable; failures about the world (a
 * service that is down or answers wrongly, a command that fails) are retryable and carry the step's
 * result as evidence in their details where there is one.
 */
public final class StepFailures {
  /** No executor is registered for the activity type. Non-retryable. */
  public static final String UNKNOWN_STEP_TYPE = "UnknownStepType";

  /** The step's config is missing a field or has one of the wrong type. Non-retryable. */
  public static final String INVALID_STEP_CONFIG = "InvalidStepConfig";

  /** An HTTP response had a status the step does not expect. Retryable. */
  public static final String UNEXPECTED_STATUS = "UnexpectedStatus";

  /** An HTTP response did not satisfy the step's {@code expect.body} condition. Retryable. */
  public static final String EXPECTATION_FAILED = "ExpectationFailed";

  /** The HTTP server could not be reached (refused, unknown host, unreachable). Retryable. */
  public static final String HTTP_CONNECT_FAILED = "HttpConnectFailed";

  /** Connecting to the HTTP server or receiving its response took too long. Retryable. */
  public static final String HTTP_TIMEOUT = "HttpTimeout";

  /** The HTTP exchange broke after connecting (reset, protocol error). Retryable. */
  public static final String HTTP_REQUEST_FAILED = "HttpRequestFailed";

  /** A TCP connection could not be opened in time. Retryable. */
  public static final String TCP_CONNECT_FAILED = "TcpConnectFailed";

  /**
   * A {@code tls} step could not connect or complete the handshake (no certificate to read).
   * Retryable. An untrusted, expired or mismatched certificate is a result, not this failure.
   */
  public static final String TLS_HANDSHAKE_FAILED = "TlsHandshakeFailed";

  /**
   * A destination the runbook may not act on (its targets, the worker's {@code
   * runbook.targets.allow}/{@code deny}, or an address denied by default); never retried.
   */
  public static final String TARGET_DENIED = "TargetDenied";

  /** A command exited with a code the step does not expect. Retryable. */
  public static final String COMMAND_FAILED = "CommandFailed";

  /** A command ran longer than its timeout and was killed with its children. Retryable. */
  public static final String COMMAND_TIMEOUT = "CommandTimeout";

  /** A command could not be started (no such program, not executable). Non-retryable. */
  public static final String COMMAND_START_FAILED = "CommandStartFailed";

  /** The executing thread was interrupted while waiting. Retryable. */
  public static final String INTERRUPTED = "Interrupted";

  /**
   * Prometheus refused a query (bad PromQL, an execution error, or a request it does not accept);
   * the message names Prometheus' error type and error. Non-retryable.
   */
  public static final String PROMETHEUS_QUERY_ERROR = "PrometheusQueryError";

  /** Prometheus could not be reached, timed out or answered 429 or 5xx. Retryable. */
  public static final String PROMETHEUS_UNAVAILABLE = "PrometheusUnavailable";

  /** The circuit breaker API could not be reached, timed out or answered 5xx or 429. Retryable. */
  public static final String BREAKER_API_UNAVAILABLE = "BreakerApiUnavailable";

  /**
   * The circuit breaker API refused a request (404 for an unknown breaker, other 4xx) or answered
   * with JSON of an unexpected shape. Non-retryable.
   */
  public static final String BREAKER_API_ERROR = "BreakerApiError";

  /**
   * A verified breaker is not in the expected state (still open after a reset). Non-retryable by
   * default ({@code verify.retryable: true} makes it retryable), so the runbook's onFailure
   * decides.
   */
  public static final String BREAKER_STILL_OPEN = "BreakerStillOpen";

  /**
   * A verified breaker was in the expected state and left it while being watched (it re-opened).
   * Non-retryable by default, like {@link #BREAKER_STILL_OPEN}.
   */
  public static final String BREAKER_REOPENED = "BreakerReopened";

  /**
   * The escalation endpoint answered 429; the failure asks Temporal to retry after the endpoint's
   * {@code Retry-After}. Retryable.
   */
  public static final String ESCALATION_THROTTLED = "EscalationThrottled";

  /** The escalation endpoint could not be reached, timed out or answered 5xx. Retryable. */
  public static final String ESCALATION_UNAVAILABLE = "EscalationUnavailable";

  /** The escalation endpoint refused the message with a 4xx other than 429. Non-retryable. */
  public static final String ESCALATION_REJECTED = "EscalationRejected";

  /**
   * A secret reference could not be resolved (unset variable, unreadable or empty file). The
   * message names the reference, never a value. Non-retryable.
   */
  public static final String SECRET_UNAVAILABLE = "SecretUnavailable";

  /**
   * The request holds a {@code ${{ secrets.NAME }}} reference but was scheduled by an older worker
   * that did not mark which references the runbook's source wrote (no {@code secretRefs}), so it
   * cannot be told apart from the same text in alert or input data; the step is refused rather than
   * resolved. Non-retryable.
   */
  public static final String SECRET_REFERENCE_UNVERIFIED = "SecretReferenceUnverified";

  /** A step names a datasource the worker does not configure. Non-retryable. */
  public static final String UNKNOWN_DATASOURCE = "UnknownDatasource";

  /**
   * The database could not be reached, or the statement was cancelled, timed out or lost a
   * serialization or deadlock race. Retryable.
   */
  public static final String DATASOURCE_UNAVAILABLE = "DatasourceUnavailable";

  /**
   * The database refused the statement: bad SQL, an unknown table or column, a missing privilege, a
   * write in a read-only {@code sql} step, or a bad parameter. Non-retryable.
   */
  public static final String SQL_QUERY_ERROR = "SqlQueryError";

  /**
   * A {@code dlq retry} stopped because the share of failed re-enqueues passed {@code
   * stopErrorRate}; the failure carries the result so far. Non-retryable.
   */
  public static final String DLQ_ERROR_RATE_EXCEEDED = "DlqErrorRateExceeded";

  /**
   * The restart itself failed: the command exited non-zero or the endpoint refused it. Retryable.
   */
  public static final String RESTART_FAILED = "RestartFailed";

  /**
   * The service did not become healthy (or active) before the deadline after a restart. Retryable.
   */
  public static final String RESTART_UNHEALTHY = "RestartUnhealthy";

  /**
   * The target was restarted too often within the loop guard's window; it is now quarantined.
   * Non-retryable.
   */
  public static final String RESTART_LOOP = "RestartLoop";

  /**
   * A mutating step's {@code loopGuard} refused it: it already ran {@code max} times on the same
   * key within the window (across runs). Non-retryable.
   */
  public static final String LOOP_GUARD_TRIPPED = "LoopGuardTripped";

  /**
   * The target is quarantined and is not restarted until the quarantine is cleared. Non-retryable.
   */
  public static final String TARGET_QUARANTINED = "TargetQuarantined";

  private StepFailures() {}

  /**
   * A non-retryable failure for a config field that is missing or wrong.
   *
   * @param type the step type, such as {@code http}
   * @param field the field path inside the config, such as {@code expect.status}
   * @param problem what is wrong, without the field's value, such as {@code is required}
   */
  public static ApplicationFailure invalidConfig(String type, String field, String problem) {
    return ApplicationFailure.newNonRetryableFailure(
        type + " step config: '" + field + "' " + problem, INVALID_STEP_CONFIG);
  }

  /**
   * A retryable failure of the given type carrying the step's result as evidence.
   *
   * @param evidence the result so far, or null when there is none
   */
  public static ApplicationFailure retryable(String message, String failureType, Object evidence) {
    return evidence == null
        ? ApplicationFailure.newFailure(message, failureType)
        : ApplicationFailure.newFailure(message, failureType, evidence);
  }

  /** A retryable failure of the given type caused by an exception. */
  public static ApplicationFailure retryableWithCause(
      String message, String failureType, Throwable cause) {
    return ApplicationFailure.newFailureWithCause(message, failureType, cause);
  }

  /** A retryable {@link #INTERRUPTED} failure; restores the thread's interrupt flag. */
  public static ApplicationFailure interrupted(String what) {
    Thread.currentThread().interrupt();
    return ApplicationFailure.newFailure("interrupted while " + what, INTERRUPTED);
  }
}
