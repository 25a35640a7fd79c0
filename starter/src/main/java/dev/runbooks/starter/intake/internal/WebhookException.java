package dev.runbooks.starter.intake.internal;

import dev.runbooks.starter.internal.ErrorText;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** A webhook request refused with a status and a JSON body {@code {"error", ...}}. */
public final class WebhookException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final transient Map<String, Object> body;
  private final transient HttpHeaders headers = new HttpHeaders();
  private final String correlationId = ErrorText.correlationId();

  WebhookException(HttpStatus status, String error, String message) {
    super(error + ": " + message);
    this.status = status;
    this.body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("message", message);
  }

  /** 400: the payload is malformed; {@code field} is the path of the offending field. */
  static WebhookException invalid(String field, String message) {
    WebhookException e = new WebhookException(HttpStatus.BAD_REQUEST, "invalid payload", message);
    Map<String, Object> ordered = new LinkedHashMap<>();
    ordered.put("error", "invalid payload");
    ordered.put("field", field);
    ordered.put("message", message);
    e.body.clear();
    e.body.putAll(ordered);
    return e;
  }

  /** 401 with a challenge. */
  static WebhookException unauthorized(String message, String challenge) {
    WebhookException e = new WebhookException(HttpStatus.UNAUTHORIZED, "unauthorized", message);
    if (challenge != null) {
      e.headers.set(HttpHeaders.WWW_AUTHENTICATE, challenge);
    }
    return e;
  }

  /** 503: transient trouble; the sender should retry. */
  static WebhookException unavailable(String message) {
    WebhookException e =
        new WebhookException(HttpStatus.SERVICE_UNAVAILABLE, "temporarily unavailable", message);
    e.headers.set(HttpHeaders.RETRY_AFTER, "5");
    return e;
  }

  HttpStatus status() {
    return status;
  }

  Map<String, Object> body() {
    Map<String, Object> answer = new LinkedHashMap<>(body);
    answer.put("correlationId", correlationId);
    return answer;
  }

  /** The id naming this refusal in the log and in the answer. */
  String correlationId() {
    return correlationId;
  }

  HttpHeaders headers() {
    return headers;
  }
}
