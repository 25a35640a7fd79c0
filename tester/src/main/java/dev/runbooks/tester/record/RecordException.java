package dev.runbooks.tester.record;

/**
 * A history that cannot become a test case (a run still under way, a history that is not a
 * runbook's, a test file that cannot take the case), with a message for people.
 */
public final class RecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with the given message. */
  public RecordException(String message) {
    super(message);
  }

  /** An error with the given message and cause. */
  public RecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
