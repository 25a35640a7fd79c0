package dev.runbooks.starter.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors that happen outside the controllers (the servlet container's error page) with
 * JSON, for browsers too: this API never answers with HTML.
 */
@RestController
public class JsonErrorController implements ErrorController {
  private static final Logger log = LoggerFactory.getLogger(JsonErrorController.class);

  @RequestMapping("${spring.web.error.path:/error}")
  ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer i && HttpStatus.resolve(i) != null
            ? HttpStatus.valueOf(i)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT));
    Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (path != null) {
      body.put("path", ErrorText.clean(String.valueOf(path), "?"));
    }
    String id = ErrorText.correlationId();
    body.put("correlationId", id);
    Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    if (failure instanceof Throwable t) {
      log.error("request to {} failed [correlationId={}]", path, id, t);
    } else {
      log.debug("request to {} answered {} [correlationId={}]", path, status.value(), id);
    }
    return ResponseEntity.status(status)
        .header(ErrorText.HEADER, id)
        .contentType(MediaType.APPLICATION_JSON)
        .body(body);
  }
}
