package dev.runbooks.activities.internal;

import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepFailures;
import dev.runbooks.language.Durations;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The HTTP exchange the remediation executors share: one request with a deadline, heartbeats while
 * waiting, a capped body parsed as JSON when it is JSON. Any failure to get a response becomes a
 * retryable failure of the caller's "unavailable" type whose message names the request by its safe
 * URL (no user info, no query).
 */
final class JsonHttp {
  private static final int BODY_CAP = 1 << 20;

  /**
   * A response.
   *
   * @param status the HTTP status
   * @param text the body as text (at most 1 MiB)
   * @param json the body parsed as JSON, or null when it is not JSON
   * @param retryAfter the {@code Retry-After} header as a delay, when there is one
   * @param durationMs how long the exchange took
   */
  record Response(
      int status, String text, Object json, Optional<Duration> retryAfter, long durationMs) {}

  private JsonHttp() {}

  /**
   * Sends one request to a destination the runbook chose and waits for the response (see {@link
   * #exchange(String, URI, Map, String, Duration, StepContext, String, String, boolean)}).
   */
  static Response exchange(
      String method,
      URI url,
      Map<String, String> headers,
      String body,
      Duration timeout,
      StepContext ctx,
      String what,
      String unavailableType) {
    return exchange(method, url, headers, body, timeout, ctx, what, unavailableType, false);
  }

  /**
   * Sends one request and waits for the response, heartbeating meanwhile. The host is resolved and
   * checked by the step's {@link dev.runbooks.activities.Destinations} and the connection goes to
   * the checked address ({@link PinnedHttp}); redirects are not followed.
   *
   * @param body a JSON text sent with {@code Content-Type: application/json}, or null for none
   * @param what how messages name the request, such as {@code GET http://host/circuits}
   * @param unavailableType the failure type for no response (connect failure, timeout, I/O)
   * @param workerConfigured whether the worker's configuration chose the URL (a named escalation
   *     route): the runbook's targets do not apply, the worker's lists do
   * @throws ApplicationFailure {@code TargetDenied} (not retryable) for a refused destination
   */
  static Response exchange(
      String method,
      URI url,
      Map<String, String> headers,
      String body,
      Duration timeout,
      StepContext ctx,
      String what,
      String unavailableType,
      boolean workerConfigured) {
    Map<String, String> all = new java.util.LinkedHashMap<>();
    all.put("Accept", "application/json");
    all.putAll(headers);
    if (body != null) {
      all.put("Content-Type", "application/json");
    }
    PinnedHttp.Request request;
    try {
      request =
          new PinnedHttp.Request(
              method,
              url,
              all,
              body == null ? null : body.getBytes(StandardCharsets.UTF_8),
              timeout,
              BODY_CAP,
              0,
              workerConfigured);
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          what + " cannot be sent: " + e.getMessage(), StepFailures.INVALID_STEP_CONFIG);
    }
    long started = System.nanoTime();
    CompletableFuture<PinnedHttp.Response> future =
        PinnedHttp.sendAsync(request, ctx.destinations());
    long deadline = started + timeout.toNanos();
    PinnedHttp.Response response;
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          future.cancel(true);
          throw ApplicationFailure.newFailure(
              what + " timed out after " + Durations.format(timeout), unavailableType);
        }
        try {
          response =
              future.get(Math.min(left, Heartbeats.INTERVAL.toNanos()), TimeUnit.NANOSECONDS);
          break;
        } catch (TimeoutException e) {
          try {
            ctx.heartbeat(Map.of("waitingMs", (System.nanoTime() - started) / 1_000_000));
          } catch (RuntimeException cancelled) {
            // The activity was cancelled or its workflow is gone: stop the request too.
            future.cancel(true);
            throw cancelled;
          }
        }
      }
    } catch (InterruptedException e) {
      future.cancel(true);
      throw StepFailures.interrupted("waiting for " + what);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ApplicationFailure denied) {
        throw denied;
      }
      String reason =
          cause instanceof java.net.SocketTimeoutException
              ? "timed out"
              : "failed: " + describe(cause);
      throw ApplicationFailure.newFailure(what + " " + reason, unavailableType);
    }
    String text = new String(response.body(), StandardCharsets.UTF_8);
    Object json = JsonValues.looksLikeJson(text) ? JsonValues.parseOr(text, null) : null;
    return new Response(
        response.status(),
        text,
        json,
        response.header("retry-after").flatMap(JsonHttp::retryAfter),
        (System.nanoTime() - started) / 1_000_000);
  }

  /** A {@code Retry-After} value (seconds or an HTTP date) as a delay of at least one second. */
  static Optional<Duration> retryAfter(String value) {
    String v = value.strip();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(1, Long.parseLong(v))));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration delay = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(
            delay.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : delay);
      } catch (RuntimeException notADate) {
        return Optional.empty();
      }
    }
  }

  /** A URL without user info, query or fragment, for messages. */
  static String safe(URI url) {
    StringBuilder sb =
        new StringBuilder().append(url.getScheme()).append("://").append(url.getHost());
    if (url.getPort() >= 0) {
      sb.append(':').append(url.getPort());
    }
    return sb.append(url.getRawPath() == null ? "" : url.getRawPath()).toString();
  }

  /**
   * A workflow id as a URL path: each segment between slashes percent-encoded, the slashes kept, as
   * the API's run paths take it ({@code /api/runs/runbook/x/1234}).
   */
  static String pathOf(String id) {
    return java.util.Arrays.stream(id.split("/", -1))
        .map(
            s ->
                java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20"))
        .collect(java.util.stream.Collectors.joining("/"));
  }

  /** Parses an absolute http(s) URL or returns null. */
  static URI parse(String text) {
    try {
      URI url = new URI(text.strip());
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase();
      boolean ok = (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null;
      return ok ? url : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  private static String describe(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof java.net.ConnectException) {
        return "cannot connect (" + c.getClass().getSimpleName() + ")";
      }
    }
    String message = t == null ? null : t.getMessage();
    String name = t == null ? "error" : t.getClass().getSimpleName();
    return message == null || message.isBlank() ? name : message + " (" + name + ")";
  }
}
