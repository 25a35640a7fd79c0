package dev.runbooks.workflows;

import static dev.runbooks.workflows.RunbookTestEnv.step;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.language.expr.Json;
import dev.runbooks.language.steps.ActionRequest;
import io.temporal.client.WorkflowStub;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 13: a secret value leaves the activity masked in every form it can take (raw, base64 std
 * and URL-safe with and without padding, inside a longer base64 text, URL-encoded, JSON-escaped):
 * the exported history (results, failures of another type than ApplicationFailure with their
 * causes, the heartbeat details a timeout records) and the worker's logs hold none of them.
 */
class SecretMaskingTest {
  /** Stands in for the http executor: puts the resolved Authorization in every form. */
  static final class LeakyHttp implements StepExecutor {
    @Override
    public String type() {
      return "http";
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> execute(ActionRequest request, StepContext ctx) {
      String url = (String) request.config().get("url");
      String secret =
          (String) ((Map<String, Object>) request.config().get("headers")).get("Authorization");
      Map<String, Object> forms = encodings(secret);
      ctx.heartbeat(forms);
      if (url.endsWith("/fail")) {
        throw new IllegalStateException(
            "cannot reach " + forms, new RuntimeException("because " + forms));
      }
      if (url.endsWith("/slow")) {
        try {
          Thread.sleep(3_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      Map<String, Object> result = new LinkedHashMap<>(forms);
      result.put("status", 200L);
      return result;
    }
  }

  static final String SECRET = RunbookTestEnv.SECRET_VALUE + " +/ä\"\\&?";

  static Map<String, Object> encodings(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    Map<String, Object> forms = new LinkedHashMap<>();
    forms.put("raw", secret);
    forms.put("base64", Base64.getEncoder().encodeToString(bytes));
    forms.put("base64NoPad", Base64.getEncoder().withoutPadding().encodeToString(bytes));
    forms.put("base64Url", Base64.getUrlEncoder().encodeToString(bytes));
    forms.put("base64UrlNoPad", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    forms.put(
        "basic",
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("admin:" + secret).getBytes(StandardCharsets.UTF_8)));
    forms.put("url", "https://x.test/?token=" + URLEncoder.encode(secret, StandardCharsets.UTF_8));
    forms.put("json", Json.write(Map.of("token", secret)));
    return forms;
  }

  /** The texts that must appear nowhere. */
  static List<String> leaks(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    String json = Json.write(secret);
    String basic =
        Base64.getEncoder().encodeToString(("admin:" + secret).getBytes(StandardCharsets.UTF_8));
    return List.of(
        secret,
        RunbookTestEnv.SECRET_VALUE,
        Base64.getEncoder().withoutPadding().encodeToString(bytes),
        Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
        // "admin:" is 6 bytes, so the secret starts on a base64 boundary: its 8 first characters
        basic.substring(8, 16),
        URLEncoder.encode(secret, StandardCharsets.UTF_8),
        json.substring(1, json.length() - 1));
  }

  private RunbookTestEnv env;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void start() {
    logs.start();
    root.addAppender(logs);
    env = new RunbookTestEnv(List.of(new LeakyHttp()), SECRET);
  }

  @AfterEach
  void stop() {
    env.close();
    root.detachAppender(logs);
  }

  @Test
  @SuppressWarnings("unchecked")
  void noFormOfASecretReachesTheHistoryOrTheLogs() {
    String yaml =
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata:
          name: leaky
        steps:
          - id: ok
            http:
              url: "http://leak.test/ok"
              headers:
                Authorization: "${{ secrets.API_TOKEN }}"
          - id: fail
            http:
              url: "http://leak.test/fail"
              headers:
                Authorization: "${{ secrets.API_TOKEN }}"
            retry: {maxAttempts: 2, initialInterval: 1s}
            onFailure: continue
          - id: slow
            http:
              method: POST # an activity (a GET is a local activity): its timeout keeps the heartbeat
              url: "http://leak.test/slow"
              headers:
                Authorization: "${{ secrets.API_TOKEN }}"
            timeout: 1s
            retry: {maxAttempts: 1}
            onFailure: continue
        """;
    WorkflowStub run = env.start(env.publish(yaml), Map.of());
    Map<String, Object> report = run.getResult(Map.class);

    assertThat(step(report, "ok").get("status")).as("report %s", report).isEqualTo("succeeded");
    Map<String, Object> failed = (Map<String, Object>) step(report, "fail").get("error");
    assertThat(failed.get("type")).isEqualTo(IllegalStateException.class.getName());
    assertThat(failed.get("message").toString()).contains("cannot reach", "***");
    Map<String, Object> slow = (Map<String, Object>) step(report, "slow").get("error");
    assertThat(slow.get("type")).isEqualTo("Timeout");

    String history = env.client.fetchHistory(run.getExecution().getWorkflowId()).toJson(false);
    String payloads = SecretsTest.decodedPayloads(history);
    assertThat(payloads).contains("${{ secrets.API_TOKEN }}", "***");
    assertThat(history).as("the heartbeat a timeout records").contains("lastHeartbeatDetails");

    StringBuilder logged = new StringBuilder();
    for (ILoggingEvent event : new ArrayList<>(logs.list)) {
      logged.append(event.getFormattedMessage()).append('\n');
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        logged.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
      }
    }
    assertThat(logged).as("the worker logged the failures").contains("cannot reach");

    for (String leak : leaks(SECRET)) {
      assertThat(history).as("history").doesNotContain(leak);
      assertThat(payloads).as("payloads").doesNotContain(leak);
      assertThat(logged.toString()).as("logs").doesNotContain(leak);
    }
  }
}
