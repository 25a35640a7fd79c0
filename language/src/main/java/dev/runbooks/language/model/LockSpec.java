package dev.runbooks.language.model;

import java.time.Duration;

/**
 * A resource lock a runbook or a step holds while it runs ({@code lock:}, {@code onLocked:}, {@code
 * lockTimeout:}): at most one holder per rendered name at a time, across all runbooks.
 *
 * @param name a template over {@code inputs}, {@code alert}, {@code run} and (on a step) the step's
 *     scope, such as {@code service/${{ inputs.service }}}
 * @param onLocked what to do when another run holds it; {@link OnLocked#WAIT} by default
 * @param timeout how long {@link OnLocked#WAIT} waits; {@link #DEFAULT_TIMEOUT} by default
 */
public record LockSpec(String name, OnLocked onLocked, Duration timeout) {
  /** How long a run waits for a lock when {@code lockTimeout} is not set. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  public LockSpec {
    onLocked = onLocked == null ? OnLocked.WAIT : onLocked;
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
  }
}
