package dev.runbooks.activities.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.runbooks.activities.Destinations;
import dev.runbooks.activities.HttpTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outbound requests get a client span and a {@code traceparent} header only when the activity's
 * context turned tracing on; the span names no path, query or header.
 */
class HttpSpanTest {
  private final List<String> traceparents = new CopyOnWriteArrayList<>();
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private HttpServer server;
  private OpenTelemetrySdk sdk;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          traceparents.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
          int status = exchange.getRequestURI().getPath().equals("/broken") ? 503 : 200;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    sdk.close();
  }

  @Test
  void untracedWithoutTheActivitysContext() throws Exception {
    assertThat(send("/secret-token/path?q=1").status()).isEqualTo(200);
    assertThat(traceparents).containsExactly("null");
    assertThat(spans.getFinishedSpanItems()).isEmpty();
  }

  @Test
  @SuppressWarnings("try") // the scope is only closed
  void aClientSpanChildOfTheActivityAndItsTraceparentOnTheRequest() throws Exception {
    Span activity = sdk.getTracer("test").spanBuilder("RunActivity:http").startSpan();
    Context context = HttpTracing.enable(Context.root().with(activity), sdk);
    try (Scope scope = context.makeCurrent()) {
      assertThat(send("/secret-token/path?q=1").status()).isEqualTo(200);
      assertThat(send("/broken").status()).isEqualTo(503);
    } finally {
      activity.end();
    }
    List<SpanData> gets =
        spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("GET")).toList();
    assertThat(gets).hasSize(2);
    SpanData ok = gets.get(0);
    assertThat(ok.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(ok.getParentSpanId()).isEqualTo(activity.getSpanContext().getSpanId());
    assertThat(ok.getTraceId()).isEqualTo(activity.getSpanContext().getTraceId());
    assertThat(traceparents.get(0))
        .isEqualTo(
            "00-"
                + ok.getTraceId()
                + "-"
                + ok.getSpanId()
                + "-"
                + ok.getSpanContext().getTraceFlags().asHex());
    assertThat(ok.getAttributes().asMap().toString())
        .contains("http.response.status_code=200")
        .contains("server.address=127.0.0.1")
        .doesNotContain("secret-token")
        .doesNotContain("q=1");
    assertThat(gets.get(1).getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  private PinnedHttp.Response send(String path) throws Exception {
    return PinnedHttp.sendAsync(
            new PinnedHttp.Request(
                "GET",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path),
                Map.of(),
                null,
                Duration.ofSeconds(10),
                1024,
                0,
                true),
            Destinations.open())
        .get();
  }
}
