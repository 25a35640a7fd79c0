package dev.runbooks.activities.internal;

import dev.runbooks.activities.AuditLog;
import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.activities.StepFailures;
import dev.runbooks.language.Durations;
import dev.runbooks.language.steps.ActionRequest;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Executes {@code circuitBreaker} steps against a service's breaker API. Every action is safe to
 * retry: {@code list} and {@code verify} only read, and {@code reset} reads the breaker first and
 * posts the reset only when it is not already closed, so a repeated reset is a no-op success.
 *
 * <ul>
 *   <li>{@code list}: {@code {circuits: [{name, state, failures}], open: [names], openCount}}
 *   <li>{@code reset}: {@code {name, before, after, reset: true, changed}}
 *   <li>{@code verify}: {@code {name, state, stable, reopened, checks, watchedMs}}; fails with
 *       {@code BreakerStillOpen} or {@code BreakerReopened} (non-retryable unless {@code
 *       verify.retryable}), carrying this result as evidence
 * </ul>
 *
 * States are reported in lower case.
 *
 * <p>Requests go through {@link JsonHttp}, which resolves and checks each host with the step's
 * {@link dev.runbooks.activities.Destinations} and connects to the checked address ({@link
 * PinnedHttp}).
 */
final class CircuitBreakerExecutor implements StepExecutor {
  private static final String CLOSED = "closed";
  private static final int EXCERPT = 300;
  private final AuditLog audit;

  /** An executor that records resets in the environment's audit log. */
  CircuitBreakerExecutor(StepEnvironment env) {
    this.audit = env.audit();
  }

  @Override
  public String type() {
    return "circuitBreaker";
  }

  @Override
  public Map<String, Object> execute(ActionRequest request, StepContext ctx) {
    BreakerConfig config = BreakerConfig.bind(request.config());
    return switch (config.action()) {
      case "reset" -> {
        Map<String, Object> result = reset(config, ctx);
        audit.append(
            AuditLog.entry(
                request,
                "breaker.reset",
                JsonHttp.safe(config.url(config.paths().reset())),
                Boolean.TRUE.equals(result.get("changed")) ? "reset" : "alreadyClosed",
                result));
        yield result;
      }
      case "verify" -> verify(config, ctx);
      default -> list(config, ctx);
    };
  }

  private Map<String, Object> list(BreakerConfig config, StepContext ctx) {
    Object body = get(config, config.url(config.paths().list()), ctx);
    var fields = config.fields();
    Object circuits = JsonPaths.at(body, fields.circuits());
    List<Map<String, Object>> all = new ArrayList<>();
    if (circuits instanceof Map<?, ?> byName) {
      byName.forEach((n, v) -> all.add(circuit(String.valueOf(n), v, fields)));
    } else if (circuits instanceof List<?> list) {
      for (Object v : list) {
        all.add(circuit(String.valueOf(JsonPaths.at(v, fields.name())), v, fields));
      }
    } else {
      throw apiError(
          config,
          "GET " + JsonHttp.safe(config.url(config.paths().list())),
          "has no breakers at '" + fields.circuits() + "' (a map by name or a list)");
    }
    List<String> open = new ArrayList<>();
    all.stream()
        .filter(c -> "open".equals(c.get("state")))
        .forEach(c -> open.add((String) c.get("name")));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("circuits", all);
    result.put("open", open);
    result.put("openCount", (long) open.size());
    return result;
  }

