package dev.runbooks.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runbooks.language.steps.ActionRequest;
import dev.runbooks.language.steps.SecretRef;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.RetryOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The activity resolves a secret only where the request's {@code secretRefs} say the runbook's
 * source wrote a reference; requests of the format before {@code secretRefs} are refused when they
 * hold one; and secret values leave the activity masked in every encoding, through Temporal's data
 * converter.
 */
class SecretReferencesTest {
  static final String SECRET = "pa ss/wörd+&=\"k3y\\42";
  static final String REFERENCE = "${{ secrets.KEY }}";

  @ActivityInterface
  public interface Steps {
    @ActivityMethod(name = "echo")
    Map<String, Object> echo(ActionRequest request);

    @ActivityMethod(name = "leaky")
    Map<String, Object> leaky(ActionRequest request);
  }

  /** What a worker from before secretRefs sent: the same record without that field. */
  @ActivityInterface
  public interface OldSteps {
    @ActivityMethod(name = "echo")
    Map<String, Object> echo(Map<String, Object> request);
  }

  /** Echoes the config it was given; heartbeats it first. */
  static final class EchoExecutor implements StepExecutor {
    final List<Map<String, Object>> seen = new CopyOnWriteArrayList<>();

    @Override
    public String type() {
      return "echo";
    }

    @Override
    public Map<String, Object> execute(ActionRequest request, StepContext ctx) {
      seen.add(request.config());
      return Map.of("config", request.config());
    }
  }

  /**
   * Puts the secret it was given into every form in its heartbeat, its result or (config {@code
   * fail: true}) an exception that is no ApplicationFailure, with a cause.
   */
  static final class LeakyExecutor implements StepExecutor {
    @Override
    public String type() {
      return "leaky";
    }

    @Override
    public Map<String, Object> execute(ActionRequest request, StepContext ctx) {
      String secret = (String) request.config().get("token");
      Map<String, Object> forms = encodings(secret);
      ctx.heartbeat(forms);
      if (Boolean.TRUE.equals(request.config().get("fail"))) {
        throw new IllegalStateException("boom " + forms, new RuntimeException("cause " + secret));
      }
      return Map.of("forms", forms, "raw", secret);
    }
  }

