package dev.runbooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.api.DecisionAction;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Temporal user metadata a run carries for the Web UI: the static summary and details it was
 * started with, each activity's and timer's summary (step id, name, type), and the current details
 * (current step, what it waits for), read from the recorded history and the {@code
 * __temporal_workflow_metadata} query.
 */
class UserMetadataTest extends WorkflowTestBase {
  private static final String YAML =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: disk-full
        title: Disk nearly full
      inputs:
        base: {type: string, required: true}
      steps:
        - id: check
          name: Check the disk usage
          http: {url: "${{ inputs.base }}/json/usage"}
        - id: approve_cleanup
          name: Approve the cleanup
          approval: {prompt: "Clean /var/log on *web-1*?", approvers: [alice, "group:sre"]}
        - id: settle
          name: Let it settle
          sleep: 5m
      """;

  @Test
  void summariesAndDetailsShowTheRunbookTheAlertAndEachStep() throws Exception {
    env.publish(YAML);
    Map<String, Object> alert =
        Map.of(
            "name",
            "DiskFull",
            "fingerprint",
            "f1e2d3",
            "labels",
            Map.of("instance", "web-1:9100", "severity", "critical", "token", "s3cret"),
            "annotations",
            Map.of("summary", "secret-annotation"));
    String id = "alert/disk-full/f1e2d3";
    RunMetadata metadata =
        RunMetadata.ofAlert(
            "disk-full",
            "Disk nearly full",
            "sha256:0123456789ab",
            "DiskFull",
            "f1e2d3",
            Map.of("instance", "web-1:9100", "severity", "critical", "token", "s3cret"),
            "alertmanager",
            id);
    WorkflowStub run =
        env.client.newUntypedWorkflowStub(
            "disk-full",
            WorkflowOptions.newBuilder()
                .setTaskQueue(RunbookWorkflow.TASK_QUEUE)
                .setWorkflowId(id)
                .setStaticSummary(metadata.summary())
                .setStaticDetails(metadata.details())
                .build());
    run.start(Map.of("base", http.url()), Map.of("alert", alert));

    String waiting = awaitDetails(run, "waits for approval");
    assertThat(waiting)
        .contains("**Runbook:** disk-full — Disk nearly full")
        .contains("**Current step:** approve\\_cleanup · Approve the cleanup — approval")
        .contains("approve\\_cleanup waits for approval: Clean /var/log on \\*web-1\\*?")
        .contains("alice");

    env.decide(run, DecisionAction.APPROVE, Map.of("approver", "alice"));
    Map<?, ?> report = run.getResult(Map.class);
    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(details(run)).contains("**Ended:** resolved").contains("settle · Let it settle");

    List<HistoryEvent> events = env.client.fetchHistory(id).getEvents();
    HistoryEvent started = events.get(0);
    assertThat(started.getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
    assertThat(text(started.getUserMetadata().getSummary()))
        .isEqualTo("Disk nearly full — DiskFull — web\\-1:9100".replace("\\-", "-"));
    assertThat(text(started.getUserMetadata().getDetails()))
        .contains("**Runbook:** disk-full — Disk nearly full (version sha256:0123456789ab)")
        .contains("**Alert:** DiskFull (fingerprint f1e2d3)")
        .contains("severity=critical", "instance=web-1:9100")
        .contains("**Trigger:** alert from alertmanager")
        .contains("**Run page:** /ui/runs/alert/disk-full/f1e2d3")
        .doesNotContain("s3cret")
        .doesNotContain("secret-annotation");
    assertThat(
            events.stream()
                .filter(
                    e ->
                        e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
                            || e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED
                                && e.getMarkerRecordedEventAttributes()
                                    .getMarkerName()
                                    .equals("LocalActivity"))
                .map(e -> text(e.getUserMetadata().getSummary())))
        .as("a GET runs as a local activity, whose marker carries the summary")
        .contains("check · Check the disk usage");
    assertThat(
            events.stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
                .map(e -> text(e.getUserMetadata().getSummary())))
        .contains("settle · Let it settle — sleep 5m");
  }

  @Test
  void alertTextIsFlattenedCutAndEscaped() {
    RunMetadata m =
        RunMetadata.ofAlert(
            "r",
            "# Title",
            null,
            "Evil\n**alert** [x](http://e) <img src=x>",
            "",
            Map.of("service", "a|b"),
            "generic/x",
            "id");
    assertThat(m.summary())
        .doesNotContain("\n")
        .startsWith("\\# Title — Evil \\*\\*alert\\*\\* \\[x\\](http://e) \\<img src=x\\>")
        .endsWith("a\\|b");
    assertThat(m.details()).contains("service=a\\|b").doesNotContain("fingerprint");
    String longName = "x".repeat(500);
    RunMetadata cut = RunMetadata.ofAlert("r", null, null, longName, "", Map.of(), "s", "id");
    assertThat(cut.summary().length()).isLessThanOrEqualTo(RunMetadata.SUMMARY_LIMIT);
  }

  private static String awaitDetails(WorkflowStub run, String text) throws InterruptedException {
    String seen = "";
    for (int i = 0; i < 200 && !seen.contains(text); i++) {
      seen = details(run);
      if (!seen.contains(text)) {
        Thread.sleep(50);
      }
    }
    assertThat(seen).contains(text);
    return seen;
  }

  private static String details(WorkflowStub run) {
    return run.query("__temporal_workflow_metadata", WorkflowMetadata.class).getCurrentDetails();
  }

  private static String text(Payload payload) {
    if (payload.getMetadataCount() == 0) {
      return ""; // an event without a summary (the timer of Workflow.await)
    }
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class);
  }
}
