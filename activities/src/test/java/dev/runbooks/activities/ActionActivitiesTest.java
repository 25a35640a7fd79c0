package dev.runbooks.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runbooks.language.steps.ActionRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs {@link ActionActivities} as a dynamic activity inside Temporal's test environment. */
class ActionActivitiesTest {
  /** What the workflow's untyped stub amounts to: activity type = step type, one ActionRequest. */
  @ActivityInterface
  public interface Steps {
    @ActivityMethod(name = "tcp")
    Map<String, Object> tcp(ActionRequest request);

    @ActivityMethod(name = "command")
    Map<String, Object> command(ActionRequest request);

    @ActivityMethod(name = "echo")
    Map<String, Object> echo(ActionRequest request);

    @ActivityMethod(name = "nope")
    Map<String, Object> nope(ActionRequest request);
  }

  /** A step type added as a stand-in; echoes its config and attempt. */
  static final class EchoExecutor implements StepExecutor {
    @Override
    public String type() {
      return "echo";
    }

    @Override
    public Map<String, Object> execute(ActionRequest request, StepContext ctx) {
      ctx.heartbeat(Map.of("step", request.stepId()));
      return Map.of("config", request.config(), "attempt", (long) ctx.attempt());
    }
  }

  private TestActivityEnvironment env;
  private Steps steps;
  private final List<Object> heartbeats = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        ActionActivities.withStandIns(StepEnvironment.defaults(), List.of(new EchoExecutor())));
    env.setActivityHeartbeatListener(Object.class, heartbeats::add);
    steps =
        env.newActivityStub(
            Steps.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setHeartbeatTimeout(Duration.ofSeconds(10))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private static ActionRequest request(String type, Map<String, Object> config) {
    return new ActionRequest("test-runbook", "wf-1", "step_1", type, config);
  }

  private static ApplicationFailure applicationFailure(Runnable call) {
    ActivityFailure failure = catchThrowableOfType(ActivityFailure.class, call::run);
    assertThat(failure).isNotNull();
    assertThat(failure.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) failure.getCause();
  }

  @Test
  void buildsOneExecutorPerActionKindFromTheEnvironment() {
    assertThat(new ActionActivities(StepEnvironment.defaults()).types())
        .containsExactly(
            "circuitBreaker",
            "command",
            "dlq",
            "escalate",
            "http",
            "prometheus",
            "restart",
            "sql",
            "tcp",
            "tls");
    assertThat(
            ActionActivities.withStandIns(StepEnvironment.defaults(), List.of(new EchoExecutor()))
                .types())
        .containsExactly(
            "circuitBreaker",
            "command",
            "dlq",
            "echo",
            "escalate",
            "http",
            "prometheus",
            "restart",
            "sql",
            "tcp",
            "tls");
  }

  @Test
  void twoStandInsOfOneTypeAreRejected() {
    assertThatThrownBy(
            () ->
                ActionActivities.withStandIns(
                    StepEnvironment.defaults(), List.of(new EchoExecutor(), new EchoExecutor())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'echo'");
  }

  @Test
  void routesByActivityTypeAndPassesAttemptAndHeartbeat() {
    Map<String, Object> result = steps.echo(request("echo", Map.of("k", "v")));

    assertThat(result).containsEntry("config", Map.of("k", "v"));
    // The test environment reports attempt 0 where a real worker reports 1.
    assertThat(((Number) result.get("attempt")).intValue()).isIn(0, 1);
    assertThat(heartbeats).hasSize(1);
  }

  @Test
  void runsTcpThroughTheDataConverter() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Map<String, Object> result =
          steps.tcp(request("tcp", Map.of("host", "127.0.0.1", "port", server.getLocalPort())));

      assertThat(result).containsEntry("connected", true).containsEntry("host", "127.0.0.1");
      assertThat(((Number) result.get("port")).intValue()).isEqualTo(server.getLocalPort());
    }
  }

  @Test
  void unknownStepTypeIsNonRetryable() {
    var failure = applicationFailure(() -> steps.nope(request("nope", Map.of())));

    assertThat(failure.getType()).isEqualTo(StepFailures.UNKNOWN_STEP_TYPE);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("'nope'").contains("http");
  }

  @Test
  void invalidConfigIsNonRetryable() {
    var failure = applicationFailure(() -> steps.tcp(request("tcp", Map.of("port", 80))));

    assertThat(failure.getType()).isEqualTo(StepFailures.INVALID_STEP_CONFIG);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("'host' is required");
  }

  @Test
  void requestForAnotherTypeIsInvalidStepConfig() {
    var failure = applicationFailure(() -> steps.tcp(request("http", Map.of())));

    assertThat(failure.getType()).isEqualTo(StepFailures.INVALID_STEP_CONFIG);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("'type'");
  }

  @Test
  void missingRequestIsInvalidStepConfig() {
    var failure = applicationFailure(() -> steps.tcp(null));

    assertThat(failure.getType()).isEqualTo(StepFailures.INVALID_STEP_CONFIG);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void commandFailureIsRetryableAndCarriesTheResultAsEvidence() {
    var failure =
        applicationFailure(
            () -> steps.command(request("command", Map.of("argv", List.of("false")))));

    assertThat(failure.getType()).isEqualTo(StepFailures.COMMAND_FAILED);
    assertThat(failure.isNonRetryable()).isFalse();
    @SuppressWarnings("unchecked")
    Map<String, Object> evidence = failure.getDetails().get(Map.class);
    assertThat(evidence.get("exitCode")).hasToString("1");
    assertThat(evidence).containsEntry("argv", List.of("false"));
  }
}
