package dev.runbooks.starter.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The engine's tracing: either off (the default; OpenTelemetry's no-op API, no SDK, no exporter) or
 * on with an OpenTelemetry SDK, configured by the standard {@code OTEL_*} variables unless the
 * application supplies its own {@link OpenTelemetry} bean (tests do, with an in-memory exporter).
 * Spans carry ids, names and hashes only: never alert payloads, labels, annotations or secrets.
 */
public final class RunbookTracing implements AutoCloseable {
  /** The instrumentation scope of the engine's spans. */
  public static final String SCOPE = "dev.runbooks.engine";

  /**
   * Defaults under the {@code OTEL_*} variables (which win): the service name, OTLP over HTTP (the
   * specification's default; OpenTelemetry Java's own is gRPC, whose sender is not shipped), and no
   * metrics or logs exporter (the engine exports traces only; metrics go to Prometheus).
   */
  static final Map<String, String> DEFAULTS =
      Map.of(
          "otel.service.name", "runbook-engine",
          "otel.exporter.otlp.protocol", "http/protobuf",
          "otel.metrics.exporter", "none",
          "otel.logs.exporter", "none");

  private final OpenTelemetry openTelemetry;
  private final boolean enabled;
  private final OpenTelemetrySdk owned;

  private RunbookTracing(OpenTelemetry openTelemetry, boolean enabled, OpenTelemetrySdk owned) {
    this.openTelemetry = openTelemetry;
    this.enabled = enabled;
    this.owned = owned;
  }

  /** Tracing off: every call runs untraced. */
  public static RunbookTracing off() {
    return new RunbookTracing(OpenTelemetry.noop(), false, null);
  }

  /** Tracing on with the given OpenTelemetry, which the caller owns (and closes). */
  public static RunbookTracing on(OpenTelemetry openTelemetry) {
    return new RunbookTracing(openTelemetry, true, null);
  }

  /**
   * Tracing on with an SDK configured by the {@code OTEL_*} environment variables and {@code
   * otel.*} system properties (OTLP exporter by default); closed with this object.
   */
  public static RunbookTracing autoconfigured() {
    OpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(() -> DEFAULTS)
            .build()
            .getOpenTelemetrySdk();
    return new RunbookTracing(sdk, true, sdk);
  }

  /** Whether tracing is on. */
  public boolean enabled() {
    return enabled;
  }

  /** The OpenTelemetry instance (the no-op one when off). */
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /** The engine's tracer. */
  public Tracer tracer() {
    return openTelemetry.getTracer(SCOPE);
  }

  /**
   * Runs {@code work} in a new internal span, child of {@code parent}, current (and in the log MDC)
   * while it runs; a failure marks the span as an error (its type only, not its message). Off: runs
   * {@code work} with the invalid span.
   */
  public <T> T inSpan(String name, Context parent, Attributes attributes, Function<Span, T> work) {
    if (!enabled) {
      return work.apply(Span.getInvalid());
    }
    Span span =
        tracer()
            .spanBuilder(name)
            .setParent(parent)
            .setSpanKind(SpanKind.INTERNAL)
            .setAllAttributes(attributes)
            .startSpan();
    return within(span, parent.with(span), () -> work.apply(span));
  }

  /**
   * Runs {@code work} with {@code context} (which holds {@code span}) current and the span's ids in
   * the log MDC, then ends the span; a failure marks the span as an error (its type only, not its
   * message).
   */
  @SuppressWarnings("try") // the scope is only closed
  public static <T> T within(Span span, Context context, Supplier<T> work) {
    try (Scope scope = context.makeCurrent();
        TraceMdc mdc = TraceMdc.of(span)) {
      return work.get();
    } catch (RuntimeException | Error e) {
      span.setStatus(StatusCode.ERROR);
      span.setAttribute("error.type", e.getClass().getName());
      throw e;
    } finally {
      span.end();
    }
  }

  /** Closes the SDK this object created (flushing what was not exported yet). */
  @Override
  public void close() {
    if (owned != null) {
      owned.close();
    }
  }
}