  /** The forms issue 13 names, each under its own key. */
  static Map<String, Object> encodings(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    Map<String, Object> forms = new LinkedHashMap<>();
    forms.put("raw", "x" + secret + "y");
    forms.put("base64", Base64.getEncoder().encodeToString(bytes));
    forms.put("base64NoPad", Base64.getEncoder().withoutPadding().encodeToString(bytes));
    forms.put("base64Url", Base64.getUrlEncoder().encodeToString(bytes));
    forms.put("base64UrlNoPad", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    forms.put(
        "basicAuth",
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("user:" + secret).getBytes(StandardCharsets.UTF_8)));
    forms.put("url", "q=" + java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8));
    forms.put("jsonBody", dev.runbooks.language.expr.Json.write(Map.of("token", secret)));
    return forms;
  }

  /** Every text a secret must never be seen as, for greps. */
  static List<String> leaks(String secret) {
    return encodings(secret).values().stream()
        .map(String::valueOf)
        .map(s -> s.startsWith("Basic ") ? s.substring(6) : s)
        .map(s -> s.startsWith("q=") ? s.substring(2) : s)
        .map(s -> s.startsWith("x") && s.endsWith("y") ? secret : s)
        .map(s -> s.startsWith("{") ? s.substring(10, s.length() - 2) : s)
        .toList();
  }

  private TestActivityEnvironment env;
  private Steps steps;
  private OldSteps oldSteps;
  private final EchoExecutor echo = new EchoExecutor();
  private final List<Object> heartbeats = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        ActionActivities.withStandIns(
            StepEnvironment.defaults().withSecrets(Secrets.of(Map.of("KEY", SECRET))),
            List.of(echo, new LeakyExecutor())));
    env.setActivityHeartbeatListener(Object.class, heartbeats::add);
    steps =
        env.newActivityStub(
            Steps.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
    oldSteps =
        env.newActivityStub(
            OldSteps.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private static ApplicationFailure failure(Runnable call) {
    ActivityFailure failure = catchThrowableOfType(ActivityFailure.class, call::run);
    assertThat(failure).isNotNull();
    assertThat(failure.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) failure.getCause();
  }

  @Test
  @SuppressWarnings("unchecked")
  void resolvesOnlyWhereTheSecretRefsPoint() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("headers", Map.of("Authorization", "Bearer " + REFERENCE));
    config.put("args", List.of("--label", REFERENCE, "a " + REFERENCE + " b " + REFERENCE));
    config.put("data", REFERENCE);
    List<SecretRef> refs =
        List.of(
            new SecretRef(List.of("headers", "Authorization"), 7, 7 + REFERENCE.length(), "KEY"),
            new SecretRef(List.of("args", 2), 2, 2 + REFERENCE.length(), "KEY"));

    steps.echo(new ActionRequest("rb", "wf", "s", "echo", config, refs));

    Map<String, Object> seen = echo.seen.get(0);
    assertThat((Map<String, Object>) seen.get("headers"))
        .containsEntry("Authorization", "Bearer " + SECRET);
    assertThat((List<Object>) seen.get("args"))
        .containsExactly("--label", REFERENCE, "a " + SECRET + " b " + REFERENCE);
    assertThat(seen).containsEntry("data", REFERENCE);
  }

  @Test
  void aPositionThatHoldsNoReferenceIsInvalidStepConfig() {
    Map<String, Object> config = Map.of("data", "xx" + REFERENCE);
    var failure =
        failure(
            () ->
                steps.echo(
                    new ActionRequest(
                        "rb",
                        "wf",
                        "s",
                        "echo",
                        config,
                        List.of(new SecretRef(List.of("data"), 0, REFERENCE.length(), "KEY")))));

    assertThat(failure.getType()).isEqualTo(StepFailures.INVALID_STEP_CONFIG);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("'data'").doesNotContain(SECRET);
    assertThat(echo.seen).isEmpty();
  }

  /** The wire format: the request as JSON, with secretRefs, and the old one without. */
  @Test
  void theRequestsWireFormatCarriesSecretRefsAndReadsTheOldFormatAsNull() {
    var converter = DefaultDataConverter.STANDARD_INSTANCE;
    ActionRequest request =
        new ActionRequest(
            "rb",
            "wf",
            "s",
            "echo",
            Map.of("args", List.of(REFERENCE)),
            List.of(new SecretRef(List.of("args", 0), 0, REFERENCE.length(), "KEY")));
    Payload payload = converter.toPayload(request).orElseThrow();
    assertThat(payload.getData().toStringUtf8())
        .contains(
            "\"secretRefs\":[{\"path\":[\"args\",0],\"start\":0,\"end\":18,\"name\":\"KEY\"}]");
    assertThat(converter.fromPayload(payload, ActionRequest.class, ActionRequest.class))
        .isEqualTo(request);

    String old =
        "{\"runbook\":\"rb\",\"workflowId\":\"wf\",\"stepId\":\"s\",\"type\":\"echo\","
            + "\"config\":{\"url\":\"x\"}}";
    ActionRequest read =
        converter.fromPayload(
            converter
                .toPayload(
                    dev.runbooks.language.expr.Json.mapper()
                        .convertValue(readJson(old), Object.class))
                .orElseThrow(),
            ActionRequest.class,
            ActionRequest.class);
    assertThat(read.secretRefs()).isNull();
    assertThat(read.config()).isEqualTo(Map.of("url", "x"));
  }

  private static Object readJson(String json) {
    try {
      return dev.runbooks.language.expr.Json.mapper().readValue(json, Object.class);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anOldFormatRequestWithoutAReferenceRunsUnchanged() {
    Map<String, Object> old = oldFormat(Map.of("url", "https://example.test/", "n", 3));

    Map<String, Object> result = oldSteps.echo(old);

    assertThat(result.get("config")).isEqualTo(Map.of("url", "https://example.test/", "n", 3));
  }

  @Test
  void anOldFormatRequestHoldingAReferenceIsRefusedNotResolved() {
    Map<String, Object> old =
        oldFormat(Map.of("headers", Map.of("Authorization", "Bearer " + REFERENCE)));

    var failure = failure(() -> oldSteps.echo(old));

    assertThat(failure.getType()).isEqualTo(StepFailures.SECRET_REFERENCE_UNVERIFIED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("'headers.Authorization'", "secret 'KEY'", "older worker")
        .doesNotContain(SECRET);
    assertThat(echo.seen).isEmpty();
  }

  private static Map<String, Object> oldFormat(Map<String, Object> config) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("runbook", "rb");
    m.put("workflowId", "wf");
    m.put("stepId", "s");
    m.put("type", "echo");
    m.put("config", config);
    return m;
  }

  private static ActionRequest leakyRequest(boolean fail) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("token", REFERENCE);
    config.put("fail", fail);
    return new ActionRequest(
        "rb",
        "wf",
        "s",
        "leaky",
        config,
        List.of(new SecretRef(List.of("token"), 0, REFERENCE.length(), "KEY")));
  }

  @Test
  void resultsAndHeartbeatsAreMaskedInEveryForm() {
    Map<String, Object> result = steps.leaky(leakyRequest(false));

    String text = dev.runbooks.language.expr.Json.write(result) + heartbeats;
    for (String leak : leaks(SECRET)) {
      assertThat(text).as("result and heartbeats").doesNotContain(leak);
    }
    assertThat(result).containsEntry("raw", "***");
    @SuppressWarnings("unchecked")
    Map<String, Object> forms = (Map<String, Object>) result.get("forms");
    assertThat(forms)
        .containsEntry("raw", "x***y")
        .containsEntry("base64", "***")
        .containsEntry("base64UrlNoPad", "***")
        .containsEntry("url", "q=***")
        .containsEntry("jsonBody", "{\"token\":\"***\"}");
    assertThat((String) forms.get("basicAuth")).startsWith("Basic ").contains("***");
    assertThat(heartbeats).isNotEmpty();
  }

  @Test
  void aFailureOfAnyTypeIsMaskedWithItsCause() {
    var failure = failure(() -> steps.leaky(leakyRequest(true)));

    assertThat(failure.getType()).isEqualTo(IllegalStateException.class.getName());
    assertThat(failure.isNonRetryable()).isFalse();
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    assertThat(all).contains("boom", "cause ***");
    for (String leak : leaks(SECRET)) {
      assertThat(all.toString()).doesNotContain(leak);
    }
    assertThat(failure.getStackTrace()).isNotEmpty();
  }
}
