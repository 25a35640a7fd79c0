package dev.runbooks.starter.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * A W3C trace context as text, the way the inbox stores it with each alert ({@code trace_parent},
 * {@code trace_state}): the {@code traceparent} and {@code tracestate} header values, each null
 * when absent.
 *
 * @param traceParent the {@code traceparent} value ({@code 00-<trace id>-<span id>-<flags>}), or
 *     null
 * @param traceState the {@code tracestate} value, or null
 */
public record TraceHeaders(String traceParent, String traceState) {
  /** No trace context. */
  public static final TraceHeaders NONE = new TraceHeaders(null, null);

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  /** The trace context of the current span, or {@link #NONE} when there is none (tracing off). */
  public static TraceHeaders current() {
    Map<String, String> carrier = new HashMap<>();
    W3C.inject(Context.current(), carrier, Map::put);
    String parent = carrier.get("traceparent");
    return parent == null ? NONE : new TraceHeaders(parent, carrier.get("tracestate"));
  }

  /**
   * The context these headers name, as the parent of new spans; the root context when there are
   * none or they are malformed.
   */
  public Context context() {
    if (traceParent == null) {
      return Context.root();
    }
    Map<String, String> carrier = new HashMap<>();
    carrier.put("traceparent", traceParent);
    if (traceState != null) {
      carrier.put("tracestate", traceState);
    }
    return W3C.extract(Context.root(), carrier, MapGetter.INSTANCE);
  }
}
