package dev.runbooks.starter.rails;

/**
 * A guard-rail change refused: the HTTP status it answers with ({@code 400} for a bad request,
 * {@code 404} for an unknown runbook or freeze, {@code 409} for a conflict) and a message for the
 * person who asked, naming what was wrong.
 */
public final class GuardRailException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /** A refusal with a status and a message. */
  public GuardRailException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status to answer with. */
  public int status() {
    return status;
  }

  static GuardRailException badRequest(String message) {
    return new GuardRailException(400, message);
  }

  static GuardRailException notFound(String message) {
    return new GuardRailException(404, message);
  }

  static GuardRailException conflict(String message) {
    return new GuardRailException(409, message);
  }
}
