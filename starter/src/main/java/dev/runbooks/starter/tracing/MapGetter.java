package dev.runbooks.starter.tracing;

import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Map;

/** Reads propagated trace fields ({@code traceparent}, {@code tracestate}) from a plain map. */
public enum MapGetter implements TextMapGetter<Map<String, String>> {
  /** The one reader. */
  INSTANCE;

  @Override
  @SuppressWarnings("deprecation") // keys() is deprecated in 1.68 yet still abstract
  public Iterable<String> keys(Map<String, String> carrier) {
    return carrier.keySet();
  }

  @Override
  public String get(Map<String, String> carrier, String key) {
    return carrier == null ? null : carrier.get(key);
  }
}
