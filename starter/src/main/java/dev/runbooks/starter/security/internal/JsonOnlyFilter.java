package dev.runbooks.starter.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 415 to a state-changing API call ({@code POST}, {@code PUT}, {@code PATCH}) without
 * {@code Content-Type: application/json}: a browser sends such a type cross-site only after a CORS
 * preflight, which the API does not answer, so no web page can make a visitor's browser call it.
 */
public final class JsonOnlyFilter extends OncePerRequestFilter {
  private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (METHODS.contains(request.getMethod()) && !json(request.getContentType())) {
      JsonErrors.write(
          response,
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "send 'Content-Type: application/json' (an empty body may be {})");
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean json(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return "application".equals(type.getType())
          && ("json".equals(type.getSubtype()) || "json".equals(type.getSubtypeSuffix()));
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }
}
