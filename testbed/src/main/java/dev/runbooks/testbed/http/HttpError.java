package dev.runbooks.testbed.http;

/** Ends a request with a status and a message, sent as {@code {"error": message}}. */
public final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /** An error with this status and message. */
  public HttpError(int status, String message) {
    super(message);
    this.status = status;
  }

  /** 404 with a message. */
  public static HttpError notFound(String message) {
    return new HttpError(404, message);
  }

  /** 409 with a message. */
  public static HttpError conflict(String message) {
    return new HttpError(409, message);
  }

  /** 503 with a message. */
  public static HttpError unavailable(String message) {
    return new HttpError(503, message);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }
}
