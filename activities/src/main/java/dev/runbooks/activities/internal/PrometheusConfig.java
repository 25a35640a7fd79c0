package dev.runbooks.activities.internal;

import dev.runbooks.language.expr.Expressions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The config of a {@code prometheus} step.
 *
 * @param url the Prometheus base URL, without a trailing slash
 * @param query the PromQL expression
 * @param time the evaluation time as Prometheus takes it (RFC 3339 or Unix seconds), or null for
 *     now
 * @param headers extra request headers
 * @param timeout how long the query may take
 * @param expect a CEL condition over {@code result}, or null
 */
record PrometheusConfig(
    URI url,
    String query,
    String time,
    Map<String, String> headers,
    Duration timeout,
    String expect) {
  static final String DEFAULT_URL = "http://localhost:9090";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  private static final Set<String> FIELDS =
      Set.of("url", "query", "time", "headers", "timeout", "expect");

  /** Binds a rendered config, failing with {@code InvalidStepConfig} on the first bad field. */
  static PrometheusConfig bind(Map<String, Object> config) {
    ConfigReader in = ConfigReader.of("prometheus", config, FIELDS);
    String base = in.string("url").orElse(DEFAULT_URL).strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    URI url = JsonHttp.parse(base);
    if (url == null) {
      throw in.invalid("url", "must be an absolute http:// or https:// URL");
    }
    String query = in.requiredString("query");
    Object rawTime = in.raw("time");
    String time = null;
    if (rawTime instanceof Number n) {
      time = n.toString();
    } else if (rawTime != null) {
      time = in.string("time").map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
    }
    String expect = in.string("expect").orElse(null);
    if (expect != null) {
      List<String> problems = Expressions.standard().check(expect, Expressions.Expect.BOOL);
      if (!problems.isEmpty()) {
        throw in.invalid("expect", "is not a valid condition: " + String.join("; ", problems));
      }
    }
    return new PrometheusConfig(
        url,
        query,
        time,
        in.stringMap("headers"),
        in.duration("timeout").orElse(DEFAULT_TIMEOUT),
        expect);
  }
}
