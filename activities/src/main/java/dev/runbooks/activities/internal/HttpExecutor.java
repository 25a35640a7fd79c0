package dev.runbooks.activities.internal;

import dev.runbooks.activities.AuditLog;
import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.activities.StepFailures;
import dev.runbooks.language.Durations;
import dev.runbooks.language.expr.ExpressionException;
import dev.runbooks.language.expr.Expressions;
import dev.runbooks.language.expr.Json;
import dev.runbooks.language.steps.ActionRequest;
import io.temporal.failure.ApplicationFailure;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Executes {@code http} steps. The host is resolved once and checked by the step's {@link
 * dev.runbooks.activities.Destinations}, and the request goes to the checked address ({@link
 * PinnedHttp}); redirects are followed only with {@code followRedirects: true}, each hop checked
 * again. The result is {@code {status, headers, body, bodyTruncated, durationMs, url, method}}:
 * headers keep the first value of each, under its lower-case name; the body (at most 1 MiB) is
 * parsed JSON when the response is or looks like JSON, else a string. Requests that change things
 * (POST, PUT, PATCH, DELETE) go to the audit trail, one row per attempt, with the status it
 * answered or the failure (a refused destination included).
 */
final class HttpExecutor implements StepExecutor {
  static final int BODY_CAP = 1 << 20;
  private static final int EXCERPT = 500;

  private static final Set<String> READ_ONLY = Set.of("GET", "HEAD", "OPTIONS");

  private final AuditLog audit;

  /** An executor that audits the requests that change things in the environment's audit log. */
  HttpExecutor(StepEnvironment env) {
    this.audit = env.audit();
  }

  @Override
  public String type() {
    return "http";
  }

  @Override
  public Map<String, Object> execute(ActionRequest request, StepContext ctx) {
    HttpConfig config = HttpConfig.bind(request.config());
    PinnedHttp.Request httpRequest = buildRequest(config);
    String what = config.method() + " " + config.safeUrl();
    long started = System.nanoTime();
    PinnedHttp.Response response;
    try {
      response = await(PinnedHttp.sendAsync(httpRequest, ctx.destinations()), config, what, ctx);
    } catch (ApplicationFailure e) {
      audit(request, ctx, config, e.getType(), null, started);
      throw e;
    }
    Map<String, Object> result =
        result(config, response, (System.nanoTime() - started) / 1_000_000);
    int status = response.status();
    audit(
        request,
        ctx,
        config,
        config.statusExpected(status) ? "ok" : StepFailures.UNEXPECTED_STATUS,
        status,
        started);
    if (!config.statusExpected(status)) {
      throw StepFailures.retryable(
          what
              + " returned "
              + status
              + ", expected "
              + config.describeExpectedStatus()
              + "; body: "
              + JsonValues.head(bodyText(response), EXCERPT),
          StepFailures.UNEXPECTED_STATUS,
          result);
    }
    if (config.expectBody() != null) {
      checkBody(config.expectBody(), what, result);
    }
    return result;
  }

  /** One audit row per attempt of a request that changes things (retries are rows of their own). */
  private void audit(
      ActionRequest request,
      StepContext ctx,
      HttpConfig config,
      String outcome,
      Integer status,
      long started) {
    if (READ_ONLY.contains(config.method())) {
      return;
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("method", config.method());
    details.put("status", status);
    details.put("attempt", (long) ctx.attempt());
    details.put("durationMs", (System.nanoTime() - started) / 1_000_000);
    String action = "http." + config.method().toLowerCase(Locale.ROOT);
    String target = config.safeUrl();
    audit.append(
        AuditLog.entry(
            request,
            action,
            target,
            outcome,
            action + ":" + target + "#" + ctx.effectKey(request.stepId()) + "/" + ctx.attempt(),
            details));
  }

  private static void checkBody(String condition, String what, Map<String, Object> result) {
    boolean ok;
    try {
      ok = Expressions.standard().test(condition, Map.of("result", result));
    } catch (ExpressionException e) {
      throw StepFailures.retryable(
          what + ": expect.body '" + condition + "' could not be evaluated: " + e.getMessage(),
          StepFailures.EXPECTATION_FAILED,
          result);
    }
    if (!ok) {
      throw StepFailures.retryable(
          what + ": response does not satisfy expect.body '" + condition + "'",
          StepFailures.EXPECTATION_FAILED,
          result);
    }
  }

  private static PinnedHttp.Request buildRequest(HttpConfig config) {
    Map<String, String> headers = new LinkedHashMap<>(config.headers());
    boolean hasContentType =
        headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("content-type"));
    Object body = config.body();
    byte[] bytes = null;
    if (body instanceof String text) {
      bytes = text.getBytes(StandardCharsets.UTF_8);
    } else if (body != null) {
      bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
      if (!hasContentType) {
        headers.put("Content-Type", "application/json");
      }
    }
    try {
      return new PinnedHttp.Request(
          config.method(),
          config.url(),
          headers,
          bytes,
          config.timeout(),
          BODY_CAP,
          config.followRedirects() ? HttpConfig.MAX_REDIRECTS : 0,
          false);
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      String field = "url";
      for (String name : config.headers().keySet()) {
        if (message.contains("\"" + name + "\"") || message.contains(" " + name + ":")) {
          field = "headers." + name;
        }
      }
      throw StepFailures.invalidConfig("http", field, "cannot be sent: " + message);
    }
  }

