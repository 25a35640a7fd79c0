package dev.runbooks.worker.tracing;

import dev.runbooks.starter.tracing.MapGetter;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.interceptors.Header;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trace context in a Temporal header: one entry {@code _tracer-data}, a JSON object of the
 * propagated fields ({@code traceparent}, {@code tracestate}), the convention of Temporal's
 * OpenTelemetry interceptors in its other SDKs. Converted with Temporal's standard converter, not
 * the application's codec: the ids are not secret, and the worker's copy into activity headers
 * stays a plain map operation (no I/O in workflow code).
 */
final class TracerData {
  /** The header key. */
  static final String KEY = "_tracer-data";

  private TracerData() {}

  /** The header with the context's trace fields added (a new header; the old one may be frozen). */
  static Header with(Header header, OpenTelemetry otel, Context context) {
    Map<String, String> fields = new LinkedHashMap<>();
    otel.getPropagators().getTextMapPropagator().inject(context, fields, Map::put);
    Map<String, Payload> values = new HashMap<>(header.getValues());
    if (!fields.isEmpty()) {
      values.put(KEY, DefaultDataConverter.STANDARD_INSTANCE.toPayload(fields).orElseThrow());
    }
    return new Header(values);
  }

  /** The context a header's trace fields name; the root context when it has none. */
  static Context context(Header header, OpenTelemetry otel) {
    Payload payload = header.getValues().get(KEY);
    Map<String, String> fields = new HashMap<>();
    if (payload != null) {
      try {
        Map<?, ?> read =
            DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, Map.class, Map.class);
        read.forEach(
            (k, v) -> {
              if (k instanceof String key && v instanceof String value) {
                fields.put(key, value);
              }
            });
      } catch (RuntimeException e) {
        return Context.root(); // a malformed entry starts a new trace
      }
    }
    return otel.getPropagators()
        .getTextMapPropagator()
        .extract(Context.root(), fields, MapGetter.INSTANCE);
  }

  /** The header with {@code trace}'s entry copied in, when there is one (a pure map operation). */
  static Header copy(Header header, Payload trace) {
    if (trace == null || header.getValues().containsKey(KEY)) {
      return header;
    }
    Map<String, Payload> values = new HashMap<>(header.getValues());
    values.put(KEY, trace);
    return new Header(values);
  }
}
