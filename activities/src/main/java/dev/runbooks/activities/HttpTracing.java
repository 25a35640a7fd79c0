package dev.runbooks.activities;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import java.util.Optional;

/**
 * Turns on the tracing of outbound HTTP requests for the code that runs in a context: the worker's
 * activity interceptor puts the application's {@link OpenTelemetry} into the context an activity
 * runs in, and every request an executor sends from there (HTTP steps, probes, notifications,
 * escalations) gets a client span, child of the activity's span, and a W3C {@code traceparent}
 * header. Without it (tracing off, the default) requests are sent exactly as before: no span, no
 * header.
 *
 * <p>The span is named after the method and carries the method, the scheme, host and port, and the
 * status code; never the path, the query, headers or bodies, which may hold secrets (webhook URLs
 * often carry their token in the path).
 */
public final class HttpTracing {
  private static final ContextKey<OpenTelemetry> KEY = ContextKey.named("runbook-http-tracing");

  private HttpTracing() {}

  /** The context with outbound HTTP tracing on, spans made with {@code openTelemetry}. */
  public static Context enable(Context context, OpenTelemetry openTelemetry) {
    return context.with(KEY, openTelemetry);
  }

  /** The OpenTelemetry instance outbound requests in this context are traced with, if any. */
  public static Optional<OpenTelemetry> of(Context context) {
    return Optional.ofNullable(context.get(KEY));
  }
}
