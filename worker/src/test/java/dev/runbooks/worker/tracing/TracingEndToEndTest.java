package dev.runbooks.worker.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.runbooks.starter.testing.TestCredentials;
import dev.runbooks.worker.RunbookApplication;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One trace from the webhook to the activity's outbound request: the whole application (embedded
 * Temporal and PostgreSQL, tracing on, JSON logs) with the OpenTelemetry SDK's in-memory exporter
 * as its {@code OpenTelemetry} bean. An Alertmanager notification that carries a {@code
 * traceparent} starts a runbook whose step probes a local server; the spans webhook, dispatch,
 * StartWorkflow, RunActivity and GET form one chain in the sender's trace, the probed server sees
 * the GET span's {@code traceparent}, and the activity's log lines carry the trace id.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingEndToEndTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SENDER_SPAN = "00f067aa0ba902b7";

  @Test
  void oneTraceFromTheWebhookToTheActivitysRequest(CapturedOutput output) throws Exception {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    List<String> probeHeaders = new CopyOnWriteArrayList<>();
    HttpServer target =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    target.createContext(
        "/probe",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          probeHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("traceparent")));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    target.start();
    LoggingSystem.get(TracingEndToEndTest.class.getClassLoader()).cleanUp();
    try (sdk;
        ConfigurableApplicationContext app = start(sdk)) {
      String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      String probed = "http://127.0.0.1:" + target.getAddress().getPort();
      HttpResponse<String> accepted =
          HTTP.send(
              TestCredentials.request(URI.create(base + "/webhooks/alertmanager"))
                  .header("Content-Type", "application/json")
                  .header("traceparent", "00-" + TRACE + "-" + SENDER_SPAN + "-01")
                  .POST(HttpRequest.BodyPublishers.ofString(notification(probed)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

      SpanData get = await(spans, s -> s.getKind() == SpanKind.CLIENT && s.getName().equals("GET"));
      SpanData activity = await(spans, s -> s.getSpanId().equals(get.getParentSpanId()));
      SpanData start = await(spans, s -> s.getSpanId().equals(activity.getParentSpanId()));
      SpanData dispatch = await(spans, s -> s.getSpanId().equals(start.getParentSpanId()));
      SpanData webhook = await(spans, s -> s.getSpanId().equals(dispatch.getParentSpanId()));

      assertThat(webhook.getName()).isEqualTo("POST /webhooks/alertmanager");
      assertThat(webhook.getKind()).isEqualTo(SpanKind.SERVER);
      assertThat(webhook.getParentSpanId())
          .as("continues the sender's span")
          .isEqualTo(SENDER_SPAN);
      assertThat(dispatch.getName()).isEqualTo("dispatch");
      assertThat(dispatch.getAttributes().asMap().toString())
          .contains("runbook.inbox.state=dispatched")
          .contains("t-probe")
          .doesNotContain("fp-trace")
          .doesNotContain(probed);
      assertThat(start.getName()).isEqualTo("StartWorkflow:t-probe");
      assertThat(start.getKind()).isEqualTo(SpanKind.CLIENT);
      assertThat(activity.getName()).startsWith("RunActivity:");
      assertThat(activity.getKind()).isEqualTo(SpanKind.SERVER);
      assertThat(get.getAttributes().asMap().toString())
          .contains("server.port=" + target.getAddress().getPort())
          .contains("http.response.status_code=204")
          .doesNotContain("/probe");
      for (SpanData s : List.of(webhook, dispatch, start, activity, get)) {
        assertThat(s.getTraceId()).as(s.getName()).isEqualTo(TRACE);
      }
      assertThat(probeHeaders).containsExactly("00-" + TRACE + "-" + get.getSpanId() + "-01");

      assertThat(output.getOut().lines())
          .as("the activity's JSON log lines carry the trace and span ids")
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith("{")
                      .contains("\"trace_id\":\"" + TRACE + "\"")
                      .contains("\"span_id\":\"" + activity.getSpanId() + "\"")
                      .contains("succeeded"));
    } finally {
      target.stop(0);
    }
  }

  private static ConfigurableApplicationContext start(OpenTelemetrySdk sdk) throws Exception {
    int temporal;
    try (ServerSocket socket = new ServerSocket(0)) {
      temporal = socket.getLocalPort();
    }
    Path data = Files.createDirectories(Path.of("target/test-data/tracing-" + System.nanoTime()));
    return new SpringApplicationBuilder(RunbookApplication.class)
        .initializers(context -> context.getBeanFactory().registerSingleton("testTelemetry", sdk))
        .run(
            "--server.port=0",
            "--runbook.tracing.enabled=true",
            "--runbook.log.format=json",
            "--runbook.temporal.embedded=true",
            "--runbook.temporal.embedded-port=" + temporal,
            "--runbook.catalog.dir=src/test/resources/tracing-runbooks",
            "--runbook.data-dir=" + data,
            "--runbook.intake.dispatcher.interval=100ms",
            "--runbook.intake.allow-unauthenticated=true");
  }

  private static String notification(String probed) {
    return "{\"receiver\":\"runbooks\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\","
        + "\"labels\":{\"alertname\":\"TracingProbe\",\"base\":\""
        + probed
        + "\"},\"annotations\":{},\"startsAt\":\""
        + Instant.now()
        + "\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://prometheus/graph\","
        + "\"fingerprint\":\"fp-trace\"}],\"groupLabels\":{},\"commonLabels\":{},"
        + "\"commonAnnotations\":{},\"externalURL\":\"http://alertmanager:9093\",\"version\":\"4\","
        + "\"groupKey\":\"{}:{}\",\"truncatedAlerts\":0}";
  }

  private static SpanData await(InMemorySpanExporter spans, Predicate<SpanData> wanted)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      Optional<SpanData> found = spans.getFinishedSpanItems().stream().filter(wanted).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no such span within 60 s; spans: " + names(spans));
  }

  private static List<String> names(InMemorySpanExporter spans) {
    return spans.getFinishedSpanItems().stream()
        .map(s -> s.getName() + "(" + s.getSpanId() + "<-" + s.getParentSpanId() + ")")
        .toList();
  }
}
