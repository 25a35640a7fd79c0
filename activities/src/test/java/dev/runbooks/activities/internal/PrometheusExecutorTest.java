package dev.runbooks.activities.internal;

import static dev.runbooks.activities.internal.StepAssertions.evidence;
import static dev.runbooks.activities.internal.StepAssertions.failure;
import static dev.runbooks.activities.internal.StepAssertions.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.runbooks.activities.StepFailures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code prometheus} step against a real Prometheus started by the test (see {@link
 * RealPrometheus}). Skipped, saying so, only when the binary is absent: {@code
 * scripts/install-deps.sh} (run by {@code make test}) installs it.
 */
class PrometheusExecutorTest {
  private static RealPrometheus prometheus;
  private final PrometheusExecutor executor = new PrometheusExecutor();

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(RealPrometheus.BINARY),
        "SKIPPED: no Prometheus binary at "
            + RealPrometheus.BINARY
            + "; run scripts/install-deps.sh (as root) to install the Debian package");
    prometheus = new RealPrometheus();
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  private static Map<String, Object> config(String query, Object... more) {
    Map<String, Object> config = new java.util.LinkedHashMap<>();
    config.put("url", prometheus.url());
    config.put("query", query);
    for (int i = 0; i < more.length; i += 2) {
      config.put((String) more[i], more[i + 1]);
    }
    return config;
  }

  @Test
  void instantVectorGivesSamplesValueCountAndEvidence() {
    Map<String, Object> result = run(executor, config("up", "expect", "result.value == 1.0"));

    assertThat(result)
        .containsEntry("query", "up")
        .containsEntry("resultType", "vector")
        .containsEntry("value", 1.0)
        .containsEntry("count", 1L);
    @SuppressWarnings("unchecked")
    Map<String, Object> sample = ((List<Map<String, Object>>) result.get("samples")).get(0);
    assertThat(sample.get("metric"))
        .isEqualTo(
            Map.of(
                "__name__",
                "up",
                "job",
                "prometheus",
                "instance",
                prometheus.url().substring("http://".length())));
    assertThat(sample.get("timestamp")).isInstanceOf(Double.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> evidence = (Map<String, Object>) result.get("evidence");
    assertThat(evidence)
        .containsEntry("url", prometheus.url() + "/api/v1/query")
        .containsEntry("query", "up")
        .containsKey("durationMs");
  }

  @Test
  void labelsAreThereForConditions() {
    Map<String, Object> result =
        run(
            executor,
            config(
                "prometheus_build_info",
                "expect",
                "result.count == 1 && result.samples[0].metric.version.startsWith('2.')"));

    assertThat(result.get("value")).isEqualTo(1.0);
  }

  @Test
  void scalarAndEvaluationTime() {
    Map<String, Object> result =
        run(executor, config("1 + 41", "time", String.valueOf(System.currentTimeMillis() / 1000)));

    assertThat(result)
        .containsEntry("resultType", "scalar")
        .containsEntry("value", 42.0)
        .containsEntry("count", 1L);
  }

  @Test
  void emptyVectorHasNullValueAndZeroCount() {
    Map<String, Object> result =
        run(executor, config("up{job=\"no-such-job\"}", "expect", "result.count == 0"));

    assertThat(result).containsEntry("value", null).containsEntry("count", 0L);
  }

  @Test
  void falseExpectationIsRetryableExpectationFailedWithTheResult() {
    var failure =
        failure(
            executor,
            config("up", "expect", "result.value < 0.5"),
            StepFailures.EXPECTATION_FAILED,
            true);

    assertThat(failure.getOriginalMessage()).contains("result.value < 0.5").contains("value 1.0");
    assertThat(evidence(failure)).containsEntry("value", 1.0);
  }

  @Test
  void badQueryIsNonRetryableQueryErrorNamingPrometheusError() {
    var failure = failure(executor, config("sum(up"), StepFailures.PROMETHEUS_QUERY_ERROR, false);

    assertThat(failure.getOriginalMessage())
        .contains("sum(up")
        .contains("(400)")
        .contains("bad_data")
        .contains("parse error");
  }

  @Test
  void closedPortIsRetryableUnavailable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Map<String, Object> config = Map.of("url", "http://127.0.0.1:" + port, "query", "up");
    failure(executor, config, StepFailures.PROMETHEUS_UNAVAILABLE, true);
  }

  @Test
  void serverErrorIsRetryableUnavailable() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          byte[] body =
              "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"tsdb not ready\"}"
                  .getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(503, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    try {
      var failure =
          failure(
              executor,
              Map.of("url", "http://127.0.0.1:" + server.getAddress().getPort(), "query", "up"),
              StepFailures.PROMETHEUS_UNAVAILABLE,
              true);
      assertThat(failure.getOriginalMessage()).contains("503").contains("tsdb not ready");
    } finally {
      server.stop(0);
    }
  }
}
