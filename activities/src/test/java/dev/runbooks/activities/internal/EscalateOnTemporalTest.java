package dev.runbooks.activities.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.activities.ActionActivities;
import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.language.steps.ActionRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code escalate} step retried by Temporal itself (the in-memory test server), posting to
 * {@link EscalationReceiver}, a local stand-in for the Slack and PagerDuty endpoints these tests
 * cannot reach: a delivery recorded in the heartbeat details is not posted again by the next
 * attempt, and a 429 is retried.
 */
class EscalateOnTemporalTest {
  /** A workflow that runs one escalate activity with a retry policy. */
  @WorkflowInterface
  public interface EscalateOnce {
    @WorkflowMethod
    Map<String, Object> run(ActionRequest request);
  }

  /** The implementation: one untyped activity call, as the interpreter makes it. */
  public static final class EscalateOnceImpl implements EscalateOnce {
    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> run(ActionRequest request) {
      ActivityOptions options =
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(20))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setMaximumAttempts(3)
                      .setInitialInterval(Duration.ofMillis(100))
                      .build())
              .build();
      return Workflow.newUntypedActivityStub(options).execute("escalate", Map.class, request);
    }
  }

  /** Delivers, then loses the first attempt as a worker that died right after posting would. */
  static final class LostAfterPosting implements StepExecutor {
    private final EscalateExecutor delegate = new EscalateExecutor(StepEnvironment.defaults());

    @Override
    public String type() {
      return "escalate";
    }

    @Override
    public Map<String, Object> execute(ActionRequest request, StepContext ctx) {
      Map<String, Object> result = delegate.execute(request, ctx);
      if (ctx.attempt() == 1) {
        throw ApplicationFailure.newFailure("worker lost after posting", "Simulated");
      }
      return result;
    }
  }

  private TestWorkflowEnvironment env;
  private EscalationReceiver receiver;

  @BeforeEach
  void start() throws Exception {
    receiver = new EscalationReceiver();
    env = TestWorkflowEnvironment.newInstance();
  }

  @AfterEach
  void stop() {
    env.close();
    receiver.close();
  }

  private Map<String, Object> runWith(StepExecutor executor, Map<String, Object> config) {
    Worker worker = env.newWorker("escalate-test");
    worker.registerWorkflowImplementationTypes(EscalateOnceImpl.class);
    worker.registerActivitiesImplementations(
        ActionActivities.withStandIns(StepEnvironment.defaults(), List.of(executor)));
    env.start();
    EscalateOnce workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                EscalateOnce.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue("escalate-test")
                    .setWorkflowId("runbook/jarvis/1")
                    .build());
    return workflow.run(
        new ActionRequest("jarvis", "runbook/jarvis/1", "page", "escalate", config));
  }

  private Map<String, Object> slack() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("route", "slack");
    config.put("url", receiver.url("/services/T0/B0/x"));
    config.put("summary", "JARVIS breaker model_generation re-opened");
    return config;
  }

  @Test
  void aDeliveryRecordedInTheHeartbeatIsNotPostedAgainOnRetry() {
    Map<String, Object> result = runWith(new LostAfterPosting(), slack());

    assertThat(receiver.received()).hasSize(1);
    assertThat(result)
        .containsEntry("delivered", true)
        .containsEntry("duplicateSuppressed", true)
        .containsEntry("dedupKey", "runbook/jarvis/1");
    assertThat(((Number) result.get("attempt")).intValue()).isEqualTo(2);
  }

  @Test
  void throttledEscalationIsRetriedAndDeliveredOnce() {
    receiver.then(429, Map.of("Retry-After", "1"), "rate limited");

    Map<String, Object> result = runWith(new EscalateExecutor(StepEnvironment.defaults()), slack());

    assertThat(receiver.received()).hasSize(2);
    assertThat(result).containsEntry("delivered", true).containsEntry("duplicateSuppressed", false);
    assertThat(((Number) result.get("attempt")).intValue()).isEqualTo(2);
  }
}
