package dev.runbooks.starter.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception a handler throws into a JSON body {@code {"error", "message",
 * "correlationId"}}: the API's own errors with their status, Spring MVC's errors (bad JSON, wrong
 * method, no such path) with theirs, and anything else as a 500 whose cause is logged. No body
 * carries class names, stack frames, SQL or gRPC text; the log has them under the correlation id,
 * which is also in the {@code X-Correlation-Id} header.
 */
@RestControllerAdvice
public class ApiErrorHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Object> api(ApiException e) {
    String id = ErrorText.correlationId();
    log.debug("API request refused [correlationId={}]: {}", id, e.body());
    Map<String, Object> body = e.body();
    body.put("correlationId", id);
    return json(e.status(), body, id, null);
  }

  /**
   * Anything else is a 500 that says nothing of its cause: the exception (class, message, stack,
   * SQL or gRPC text) is logged with a correlation id, which the body and a header carry.
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e) {
    String id = ErrorText.correlationId();
    log.error("API request failed [correlationId={}]", id, e);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", "internal error");
    body.put(
        "message",
        "the request failed on the server; quote correlation id " + id + " to find it in the log");
    body.put("correlationId", id);
    return json(HttpStatus.INTERNAL_SERVER_ERROR, body, id, null);
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String id = ErrorText.correlationId();
    Map<String, Object> json = new LinkedHashMap<>();
    String detail = e instanceof ErrorResponse r ? r.getBody().getDetail() : null;
    json.put("error", reason(status));
    if (status.is5xxServerError()) {
      log.error("API request failed [correlationId={}]", id, e);
      json.put("message", reason(status));
    } else {
      log.debug("API request refused [correlationId={}]", id, e);
      json.put("message", ErrorText.clean(detail, reason(status)));
    }
    json.put("correlationId", id);
    return json(status, json, id, headers);
  }

  private static String reason(HttpStatusCode status) {
    HttpStatus known = HttpStatus.resolve(status.value());
    return known == null
        ? "error " + status.value()
        : known.getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
  }

  private static ResponseEntity<Object> json(
      HttpStatusCode status, Map<String, Object> body, String id, HttpHeaders headers) {
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(status);
    if (headers != null) {
      answer.headers(headers);
    }
    return answer.header(ErrorText.HEADER, id).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
