package dev.runbooks.activities.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The config of a {@code circuitBreaker} step.
 *
 * @param base the API's base URL, without a trailing slash
 * @param action list, reset or verify
 * @param name the breaker's name (reset, verify), else null
 * @param timeout per request
 * @param headers extra request headers
 * @param paths where the API lists, reads and resets breakers
 * @param fields where its JSON keeps names, states and failure counts
 * @param verify what verify expects
 */
record BreakerConfig(
    URI base,
    String action,
    String name,
    Duration timeout,
    Map<String, String> headers,
    Paths paths,
    Fields fields,
    Verify verify) {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final Set<String> FIELDS =
      Set.of("base", "action", "name", "timeout", "headers", "paths", "fields", "verify");
  private static final Set<String> ACTIONS = Set.of("list", "reset", "verify");

  /** The API's paths; {@code {name}} stands for the breaker's name. */
  record Paths(String list, String get, String reset) {}

  /** Dotted JSON paths of the breakers, a breaker's name, state and failure count. */
  record Fields(String circuits, String name, String state, String failures) {}

  /**
   * What verify expects.
   *
   * @param expectState the expected state, lower case
   * @param watch how long to keep checking; zero for one check
   * @param interval time between checks
   * @param retryable whether a breaker in the wrong state is a retryable failure
   */
  record Verify(String expectState, Duration watch, Duration interval, boolean retryable) {}

  /** Binds a rendered config, failing with {@code InvalidStepConfig} on the first bad field. */
  static BreakerConfig bind(Map<String, Object> config) {
    ConfigReader in = ConfigReader.of("circuitBreaker", config, FIELDS);
    String rawBase = in.requiredString("base").strip();
    while (rawBase.endsWith("/")) {
      rawBase = rawBase.substring(0, rawBase.length() - 1);
    }
    URI base = JsonHttp.parse(rawBase);
    if (base == null) {
      throw in.invalid("base", "must be an absolute http:// or https:// URL");
    }
    String action = in.string("action").orElse("list").strip().toLowerCase(Locale.ROOT);
    if (!ACTIONS.contains(action)) {
      throw in.invalid("action", "must be one of list, reset, verify");
    }
    String name = in.string("name").map(String::strip).orElse(null);
    if (!action.equals("list") && (name == null || name.isEmpty())) {
      throw in.invalid("name", "is required for action '" + action + "'");
    }
    Paths paths = new Paths("/circuits", "/circuits/{name}", "/circuits/{name}/reset");
    Optional<ConfigReader> p = in.object("paths", Set.of("list", "get", "reset"));
    if (p.isPresent()) {
      ConfigReader r = p.get();
      paths =
          new Paths(
              r.string("list").orElse(paths.list()),
              r.string("get").orElse(paths.get()),
              r.string("reset").orElse(paths.reset()));
    }
    Fields fields = new Fields("circuits", "name", "state", "total_failures");
    Optional<ConfigReader> f = in.object("fields", Set.of("circuits", "name", "state", "failures"));
    if (f.isPresent()) {
      ConfigReader r = f.get();
      fields =
          new Fields(
              r.string("circuits").orElse(fields.circuits()),
              r.string("name").orElse(fields.name()),
              r.string("state").orElse(fields.state()),
              r.string("failures").orElse(fields.failures()));
    }
    Verify verify = new Verify("closed", Duration.ZERO, Duration.ofSeconds(5), false);
    Optional<ConfigReader> v =
        in.object("verify", Set.of("expectState", "watch", "interval", "retryable"));
    if (v.isPresent()) {
      ConfigReader r = v.get();
      Duration watch =
          r.string("watch").map(String::strip).filter(w -> w.matches("0+[a-z]*")).isPresent()
              ? Duration.ZERO
              : r.duration("watch").orElse(Duration.ZERO);
      verify =
          new Verify(
              r.string("expectState").orElse("closed").strip().toLowerCase(Locale.ROOT),
              watch,
              r.duration("interval").orElse(verify.interval()),
              Boolean.TRUE.equals(r.raw("retryable")) || "true".equals(r.raw("retryable")));
    }
    return new BreakerConfig(
        base,
        action,
        name,
        in.duration("timeout").orElse(DEFAULT_TIMEOUT),
        in.stringMap("headers"),
        paths,
        fields,
        verify);
  }

  /** The URL of a path, with the breaker's name (encoded as one path segment) for {name}. */
  URI url(String path) {
    String segment =
        name == null ? "" : URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return URI.create(base + path.replace("{name}", segment));
  }
}
