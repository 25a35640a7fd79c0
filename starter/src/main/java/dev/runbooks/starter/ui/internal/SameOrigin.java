package dev.runbooks.starter.ui.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The cross-site request forgery guard of the page's forms: a POST is taken only when the browser
 * says it comes from a page of this server ({@code Origin}, else {@code Referer}, names the host
 * the request was sent to) or from one of the configured origins. A request naming neither is
 * refused: browsers send {@code Origin} with every form POST.
 */
final class SameOrigin {
  private final List<String> allowedOrigins;

  SameOrigin(List<String> allowedOrigins) {
    this.allowedOrigins =
        allowedOrigins.stream().map(SameOrigin::trimSlash).map(SameOrigin::lower).toList();
  }

  /** Whether the request comes from this server's own pages (or an allowed origin). */
  boolean allows(HttpServletRequest request) {
    String host = request.getHeader("Host");
    String origin = request.getHeader("Origin");
    if (origin != null && !origin.equals("null")) {
      return matches(origin, host);
    }
    String referer = request.getHeader("Referer");
    return referer != null && matches(referer, host);
  }

  private boolean matches(String url, String host) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return false;
    }
    if (uri.getScheme() == null || uri.getRawAuthority() == null) {
      return false;
    }
    String origin = lower(uri.getScheme() + "://" + uri.getRawAuthority());
    if (allowedOrigins.contains(origin)) {
      return true;
    }
    return host != null && lower(uri.getRawAuthority()).equals(lower(host));
  }

  private static String trimSlash(String origin) {
    return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
