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
 * Turns every exception a handler throws into a JSON body {@code {"error": "..."}}: the API's own
 * errors with their status, Spring MVC's errors (bad JSON, wrong method, no such path) with theirs,
 * and anything else as a 500 whose cause is logged.
 */
@RestControllerAdvice
public class ApiErrorHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Object> api(ApiException e) {
    return json(e.status(), e.body());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e) {
    log.error("API request failed", e);
    return json(
        HttpStatus.INTERNAL_SERVER_ERROR,
        Map.of("error", "internal error", "message", String.valueOf(e.getMessage())));
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Map<String, Object> json = new LinkedHashMap<>();
    String detail = e instanceof ErrorResponse r ? r.getBody().getDetail() : e.getMessage();
    json.put("error", reason(status));
    json.put("message", detail == null ? reason(status) : detail);
    return ResponseEntity.status(status)
        .headers(headers)
        .contentType(MediaType.APPLICATION_JSON)
        .body(json);
  }

  private static String reason(HttpStatusCode status) {
    HttpStatus known = HttpStatus.resolve(status.value());
    return known == null
        ? "error " + status.value()
        : known.getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
  }

  private static ResponseEntity<Object> json(HttpStatusCode status, Map<String, Object> body) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
