package dev.runbooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.language.steps.ActionRequest;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Read-only probes run as local activities ({@link ChangeId#LOCAL_PROBES}) with their step's
 * timeout, retry policy and record; everything else, and every action of a dry run, still runs as
 * an activity; {@code CurrentStep} changes only for the steps that may wait ({@link
 * ChangeId#STEP_ATTRIBUTE_COALESCED}).
 */
class LocalProbesTest extends WorkflowTestBase {
  /**
   * Probes around steps that wait: two GETs (the second answers 503 once, then succeeds on its
   * retry), a log, a sleep, a POST, a waitUntil whose probe is a GET, and a last GET.
   */
  static final String RUNBOOK =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: NAME
      inputs:
        base: {type: string, required: true}
      steps:
        - id: first
          http: {url: "${{ inputs.base }}/json/health"}
        - id: flaky
          http: {url: "${{ inputs.base }}/json/flaky"}
          retry: {maxAttempts: 2, initialInterval: 1s}
        - id: note
          log: "health ${{ steps.first.result.status }}"
        - id: nap
          sleep: 1m
        - id: bounce
          http: {method: POST, url: "${{ inputs.base }}/json/bounce"}
        - id: recovered
          waitUntil:
            probe: {http: {url: "${{ inputs.base }}/flip/2"}}
            condition: result.body.ready
            interval: 1m
            deadline: 10m
        - id: last
          http: {method: HEAD, url: "${{ inputs.base }}/json/health"}
      """;

  @Test
  void readOnlyProbesRunAsLocalActivitiesWithTheirRetryPolicy() {
    http.script("/json/flaky", 503);
    WorkflowStub run =
        env.start(env.publish(RUNBOOK.replace("NAME", "local-probes")), Map.of("base", http.url()));
    Map<?, ?> report = run.getResult(Map.class);
    List<HistoryEvent> events = history(run);

    assertThat(report.get("outcome")).isEqualTo("resolved");
    assertThat(localActivities(events))
        .containsExactly("http", "http", "http", "http", "http", "http");
    assertThat(activities(events)).containsExactly("http");
    assertThat(http.hits("/json/flaky")).isEqualTo(2);
    assertThat(http.hits("/flip/2")).isEqualTo(3);
    assertThat(ChangeIdTest.markers(events))
        .containsEntry(ChangeId.LOCAL_PROBES.id(), 1)
        .containsEntry(ChangeId.STEP_ATTRIBUTE_COALESCED.id(), 1);
  }

  @Test
  void currentStepChangesOnlyForStepsThatMayWait() {
    WorkflowStub run =
        env.start(env.publish(RUNBOOK.replace("NAME", "local-steps")), Map.of("base", http.url()));
    run.getResult(Map.class);

    assertThat(currentSteps(history(run))).containsExactly("nap", "bounce", "recovered", "");
  }

  @Test
  void aLocalProbeKeepsItsTimeoutPerAttempt() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    StepExecutor slow =
        new StepExecutor() {
          @Override
          public String type() {
            return "tcp";
          }

          @Override
          public Map<String, Object> execute(ActionRequest request, StepContext ctx) {
            calls.incrementAndGet();
            try {
              Thread.sleep(3_000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return Map.of("connected", true);
          }
        };
    try (RunbookTestEnv slowEnv = new RunbookTestEnv(List.of(slow))) {
      WorkflowStub run =
          slowEnv.start(
              slowEnv.publish(
                  """
                  apiVersion: runbooks.dev/v1
                  kind: Runbook
                  metadata:
                    name: local-timeout
                  steps:
                    - id: connect
                      tcp: {host: db.internal, port: 5432}
                      timeout: 1s
                      retry: {maxAttempts: 2, initialInterval: 1s}
                      onFailure: continue
                  """),
              Map.of());
      Map<?, ?> report = run.getResult(Map.class);

      Map<?, ?> step = (Map<?, ?>) ((List<?>) report.get("steps")).get(0);
      Map<?, ?> error = (Map<?, ?>) step.get("error");
      assertThat(error.get("type")).isEqualTo("Timeout");
      assertThat(String.valueOf(error.get("message"))).contains("start_to_close");
      assertThat(calls.get()).isEqualTo(2);
      assertThat(localActivities(history(slowEnv, run))).containsExactly("tcp");
    }
  }

  @Test
  void activityInterceptorsRunForLocalProbes() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    TestEnvironmentOptions options =
        TestEnvironmentOptions.newBuilder()
            .setWorkerFactoryOptions(
                WorkerFactoryOptions.newBuilder()
                    .setWorkerInterceptors(
                        new WorkerInterceptorBase() {
                          @Override
                          public ActivityInboundCallsInterceptor interceptActivity(
                              ActivityInboundCallsInterceptor next) {
                            return new ActivityInboundCallsInterceptorBase(next) {
                              @Override
                              public void init(
                                  io.temporal.activity.ActivityExecutionContext context) {
                                var info = context.getInfo();
                                seen.add(info.getActivityType() + (info.isLocal() ? " local" : ""));
                                super.init(context);
                              }
                            };
                          }
                        })
                    .build())
            .build();
    try (RunbookTestEnv intercepted = new RunbookTestEnv(List.of(), options)) {
      WorkflowStub run =
          intercepted.start(
              intercepted.publish(
                  """
                  apiVersion: runbooks.dev/v1
                  kind: Runbook
                  metadata:
                    name: local-intercepted
                  inputs:
                    base: {type: string, required: true}
                  steps:
                    - id: look
                      http: {url: "${{ inputs.base }}/json/look"}
                    - id: act
                      http: {method: POST, url: "${{ inputs.base }}/json/act"}
                  """),
              Map.of("base", http.url()));
      run.getResult(Map.class);
    }

    assertThat(seen).contains("http local", "http", "LoadRunbook local");
  }

  @Test
  void aDryRunSchedulesItsProbesAsActivities() {
    WorkflowStub run =
        env.start(
            env.publish(RUNBOOK.replace("NAME", "local-dry")),
            Map.of("base", http.url()),
            Map.of("dryRun", true));
    run.getResult(Map.class);
    List<HistoryEvent> events = history(run);

    assertThat(localActivities(events)).isEmpty();
    assertThat(activities(events)).contains("http");
    assertThat(ChangeIdTest.markers(events)).doesNotContainKey(ChangeId.LOCAL_PROBES.id());
  }

  private List<HistoryEvent> history(WorkflowStub run) {
    return history(env, run);
  }

  private static List<HistoryEvent> history(RunbookTestEnv env, WorkflowStub run) {
    return env.client.fetchHistory(run.getExecution().getWorkflowId()).getEvents();
  }

  /**
   * The types of the local activities of actions, in order (the runbook's load and the guard rails'
   * preflight left out).
   */
  static List<String> localActivities(List<HistoryEvent> events) {
    List<String> types = new ArrayList<>();
    for (HistoryEvent e : events) {
      if (e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED
          && e.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity")) {
        var type = e.getMarkerRecordedEventAttributes().getDetailsMap().get("type");
        types.add(decode(type.getPayloads(0), String.class));
      }
    }
    types.removeIf(t -> dev.runbooks.language.steps.ActionKinds.find(t).isEmpty());
    return types;
  }

  /** The types of the activities scheduled, in order. */
  static List<String> activities(List<HistoryEvent> events) {
    return events.stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
        .toList();
  }

  /** Each value the run upserted for {@code CurrentStep}, in order; "" for an unset. */
  static List<String> currentSteps(List<HistoryEvent> events) {
    List<String> values = new ArrayList<>();
    for (HistoryEvent e : events) {
      if (e.getEventType() != EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES) {
        continue;
      }
      var fields =
          e.getUpsertWorkflowSearchAttributesEventAttributes()
              .getSearchAttributes()
              .getIndexedFieldsMap();
      var value = fields.get(RunbookSearchAttributes.CURRENT_STEP.getName());
      if (value != null) {
        String step = value.getData().isEmpty() ? "" : decode(value, String.class);
        values.add(step == null ? "" : step);
      }
    }
    return values;
  }

  private static <T> T decode(io.temporal.api.common.v1.Payload payload, Class<T> type) {
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, type, type);
  }
}
