package dev.runbooks.workflows;

import static dev.runbooks.workflows.RunbookTestEnv.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.language.steps.ActionRequest;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Action steps whose kind heartbeats are scheduled with a heartbeat timeout (the step's {@code
 * heartbeatTimeout}, 30 s by default), others without; an attempt that stops heartbeating is
 * retried after the heartbeat timeout, long before the step's own timeout.
 */
class HeartbeatTimeoutTest {
  private RunbookTestEnv env;

  @AfterEach
  void close() {
    if (env != null) {
      env.close();
    }
  }

  /** A command executor whose first attempt hangs without heartbeating; later ones answer. */
  static final class HangingFirstAttempt implements StepExecutor {
    final List<Integer> attempts = new CopyOnWriteArrayList<>();

    @Override
    public String type() {
      return "command";
    }

    @Override
    public Map<String, Object> execute(ActionRequest request, StepContext ctx) {
      attempts.add(ctx.attempt());
      if (ctx.attempt() == 1) {
        try {
          Thread.sleep(Duration.ofMinutes(5).toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("the hung attempt was given up");
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("attempt", (long) ctx.attempt());
      return result;
    }
  }

  @Test
  void heartbeatingKindsGetTheStepsHeartbeatTimeoutOrTheDefaultOthersNone() {
    env = new RunbookTestEnv();
    String yaml =
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata:
          name: heartbeat-timeouts
        steps:
          - id: own
            command:
              argv: ["true"]
            timeout: 2m
            heartbeatTimeout: 7s
          - id: default
            command:
              argv: ["true"]
          - id: short
            command:
              argv: ["true"]
            timeout: 20s
          - id: log
            log: done
        """;
    WorkflowStub run = env.start(env.publish(yaml), Map.of());
    Map<?, ?> report = run.getResult(Map.class);
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    Map<String, Duration> heartbeat = new LinkedHashMap<>();
    Map<String, Duration> startToClose = new LinkedHashMap<>();
    for (HistoryEvent e : env.client.fetchHistory(run.getExecution().getWorkflowId()).getEvents()) {
      if (e.hasActivityTaskScheduledEventAttributes()) {
        var a = e.getActivityTaskScheduledEventAttributes();
        if (a.getActivityType().getName().equals("command")) {
          String id = e.getUserMetadata().getSummary().getData().toStringUtf8();
          heartbeat.put(id, Duration.ofSeconds(a.getHeartbeatTimeout().getSeconds()));
          startToClose.put(id, Duration.ofSeconds(a.getStartToCloseTimeout().getSeconds()));
        }
      }
    }
    assertThat(heartbeat)
        .as("heartbeat timeouts by step summary")
        .hasSize(3)
        .containsValues(Duration.ofSeconds(7), Duration.ofSeconds(30), Duration.ZERO);
    assertThat(startToClose).containsValues(Duration.ofMinutes(2), Duration.ofSeconds(60));
  }

  @Test
  void anAttemptThatStopsHeartbeatingIsRetriedAfterTheHeartbeatTimeout() {
    HangingFirstAttempt hanging = new HangingFirstAttempt();
    env = new RunbookTestEnv(List.of(hanging));
    String yaml =
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata:
          name: heartbeat-lost
        steps:
          - id: drain
            command:
              argv: ["true"]
            timeout: 10m
            heartbeatTimeout: 2s
            retry:
              maxAttempts: 3
              initialInterval: 1s
        """;
    long started = System.nanoTime();
    WorkflowStub run = env.start(env.publish(yaml), Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> report = run.getResult(Map.class);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(step(report, "drain").toString()).contains("attempt=2");
    assertThat(hanging.attempts).containsExactly(1, 2);
    assertThat(took).as("well before the step's 10m timeout").isLessThan(Duration.ofMinutes(1));
  }
}
