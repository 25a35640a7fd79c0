package dev.runbooks.starter.security.internal;

import dev.runbooks.starter.internal.ErrorText;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The API's error body, {@code {"error", "message", "correlationId"}}, written by the filters that
 * refuse requests before a controller sees them (401, 403, 415, 421).
 */
public final class JsonErrors {
  private JsonErrors() {}

  /** Writes an error answer; {@code message} is this package's own text, never request data. */
  public static void write(HttpServletResponse response, HttpStatus status, String message)
      throws IOException {
    String id = ErrorText.correlationId();
    response.setStatus(status.value());
    response.setHeader(ErrorText.HEADER, id);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    String reason = status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
    response
        .getWriter()
        .write(
            "{\"error\":\""
                + reason
                + "\",\"message\":\""
                + message.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"correlationId\":\""
                + id
                + "\"}");
  }

  /** 401 for a request without (valid) credentials. */
  public static AuthenticationEntryPoint unauthorized() {
    return (request, response, e) -> {
      response.setHeader("WWW-Authenticate", "Bearer");
      write(
          response,
          HttpStatus.UNAUTHORIZED,
          "authentication required: send 'Authorization: Bearer <token>' with an API token or an"
              + " OIDC access token");
    };
  }

  /** 403 for a request whose principal's role is too low. */
  public static AccessDeniedHandler forbidden() {
    return (request, response, e) ->
        write(response, HttpStatus.FORBIDDEN, "your role does not allow this request");
  }
}