  private static Map<String, Object> circuit(String name, Object value, BreakerConfig.Fields f) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("name", name);
    c.put("state", state(JsonPaths.at(value, f.state())));
    Object failures = JsonPaths.at(value, f.failures());
    c.put("failures", failures instanceof Number n ? n.longValue() : null);
    return c;
  }

  private Map<String, Object> reset(BreakerConfig config, StepContext ctx) {
    String before = readState(config, ctx);
    String after = before;
    boolean changed = false;
    if (!CLOSED.equals(before)) {
      send(config, "POST", config.url(config.paths().reset()), ctx);
      changed = true;
      after = readState(config, ctx);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("name", config.name());
    result.put("before", before);
    result.put("after", after);
    result.put("reset", true);
    result.put("changed", changed);
    return result;
  }

  private Map<String, Object> verify(BreakerConfig config, StepContext ctx) {
    var verify = config.verify();
    long started = System.nanoTime();
    String state = readState(config, ctx);
    long checks = 1;
    if (!verify.expectState().equals(state)) {
      throw verifyFailure(
          config,
          StepFailures.BREAKER_STILL_OPEN,
          "breaker '" + config.name() + "' is " + state + ", expected " + verify.expectState(),
          verifyResult(config, state, false, checks, started));
    }
    long deadline = started + verify.watch().toNanos();
    while (System.nanoTime() < deadline) {
      long left = deadline - System.nanoTime();
      sleep(Duration.ofNanos(Math.min(left, verify.interval().toNanos())), ctx, checks, started);
      state = readState(config, ctx);
      checks++;
      if (!verify.expectState().equals(state)) {
        throw verifyFailure(
            config,
            StepFailures.BREAKER_REOPENED,
            "breaker '"
                + config.name()
                + "' was "
                + verify.expectState()
                + " but is "
                + state
                + " after "
                + Durations.format(Duration.ofMillis((System.nanoTime() - started) / 1_000_000))
                + " (check "
                + checks
                + ")",
            verifyResult(config, state, true, checks, started));
      }
    }
    return verifyResult(config, state, false, checks, started);
  }

  private static Map<String, Object> verifyResult(
      BreakerConfig config, String state, boolean reopened, long checks, long started) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("name", config.name());
    result.put("state", state);
    result.put("expectState", config.verify().expectState());
    result.put("stable", config.verify().expectState().equals(state));
    result.put("reopened", reopened);
    result.put("checks", checks);
    result.put("watchedMs", (System.nanoTime() - started) / 1_000_000);
    return result;
  }

  private static ApplicationFailure verifyFailure(
      BreakerConfig config, String type, String message, Map<String, Object> evidence) {
    return config.verify().retryable()
        ? ApplicationFailure.newFailure(message, type, evidence)
        : ApplicationFailure.newNonRetryableFailure(message, type, evidence);
  }

  private static void sleep(Duration pause, StepContext ctx, long checks, long started) {
    Heartbeats.sleep(
        pause,
        ctx,
        () -> Map.of("checks", checks, "watchedMs", (System.nanoTime() - started) / 1_000_000),
        "watching a circuit breaker");
  }

  private String readState(BreakerConfig config, StepContext ctx) {
    URI url = config.url(config.paths().get());
    Object body = get(config, url, ctx);
    Object state = JsonPaths.at(body, config.fields().state());
    if (state == null) {
      throw apiError(
          config, "GET " + JsonHttp.safe(url), "has no state at '" + config.fields().state() + "'");
    }
    return state(state);
  }

  /** Sends a bodiless request to the breaker API and checks its answer. */
  private JsonHttp.Response send(BreakerConfig config, String method, URI url, StepContext ctx) {
    String what = method + " " + JsonHttp.safe(url);
    JsonHttp.Response response =
        JsonHttp.exchange(
            method,
            url,
            config.headers(),
            null,
            config.timeout(),
            ctx,
            what,
            StepFailures.BREAKER_API_UNAVAILABLE);
    check(config, response, what);
    return response;
  }

  private Object get(BreakerConfig config, URI url, StepContext ctx) {
    String what = "GET " + JsonHttp.safe(url);
    JsonHttp.Response response = send(config, "GET", url, ctx);
    if (response.json() == null) {
      throw apiError(
          config, what, "did not answer JSON: " + JsonValues.head(response.text(), EXCERPT));
    }
    return response.json();
  }

  private static void check(BreakerConfig config, JsonHttp.Response response, String what) {
    int status = response.status();
    if (status >= 200 && status < 300) {
      return;
    }
    String excerpt = JsonValues.head(response.text(), EXCERPT);
    if (status == 429 || status >= 500) {
      throw ApplicationFailure.newFailure(
          what + " answered " + status + ": " + excerpt, StepFailures.BREAKER_API_UNAVAILABLE);
    }
    String hint =
        status == 404 && config.name() != null
            ? " (is there a breaker named '" + config.name() + "'?)"
            : "";
    throw ApplicationFailure.newNonRetryableFailure(
        what + " answered " + status + hint + ": " + excerpt, StepFailures.BREAKER_API_ERROR);
  }

  private static ApplicationFailure apiError(BreakerConfig config, String what, String problem) {
    return ApplicationFailure.newNonRetryableFailure(
        what + " " + problem + "; set fields in the step if the API names things differently",
        StepFailures.BREAKER_API_ERROR);
  }

  private static String state(Object value) {
    return value == null ? null : String.valueOf(value).strip().toLowerCase(Locale.ROOT);
  }
}
