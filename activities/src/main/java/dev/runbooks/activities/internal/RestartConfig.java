package dev.runbooks.activities.internal;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The config of a {@code restart} step.
 *
 * @param target the name the loop guard and the quarantine know the service by
 * @param via {@code command}, {@code systemd} or {@code http}
 * @param argv the program and arguments of {@code command}
 * @param unit the unit of {@code systemd}
 * @param http the request of {@code http}
 * @param timeout how long the restart call may take
 * @param notBefore skip the restart when the service started at or after this instant, or null
 * @param startedAt how to learn when the service last started, or null
 * @param health the probe that must pass after the restart, or null
 * @param maxRestarts the most restarts of the target the guard allows within {@code window}
 * @param window the loop guard's window
 */
record RestartConfig(
    String target,
    String via,
    List<String> argv,
    String unit,
    Request http,
    Duration timeout,
    Instant notBefore,
    Probe startedAt,
    Health health,
    int maxRestarts,
    Duration window) {
  private static final String TYPE = "restart";
  private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9@_.:\\\\-]{1,255}");
  private static final Set<String> FIELDS =
      Set.of(
          "target",
          "command",
          "systemd",
          "http",
          "timeout",
          "notBefore",
          "startedAt",
          "health",
          "loopGuard");

  /** An HTTP request: the restart call or a probe. */
  record Request(URI url, String method, Map<String, String> headers) {}

  /**
   * Where the service's start time comes from: a JSON field of an HTTP answer, or what a command
   * prints (RFC 3339 or Unix seconds).
   */
  record Probe(Request http, String field, List<String> argv) {}

  /**
   * The health probe: GET {@code url} until it answers {@code expectStatus}, until the deadline.
   */
  record Health(URI url, int expectStatus, Duration deadline, Duration interval) {}

  static RestartConfig bind(Map<String, Object> config) {
    ConfigReader in = ConfigReader.of(TYPE, config, FIELDS);
    String target = in.requiredString("target");
    List<String> present =
        List.of("command", "systemd", "http").stream().filter(k -> in.raw(k) != null).toList();
    if (present.size() != 1) {
      throw in.invalid("command", "exactly one of command, systemd and http is required");
    }
    String via = present.get(0);
    List<String> argv = via.equals("command") ? in.stringList("command") : List.of();
    if (via.equals("command") && (argv.isEmpty() || argv.get(0).isBlank())) {
      throw in.invalid("command", "must name a program");
    }
    String unit = via.equals("systemd") ? in.requiredString("systemd") : null;
    if (unit != null && (!UNIT.matcher(unit).matches() || unit.startsWith("-"))) {
      throw in.invalid("systemd", "must be a unit name such as juggernaut.service");
    }
    Request http =
        via.equals("http")
            ? request(in.object("http", Set.of("url", "method", "headers")).orElseThrow(), "POST")
            : null;
    Probe startedAt =
        in.object("startedAt", Set.of("url", "field", "headers", "command"))
            .map(
                p -> {
                  if (p.raw("command") != null) {
                    return new Probe(null, null, p.stringList("command"));
                  }
                  return new Probe(request(p, "GET"), p.requiredString("field"), List.of());
                })
            .orElse(null);
    Health health =
        in.object("health", Set.of("url", "expectStatus", "deadline", "interval"))
            .map(
                h ->
                    new Health(
                        url(h),
                        h.integer("expectStatus").orElse(200L).intValue(),
                        h.duration("deadline").orElse(Duration.ofMinutes(2)),
                        h.duration("interval").orElse(Duration.ofSeconds(2))))
            .orElse(null);
    var guard = in.object("loopGuard", Set.of("maxRestarts", "window"));
    long max = guard.flatMap(g -> g.integer("maxRestarts")).orElse(3L);
    if (max < 1) {
      throw in.invalid("loopGuard.maxRestarts", "must be at least 1");
    }
    return new RestartConfig(
        target,
        via,
        argv,
        unit,
        http,
        in.duration("timeout").orElse(Duration.ofSeconds(60)),
        notBefore(in),
        startedAt,
        health,
        (int) max,
        guard.flatMap(g -> g.duration("window")).orElse(Duration.ofHours(1)));
  }

  private static Request request(ConfigReader r, String defaultMethod) {
    return new Request(url(r), r.string("method").orElse(defaultMethod), r.stringMap("headers"));
  }

  private static URI url(ConfigReader r) {
    URI url = JsonHttp.parse(r.requiredString("url"));
    if (url == null) {
      throw r.invalid("url", "must be an absolute http:// or https:// URL");
    }
    return url;
  }

  private static Instant notBefore(ConfigReader in) {
    Object raw = in.raw("notBefore");
    if (raw == null || (raw instanceof String s && s.isBlank())) {
      return null;
    }
    Instant at = instant(raw);
    if (at == null) {
      throw in.invalid("notBefore", "must be an RFC 3339 time or Unix seconds");
    }
    return at;
  }

  /** An RFC 3339 time or Unix seconds (a number or numeric text), or null when it is neither. */
  static Instant instant(Object value) {
    if (value instanceof Number n) {
      return Instant.ofEpochMilli((long) (n.doubleValue() * 1000));
    }
    String text = String.valueOf(value).strip();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (RuntimeException notRfc3339) {
      try {
        return Instant.ofEpochMilli((long) (Double.parseDouble(text) * 1000));
      } catch (NumberFormatException notNumber) {
        return null;
      }
    }
  }
}
