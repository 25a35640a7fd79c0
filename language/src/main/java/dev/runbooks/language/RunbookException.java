package dev.runbooks.language;

/**
 * The root of every exception the runbook engine throws on purpose. Catching it catches every
 * failure the engine reports with a message meant for people.
 */
public class RunbookException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message for people. */
  public RunbookException(String message) {
    super(message);
  }

  /** Creates an exception with a message for people and the cause behind it. */
  public RunbookException(String message, Throwable cause) {
    super(message, cause);
  }
}
