package dev.runbooks.starter.tracing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * Tracing is off unless {@code runbook.tracing.enabled=true}: then no OpenTelemetry SDK, exporter
 * or webhook filter exists, spans are never made and nothing goes into the MDC. On, the
 * application's OpenTelemetry is used when it has one, else the SDK configured by {@code OTEL_*}.
 */
class TracingAutoConfigurationTest {
  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(TracingAutoConfiguration.class));

  @Test
  void offByDefaultCreatesNoSdkNoExporterNoFilter() {
    runner.run(
        context -> {
          RunbookTracing tracing = context.getBean(RunbookTracing.class);
          assertThat(tracing.enabled()).isFalse();
          assertThat(tracing.openTelemetry()).isSameAs(OpenTelemetry.noop());
          assertThat(context.getBeansOfType(OpenTelemetry.class)).isEmpty();
          assertThat(context.getBeansOfType(FilterRegistrationBean.class)).isEmpty();
          String result =
              tracing.inSpan(
                  "dispatch",
                  Context.root(),
                  Attributes.empty(),
                  span -> {
                    assertThat(span.getSpanContext().isValid()).isFalse();
                    assertThat(MDC.get(TraceMdc.TRACE_ID)).isNull();
                    assertThat(TraceHeaders.current()).isEqualTo(TraceHeaders.NONE);
                    return "ran";
                  });
          assertThat(result).isEqualTo("ran");
        });
  }

  @Test
  void offEvenWhenTheApplicationHasAnOpenTelemetryBean() {
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().build()) {
      runner
          .withBean(OpenTelemetry.class, () -> sdk)
          .run(context -> assertThat(context.getBean(RunbookTracing.class).enabled()).isFalse());
    }
  }

  @Test
  void onUsesTheApplicationsOpenTelemetryAndTracesTheWebhooks() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (OpenTelemetrySdk sdk = sdk(spans)) {
      runner
          .withBean(OpenTelemetry.class, () -> sdk)
          .withPropertyValues("runbook.tracing.enabled=true")
          .run(
              context -> {
                RunbookTracing tracing = context.getBean(RunbookTracing.class);
                assertThat(tracing.enabled()).isTrue();
                assertThat(tracing.openTelemetry()).isSameAs(sdk);
                assertThat(context.getBeansOfType(FilterRegistrationBean.class)).hasSize(1);
                TraceHeaders parent =
                    new TraceHeaders(
                        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "a=b");
                tracing.inSpan(
                    "dispatch",
                    parent.context(),
                    Attributes.empty(),
                    span -> {
                      assertThat(MDC.get(TraceMdc.TRACE_ID))
                          .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
                      assertThat(MDC.get(TraceMdc.SPAN_ID))
                          .isEqualTo(span.getSpanContext().getSpanId());
                      assertThat(TraceHeaders.current().traceParent())
                          .startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-")
                          .endsWith(span.getSpanContext().getSpanId() + "-01");
                      assertThat(TraceHeaders.current().traceState()).isEqualTo("a=b");
                      return null;
                    });
                assertThat(MDC.get(TraceMdc.TRACE_ID)).isNull();
                assertThat(spans.getFinishedSpanItems())
                    .singleElement()
                    .satisfies(
                        s -> {
                          assertThat(s.getName()).isEqualTo("dispatch");
                          assertThat(s.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
                        });
              });
    }
  }

  @Test
  void onWithoutAnOpenTelemetryBeanConfiguresTheSdkFromOtelVariables() {
    runner
        .withPropertyValues("runbook.tracing.enabled=true")
        .run(
            context -> {
              RunbookTracing tracing = context.getBean(RunbookTracing.class);
              assertThat(tracing.enabled()).isTrue();
              assertThat(tracing.openTelemetry()).isInstanceOf(OpenTelemetrySdk.class);
            });
  }

  @Test
  void theAutoconfiguredSdkExportsOtlpOverHttpToTheConfiguredEndpoint() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
          received.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getPath()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Content-Type")
                  + " "
                  + body);
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    receiver.start();
    String endpoint = "otel.exporter.otlp.endpoint";
    System.setProperty(endpoint, "http://127.0.0.1:" + receiver.getAddress().getPort());
    try (RunbookTracing tracing = RunbookTracing.autoconfigured()) {
      tracing.inSpan("dispatch", Context.root(), Attributes.empty(), span -> null);
    } finally {
      System.clearProperty(endpoint);
      receiver.stop(0);
    }
    assertThat(received)
        .as("closing the SDK flushed the span to the OTLP/HTTP receiver")
        .singleElement()
        .satisfies(
            r ->
                assertThat(r)
                    .startsWith("POST /v1/traces application/x-protobuf")
                    .contains("dispatch")
                    .contains("runbook-engine")
                    .contains(RunbookTracing.SCOPE));
  }

  @Test
  void malformedOrMissingHeadersStartANewTrace() {
    assertThat(Span.fromContext(TraceHeaders.NONE.context()).getSpanContext().isValid()).isFalse();
    assertThat(
            Span.fromContext(new TraceHeaders("garbage", null).context())
                .getSpanContext()
                .isValid())
        .isFalse();
  }

  private static OpenTelemetrySdk sdk(InMemorySpanExporter spans) {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }
}
