package dev.runbooks.starter.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.slf4j.MDC;

/**
 * Puts a span's ids into the logging MDC as {@code trace_id} and {@code span_id} (what the text log
 * pattern shows and the JSON logs carry) and puts back what was there on {@link #close()}.
 */
public final class TraceMdc implements AutoCloseable {
  /** The MDC key of the trace id. */
  public static final String TRACE_ID = "trace_id";

  /** The MDC key of the span id. */
  public static final String SPAN_ID = "span_id";

  private final boolean set;
  private final String previousTrace;
  private final String previousSpan;

  private TraceMdc(SpanContext span) {
    set = span.isValid();
    previousTrace = MDC.get(TRACE_ID);
    previousSpan = MDC.get(SPAN_ID);
    if (set) {
      MDC.put(TRACE_ID, span.getTraceId());
      MDC.put(SPAN_ID, span.getSpanId());
    }
  }

  /** Puts the span's ids into the MDC until closed (nothing for an invalid span). */
  public static TraceMdc of(Span span) {
    return new TraceMdc(span.getSpanContext());
  }

  @Override
  public void close() {
    if (!set) {
      return;
    }
    restore(TRACE_ID, previousTrace);
    restore(SPAN_ID, previousSpan);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
