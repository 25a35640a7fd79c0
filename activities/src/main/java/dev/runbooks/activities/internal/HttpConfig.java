package dev.runbooks.activities.internal;

import dev.runbooks.language.expr.Expressions;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The config of an {@code http} step.
 *
 * @param method the HTTP method, upper case
 * @param url an absolute http or https URL
 * @param headers request headers
 * @param body the raw body: null for none, a String sent as is, anything else sent as JSON
 * @param timeout how long the whole exchange may take
 * @param expectStatus the statuses that count as success; empty means any 2xx
 * @param expectBody a CEL condition over {@code result}, or null
 * @param followRedirects whether to follow redirects (each hop checked like the first request)
 */
record HttpConfig(
    String method,
    URI url,
    Map<String, String> headers,
    Object body,
    Duration timeout,
    List<Long> expectStatus,
    String expectBody,
    boolean followRedirects) {
  /** How many redirects a step that follows them follows at most. */
  static final int MAX_REDIRECTS = 5;

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
  private static final Set<String> FIELDS =
      Set.of("method", "url", "headers", "body", "timeout", "expect", "followRedirects");
  private static final Set<String> EXPECT_FIELDS = Set.of("status", "body");

  /** Binds a rendered config, failing with {@code InvalidStepConfig} on the first bad field. */
  static HttpConfig bind(Map<String, Object> config) {
    ConfigReader in = ConfigReader.of("http", config, FIELDS);
    String method = in.string("method").orElse("GET").trim().toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw in.invalid("method", "must be one of " + new TreeSet<>(METHODS));
    }
    URI url = parseUrl(in);
    Map<String, String> headers = in.stringMap("headers");
    Duration timeout = in.duration("timeout").orElse(DEFAULT_TIMEOUT);
    List<Long> expectStatus = List.of();
    String expectBody = null;
    var expect = in.object("expect", EXPECT_FIELDS);
    if (expect.isPresent()) {
      ConfigReader e = expect.get();
      expectStatus = e.integers("status");
      for (int i = 0; i < expectStatus.size(); i++) {
        long s = expectStatus.get(i);
        if (s < 100 || s > 599) {
          throw e.invalid(
              expectStatus.size() == 1 ? "status" : "status[" + i + "]",
              "must be an HTTP status between 100 and 599");
        }
      }
      expectBody = e.string("body").orElse(null);
      if (expectBody != null) {
        List<String> problems = Expressions.standard().check(expectBody, Expressions.Expect.BOOL);
        if (!problems.isEmpty()) {
          throw e.invalid("body", "is not a valid condition: " + String.join("; ", problems));
        }
      }
    }
    boolean follow = in.raw("followRedirects") instanceof Boolean b && b;
    if (in.raw("followRedirects") != null && !(in.raw("followRedirects") instanceof Boolean)) {
      throw in.invalid("followRedirects", "must be true or false");
    }
    return new HttpConfig(
        method, url, headers, in.raw("body"), timeout, expectStatus, expectBody, follow);
  }

  private static URI parseUrl(ConfigReader in) {
    String text = in.requiredString("url").trim();
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw in.invalid("url", "is not a valid URL: " + e.getReason());
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw in.invalid("url", "must be an absolute http:// or https:// URL");
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw in.invalid("url", "has no host");
    }
    if (url.getPort() > 65535) {
      throw in.invalid("url", "has a port above 65535");
    }
    return url;
  }

  /** Whether a status counts as success. */
  boolean statusExpected(int status) {
    return expectStatus.isEmpty()
        ? status >= 200 && status < 300
        : expectStatus.contains((long) status);
  }

  /** The expected statuses for messages. */
  String describeExpectedStatus() {
    return expectStatus.isEmpty() ? "2xx" : expectStatus.toString();
  }

  /** The URL without user info, query or fragment, for messages. */
  String safeUrl() {
    StringBuilder sb =
        new StringBuilder().append(url.getScheme()).append("://").append(url.getHost());
    if (url.getPort() >= 0) {
      sb.append(':').append(url.getPort());
    }
    return sb.append(url.getRawPath() == null ? "" : url.getRawPath()).toString();
  }
}
