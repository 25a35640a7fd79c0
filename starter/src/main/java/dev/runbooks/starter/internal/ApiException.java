package dev.runbooks.starter.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** An error the API answers with a status and a JSON body {@code {"error": ..., ...}}. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final transient Map<String, Object> details;

  ApiException(HttpStatus status, String error, Map<String, ?> details) {
    super(error);
    this.status = status;
    this.details = new LinkedHashMap<>(details);
  }

  static ApiException notFound(String error) {
    return new ApiException(HttpStatus.NOT_FOUND, error, Map.of());
  }

  static ApiException badRequest(String error) {
    return new ApiException(HttpStatus.BAD_REQUEST, error, Map.of());
  }

  static ApiException conflict(String error, Map<String, ?> details) {
    return new ApiException(HttpStatus.CONFLICT, error, details);
  }

  /**
   * A 403 with the body {@code {"error": <error>, "result": "not-allowed", "reason": <reason>}}:
   * the caller may not take the action it asked for.
   */
  public static ApiException forbidden(String error, String reason) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("result", "not-allowed");
    details.put("reason", reason);
    return new ApiException(HttpStatus.FORBIDDEN, error, details);
  }

  /** The HTTP status this error answers with. */
  public HttpStatus status() {
    return status;
  }

  /** The body: {@code error} first, then the details. */
  Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", getMessage());
    body.putAll(details);
    return body;
  }
}
