package dev.runbooks.activities.internal;

import static dev.runbooks.activities.internal.StepAssertions.evidence;
import static dev.runbooks.activities.internal.StepAssertions.failure;
import static dev.runbooks.activities.internal.StepAssertions.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.StepFailures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpExecutorTest {
  private static TestHttpServer server;
  private static String base;
  private final HttpExecutor http = new HttpExecutor(StepEnvironment.defaults());

  @BeforeAll
  static void startServer() throws IOException {
    server = new TestHttpServer();
    base = server.base();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static Map<String, Object> config(Object... pairs) {
    Map<String, Object> config = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      config.put((String) pairs[i], pairs[i + 1]);
    }
    return config;
  }

  @Test
  void getsJsonAndParsesIt() {
    Map<String, Object> result = run(http, config("url", base + "/json"));

    assertThat(result)
        .containsEntry("status", 200L)
        .containsEntry("body", Map.of("ok", true, "count", 3L))
        .containsEntry("bodyTruncated", false)
        .containsEntry("url", base + "/json")
        .containsEntry("method", "GET")
        .containsKey("durationMs");
    assertThat(result.get("headers"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("content-type", "application/json");
  }

  @Test
  void keepsTextAsStringAndParsesWhatLooksLikeJson() {
    assertThat(run(http, config("url", base + "/text"))).containsEntry("body", "hello");
    assertThat(run(http, config("url", base + "/looks-json")))
        .containsEntry("body", Map.of("a", 1L));
    assertThat(run(http, config("url", base + "/broken-json"))).containsEntry("body", "{not json");
  }

  @Test
  void keepsFirstValueOfEachHeaderUnderLowerCaseName() {
    Map<String, Object> result = run(http, config("url", base + "/headers"));

    assertThat(result.get("headers"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("x-multi", "first")
        .doesNotContainKey("X-Multi");
    assertThat(result).containsEntry("body", "");
  }

  @Test
  void sendsMapBodyAsJsonWithContentTypeAndHeaders() {
    Map<String, Object> result =
        run(
            http,
            config(
                "method",
                "post",
                "url",
                base + "/echo",
                "headers",
                Map.of("X-Test", "yes"),
                "body",
                Map.of("restart", true)));

    assertThat(result.get("body"))
        .isEqualTo(
            Map.of(
                "method", "POST",
                "contentType", "application/json",
                "xTest", "yes",
                "body", "{\"restart\":true}"));
  }

  @Test
  void sendsStringBodyAsItIsAndKeepsAGivenContentType() {
    Map<String, Object> result =
        run(
            http,
            config(
                "method",
                "PUT",
                "url",
                base + "/echo",
                "headers",
                Map.of("content-type", "text/csv"),
                "body",
                "a,b"));

    @SuppressWarnings("unchecked")
    Map<String, Object> echo = (Map<String, Object>) result.get("body");
    assertThat(echo).containsEntry("contentType", "text/csv").containsEntry("body", "a,b");
  }

  @Test
  void headRequestHasEmptyBody() {
    assertThat(run(http, config("method", "HEAD", "url", base + "/json")))
        .containsEntry("status", 200L)
        .containsEntry("method", "HEAD");
  }

  @Test
  void capsBodyAtOneMebibyte() {
    Map<String, Object> result = run(http, config("url", base + "/big"));

    assertThat(result).containsEntry("bodyTruncated", true);
    assertThat((String) result.get("body")).hasSize(HttpExecutor.BODY_CAP);
  }

  @Test
  void non2xxIsUnexpectedStatusWithExcerptAndEvidence() {
    var failure =
        failure(http, config("url", base + "/down"), StepFailures.UNEXPECTED_STATUS, true);

    assertThat(failure.getOriginalMessage())
        .contains("503")
        .contains("expected 2xx")
        .contains("upstream down");
    assertThat(evidence(failure).get("status")).hasToString("503");
  }

  @Test
  void expectStatusAcceptsOneOrAList() {
    assertThat(
            run(http, config("url", base + "/down", "expect", Map.of("status", List.of(200, 503)))))
        .containsEntry("status", 503L);
    var failure =
        failure(
            http,
            config("url", base + "/json", "expect", Map.of("status", 201)),
            StepFailures.UNEXPECTED_STATUS,
            true);
    assertThat(failure.getOriginalMessage()).contains("returned 200, expected [201]");
  }

  @Test
  void expectBodyConditionPassesOrFailsNamingTheExpression() {
    String ok = "result.body.ok && result.body.count == 3";
    assertThat(run(http, config("url", base + "/json", "expect", Map.of("body", ok))))
        .containsEntry("status", 200L);

    String wrong = "result.body.count > 5";
    var failure =
        failure(
            http,
            config("url", base + "/json", "expect", Map.of("body", wrong)),
            StepFailures.EXPECTATION_FAILED,
            true);
    assertThat(failure.getOriginalMessage()).contains(wrong);
    assertThat(evidence(failure).get("status")).hasToString("200");
  }

  @Test
  void expectBodyThatCannotBeEvaluatedIsExpectationFailed() {
    String missing = "result.body.missing.deeper == 1";
    var failure =
        failure(
            http,
            config("url", base + "/json", "expect", Map.of("body", missing)),
            StepFailures.EXPECTATION_FAILED,
            true);
    assertThat(failure.getOriginalMessage()).contains(missing).contains("could not be evaluated");
  }

  @Test
  void slowResponseIsHttpTimeout() {
    long start = System.nanoTime();
    var failure =
        failure(
            http,
            config("url", base + "/slow", "timeout", "300ms"),
            StepFailures.HTTP_TIMEOUT,
            true);

    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2500);
    assertThat(failure.getOriginalMessage()).contains("GET " + base + "/slow");
  }

  @Test
  void closedPortIsHttpConnectFailed() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    var failure =
        failure(
            http,
            config("url", "http://127.0.0.1:" + port + "/health?token=secret"),
            StepFailures.HTTP_CONNECT_FAILED,
            true);
    assertThat(failure.getOriginalMessage())
        .contains("127.0.0.1:" + port + "/health")
        .doesNotContain("secret");
  }

  @Test
  void connectionClosedWithoutResponseIsHttpRequestFailed() throws Exception {
    try (ServerSocket rude = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                while (!rude.isClosed()) {
                  try (Socket s = rude.accept()) {
                    s.getInputStream().read();
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      failure(
          http,
          config("url", "http://127.0.0.1:" + rude.getLocalPort() + "/"),
          StepFailures.HTTP_REQUEST_FAILED,
          true);
    }
  }

  @Test
  void interruptedWhileWaitingIsInterrupted() {
    Thread.currentThread().interrupt();
    try {
      failure(http, config("url", base + "/slow"), StepFailures.INTERRUPTED, true);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
