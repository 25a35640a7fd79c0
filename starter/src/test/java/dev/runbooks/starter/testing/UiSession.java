package dev.runbooks.starter.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like session on the page, for tests: it signs in through the login form (with the CSRF
 * token the form carries), keeps the session cookie, and posts forms with the CSRF token of the
 * last page it read, as a browser would. Redirects are not followed, so tests see them.
 */
public final class UiSession {
  private static final Pattern CSRF =
      Pattern.compile(
          "name=\"_csrf\"[^>]*?value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*?name=\"_csrf\"");

  private final HttpClient http;
  private final String base;
  private String csrf;

  private UiSession(String base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A session signed in as the local user {@code admin} with the test password. */
  public static UiSession admin(String base) {
    return login(base, "admin", TestCredentials.ADMIN_PASSWORD);
  }

  /**
   * A session signed in through the login form.
   *
   * @throws AssertionError when the login is refused
   */
  public static UiSession login(String base, String user, String password) {
    UiSession session = new UiSession(base);
    session.get("/ui/login");
    HttpResponse<String> answer =
        session.post("/ui/login", Map.of("username", user, "password", password));
    String location = answer.headers().firstValue("Location").orElse("");
    if (answer.statusCode() != 302 || location.contains("error")) {
      throw new AssertionError("login as " + user + " refused: " + answer.statusCode() + location);
    }
    // Signing in replaces the session's CSRF token: the next post reads a page first.
    session.csrf = null;
    return session;
  }

  /** A session that has not signed in. */
  public static UiSession anonymous(String base) {
    return new UiSession(base);
  }

  /** GETs a page, remembering the CSRF token it carries. */
  public HttpResponse<String> get(String path) {
    HttpResponse<String> answer =
        send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html,*/*;q=0.8").GET());
    Matcher m = CSRF.matcher(answer.body());
    if (m.find()) {
      csrf = m.group(1) != null ? m.group(1) : m.group(2);
    }
    return answer;
  }

  /**
   * POSTs a form with the CSRF token of the last page read (reading {@code /ui} first when none
   * was), with extra headers (name, value pairs).
   */
  public HttpResponse<String> post(String path, Map<String, String> form, String... headers) {
    if (csrf == null) {
      HttpResponse<String> page = get("/ui");
      if (csrf == null) {
        throw new AssertionError(
            "no CSRF token on /ui (" + page.statusCode() + "): " + page.body());
      }
    }
    Map<String, String> fields = new LinkedHashMap<>(form);
    if (csrf != null) {
      fields.put("_csrf", csrf);
    }
    return postRaw(path, fields, headers);
  }

  /**
   * POSTs a form as it is, without a CSRF token unless {@code form} has one (what a cross-site page
   * can send), with extra headers (name, value pairs).
   */
  public HttpResponse<String> postRaw(String path, Map<String, String> form, String... headers) {
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request);
  }

  private URI uri(String path) {
    return URI.create(path.startsWith("http") ? path : base + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("request failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
