package dev.runbooks.activities.internal;

import dev.runbooks.activities.HttpTracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The client span of one outbound request ({@link PinnedHttp}), when the activity's context turned
 * tracing on ({@link HttpTracing}); otherwise nothing. It carries the method, scheme, host, port
 * and status code (OpenTelemetry's HTTP semantic conventions), not the path or query.
 */
final class HttpSpan {
  private static final HttpSpan NONE = new HttpSpan(null, null, null);
  private static final AttributeKey<Long> STATUS =
      AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> ERROR = AttributeKey.stringKey("error.type");

  private final OpenTelemetry openTelemetry;
  private final Span span;
  private final Context context;

  private HttpSpan(OpenTelemetry openTelemetry, Span span, Context context) {
    this.openTelemetry = openTelemetry;
    this.span = span;
    this.context = context;
  }

  /** Starts the span of a request in the current context (nothing when tracing is off). */
  static HttpSpan start(PinnedHttp.Request request) {
    Context parent = Context.current();
    OpenTelemetry otel = HttpTracing.of(parent).orElse(null);
    if (otel == null) {
      return NONE;
    }
    String scheme = request.url().getScheme().toLowerCase(Locale.ROOT);
    Span span =
        otel.getTracer("dev.runbooks.activities")
            .spanBuilder(request.method())
            .setParent(parent)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("http.request.method", request.method())
            .setAttribute("url.scheme", scheme)
            .setAttribute("server.address", PinnedHttp.host(request.url()))
            .setAttribute("server.port", (long) PinnedHttp.port(request.url()))
            .startSpan();
    return new HttpSpan(otel, span, parent.with(span));
  }

  /** The request with the span's {@code traceparent} (and {@code tracestate}) headers. */
  PinnedHttp.Request inject(PinnedHttp.Request request) {
    if (span == null) {
      return request;
    }
    Map<String, String> propagated = new LinkedHashMap<>();
    openTelemetry.getPropagators().getTextMapPropagator().inject(context, propagated, Map::put);
    Map<String, String> headers = new LinkedHashMap<>(request.headers());
    headers.keySet().removeIf(h -> propagated.keySet().stream().anyMatch(h::equalsIgnoreCase));
    headers.putAll(propagated);
    return new PinnedHttp.Request(
        request.method(),
        request.url(),
        headers,
        request.body(),
        request.timeout(),
        request.cap(),
        request.maxRedirects(),
        request.workerConfigured());
  }

  /** Ends the span with the response's status, or the failure's type. */
  void end(PinnedHttp.Response response, Throwable failure) {
    if (span == null) {
      return;
    }
    if (response != null) {
      span.setAttribute(STATUS, (long) response.status());
      if (response.status() >= 400) {
        span.setAttribute(ERROR, Integer.toString(response.status()));
        span.setStatus(StatusCode.ERROR);
      }
    } else if (failure != null) {
      Throwable cause =
          failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure;
      span.setAttribute(ERROR, cause.getClass().getName());
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }
}