  private static PinnedHttp.Response await(
      CompletableFuture<PinnedHttp.Response> future,
      HttpConfig config,
      String what,
      StepContext ctx) {
    long deadline = System.nanoTime() + config.timeout().toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          future.cancel(true);
          throw StepFailures.retryable(
              what + " timed out after " + Durations.format(config.timeout()),
              StepFailures.HTTP_TIMEOUT,
              null);
        }
        try {
          return future.get(Math.min(left, Heartbeats.INTERVAL.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          ctx.heartbeat(Map.of("waitingMs", (config.timeout().toNanos() - left) / 1_000_000));
        }
      }
    } catch (InterruptedException e) {
      future.cancel(true);
      throw StepFailures.interrupted("waiting for " + what);
    } catch (ExecutionException e) {
      throw exchangeFailure(what, e.getCause());
    } catch (RuntimeException e) {
      future.cancel(true);
      throw e;
    }
  }

  private static ApplicationFailure exchangeFailure(String what, Throwable cause) {
    if (cause instanceof ApplicationFailure refused) {
      return refused;
    }
    if (cause instanceof SocketTimeoutException) {
      return StepFailures.retryableWithCause(
          what + " timed out: " + reason(cause), StepFailures.HTTP_TIMEOUT, cause);
    }
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException
          || t instanceof UnresolvedAddressException) {
        return StepFailures.retryableWithCause(
            what + ": cannot connect: " + reason(t), StepFailures.HTTP_CONNECT_FAILED, cause);
      }
    }
    return StepFailures.retryableWithCause(
        what + " failed: " + reason(cause), StepFailures.HTTP_REQUEST_FAILED, cause);
  }

  private static String reason(Throwable t) {
    String message = t.getMessage();
    String name = t.getClass().getSimpleName();
    return message == null || message.isBlank() ? name : message + " (" + name + ")";
  }

  private static Map<String, Object> result(
      HttpConfig config, PinnedHttp.Response response, long durationMs) {
    Map<String, Object> headers = new TreeMap<>();
    response
        .headers()
        .forEach(
            (name, values) -> {
              if (!values.isEmpty()) {
                headers.putIfAbsent(name, values.get(0));
              }
            });
    String text = bodyText(response);
    boolean truncated = response.truncated();
    Optional<String> contentType = response.header("content-type");
    boolean json =
        contentType.map(ct -> ct.toLowerCase(Locale.ROOT).contains("json")).orElse(false)
            || JsonValues.looksLikeJson(text);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("status", (long) response.status());
    result.put("headers", headers);
    result.put("body", json && !truncated ? JsonValues.parseOr(text, text) : text);
    result.put("bodyTruncated", truncated);
    result.put("durationMs", durationMs);
    result.put("url", config.url().toString());
    result.put("method", config.method());
    return result;
  }

  private static String bodyText(PinnedHttp.Response response) {
    return new String(response.body(), charset(response));
  }

  private static Charset charset(PinnedHttp.Response response) {
    String contentType = response.header("content-type").orElse("");
    for (String part : contentType.split(";")) {
      String p = part.strip();
      if (p.regionMatches(true, 0, "charset=", 0, 8)) {
        try {
          return Charset.forName(p.substring(8).replace("\"", "").strip());
        } catch (RuntimeException e) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }
}
