package dev.runbooks.starter.testing;

import java.net.URI;
import java.net.http.HttpRequest;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The credentials every test application starts with ({@code config/application.properties} of the
 * starter's test resources): an admin API token and the password of the local user {@code admin}.
 */
public final class TestCredentials {
  /** The bootstrap API token (role admin). */
  public static final String TOKEN = "rbk_PUG12fIlc_o11BXhbYSk8nkrqx5gt49uCe4t6kPR6ts";

  /** The password of the local user {@code admin}. */
  public static final String ADMIN_PASSWORD = "test-admin-password";

  /** The value of the {@code Authorization} header that carries {@link #TOKEN}. */
  public static final String BEARER = "Bearer " + TOKEN;

  private TestCredentials() {}

  /** Adds the admin token to a MockMvc request. */
  public static RequestPostProcessor admin() {
    return request -> {
      request.addHeader("Authorization", BEARER);
      return request;
    };
  }

  /**
   * The request with the admin token when it goes to the API ({@code /api/...}); requests to the
   * webhooks keep their own authentication.
   */
  public static RequestBuilder api(RequestBuilder request) {
    if (request instanceof MockHttpServletRequestBuilder builder) {
      return builder.with(
          r -> {
            if (r.getRequestURI().startsWith("/api/")) {
              r.addHeader("Authorization", BEARER);
            }
            return r;
          });
    }
    return request;
  }

  /**
   * A request builder of Java's HTTP client for {@code uri}, carrying the admin token when the path
   * is the engine's API ({@code /api/...}); other paths (webhooks, actuator, other servers' pages)
   * go without it.
   */
  public static HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    String path = uri.getRawPath();
    return path != null && path.startsWith("/api/") ? admin(request) : request;
  }

  /** Adds the admin token to a request of Java's HTTP client. */
  public static HttpRequest.Builder admin(HttpRequest.Builder request) {
    return request.header("Authorization", BEARER);
  }
}
