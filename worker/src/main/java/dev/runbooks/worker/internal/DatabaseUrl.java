package dev.runbooks.worker.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * An external database to use: {@code DATABASE_URL} ({@code postgres://user:password@host:port/db}
 * or a {@code jdbc:postgresql:} URL), else {@code spring.datasource.url} with {@code
 * spring.datasource.username} and {@code password}.
 */
record DatabaseUrl(String jdbcUrl, String username, String password) {

  static boolean configured(Environment env) {
    return !env.getProperty("DATABASE_URL", "").isBlank()
        || !env.getProperty("spring.datasource.url", "").isBlank();
  }

  static DatabaseUrl of(Environment env) {
    String url = env.getProperty("DATABASE_URL", "");
    String user = env.getProperty("spring.datasource.username");
    String password = env.getProperty("spring.datasource.password");
    if (url.isBlank()) {
      return new DatabaseUrl(env.getProperty("spring.datasource.url"), user, password);
    }
    if (url.startsWith("jdbc:")) {
      return new DatabaseUrl(url, user, password);
    }
    URI uri = URI.create(url);
    if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          "DATABASE_URL must be postgres://user:password@host:port/database or jdbc:postgresql:...");
    }
    String info = uri.getRawUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? null : decode(info.substring(colon + 1));
    }
    String jdbc =
        "jdbc:postgresql://"
            + uri.getHost()
            + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
            + uri.getRawPath()
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return new DatabaseUrl(jdbc, user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The JDBC URL without its query, which may carry a password: for logs. */
  String redacted() {
    int query = jdbcUrl == null ? -1 : jdbcUrl.indexOf('?');
    return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?...";
  }

  @Override
  public String toString() {
    return "DatabaseUrl[" + redacted() + ", user=" + username + "]";
  }

  /** Matches when no external database is configured, so the embedded one is used. */
  static final class NoneConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return !configured(context.getEnvironment());
    }
  }
}
