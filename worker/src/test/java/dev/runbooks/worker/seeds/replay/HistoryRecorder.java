package dev.runbooks.worker.seeds.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the history of one runbook's run as the JSON {@code WorkflowReplayer} reads, then runs the
 * same runbook again as a dry run with the same inputs and trigger context and writes that history
 * too. It listens to {@link SeedHarness#awaitRun}: the first closed run of the {@linkplain #expect
 * expected runbook} is the one recorded.
 */
final class HistoryRecorder implements SeedHarness.RunListener {
  /** How long a dry run may take, approvals answered, before what it did so far is recorded. */
  private static final Duration DRY_RUN_TIMEOUT = Duration.ofSeconds(120);

  private final Path mainDir;
  private final Path dryRunDir;
  private String runbook;
  private String recordedId;
  private final List<String> notes = new ArrayList<>();

  HistoryRecorder(Path mainDir, Path dryRunDir) throws IOException {
    this.mainDir = Files.createDirectories(mainDir);
    this.dryRunDir = Files.createDirectories(dryRunDir);
  }

  /** Records the next closed run of this runbook. */
  synchronized void expect(String name) {
    runbook = name;
    recordedId = null;
  }

  /** The workflow id of the run recorded since {@link #expect}, or {@code null}. */
  synchronized String recorded() {
    return recordedId;
  }

  /** What the dry runs could not do (approvals left open, timeouts), one line each. */
  List<String> notes() {
    return notes;
  }

  @Override
  public synchronized void closed(SeedHarness harness, String workflowId) {
    if (recordedId != null || runbook == null) {
      return;
    }
    WorkflowExecutionHistory history = harness.client().fetchHistory(workflowId);
    if (!type(history).equals(runbook)) {
      return;
    }
    write(mainDir.resolve(runbook + ".json"), history, workflowId);
    recordedId = workflowId;
  }

  /**
   * Runs the recorded run's runbook again as a dry run, with its inputs and trigger context plus
   * {@code dryRun: true}, approves what it asks and writes its history. A dry run still open after
   * {@link #DRY_RUN_TIMEOUT} is recorded as far as it went, then terminated.
   */
  void dryRun(SeedHarness harness) {
    WorkflowClient client = harness.client();
    WorkflowExecutionStartedEventAttributes started =
        client
            .fetchHistory(recordedId)
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes();
    DataConverter converter = client.getOptions().getDataConverter();
    List<Payload> payloads = started.getInput().getPayloadsList();
    Map<String, Object> inputs = map(converter, payloads.get(0));
    Map<String, Object> context =
        payloads.size() > 1 ? map(converter, payloads.get(1)) : new LinkedHashMap<>();
    context.put("dryRun", true);
    String id = "replay-dry-run-" + runbook + "-" + UUID.randomUUID();
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            runbook,
            WorkflowOptions.newBuilder()
                .setTaskQueue(started.getTaskQueue().getName())
                .setWorkflowId(id)
                .build());
    stub.start(inputs, context);
    Instant deadline = Instant.now().plus(DRY_RUN_TIMEOUT);
    while (true) {
      JsonNode run = harness.run(id);
      String status = run.path("executionStatus").asText();
      if (!status.isEmpty() && !status.equals("running")) {
        break;
      }
      if (Instant.now().isAfter(deadline)) {
        notes.add(
            runbook + ": dry run still running after " + DRY_RUN_TIMEOUT + ", recorded so far");
        write(dryRunDir.resolve(runbook + ".json"), client.fetchHistory(id), id);
        stub.terminate("replay recording ends here");
        return;
      }
      answer(harness, stub, id, run.path("status").path("waiting"));
      SeedHarness.pause(100);
    }
    write(dryRunDir.resolve(runbook + ".json"), client.fetchHistory(id), id);
  }

  /** Approves the approvals and acknowledges the escalations a dry run waits for. */
  private static void answer(SeedHarness harness, WorkflowStub stub, String id, JsonNode waiting) {
    for (JsonNode wait : waiting) {
      String step = wait.path("step").asText();
      switch (wait.path("kind").asText()) {
        case "approval" -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("approver", "replay-recorder");
          body.put("comment", "dry run");
          body.put("step", step);
          harness.post("/api/runs/" + id + "/approve", body);
          SeedHarness.pause(300);
        }
        case "acknowledgement" -> {
          stub.signal("acknowledge", Map.of("by", "replay-recorder", "step", step));
          SeedHarness.pause(300);
        }
        default -> {
          // sleeps and waitUntil polls end by themselves
        }
      }
    }
  }

  private static String type(WorkflowExecutionHistory history) {
    return history
        .getEvents()
        .get(0)
        .getWorkflowExecutionStartedEventAttributes()
        .getWorkflowType()
        .getName();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(DataConverter converter, Payload payload) {
    Map<String, Object> value = converter.fromPayload(payload, Map.class, Map.class);
    return new LinkedHashMap<>(value == null ? Map.of() : value);
  }

  /**
   * Writes a history as JSON with the workflow id in its first event, where a real Temporal server
   * puts it and the replayer reads it (the embedded test server leaves it out): without it a
   * replayed run would derive other child workflow ids than the recorded ones.
   */
  private static void write(Path file, WorkflowExecutionHistory history, String workflowId) {
    History.Builder events = history.getHistory().toBuilder();
    HistoryEvent first = events.getEvents(0);
    events.setEvents(
        0,
        first.toBuilder()
            .setWorkflowExecutionStartedEventAttributes(
                first.getWorkflowExecutionStartedEventAttributes().toBuilder()
                    .setWorkflowId(workflowId)));
    String json = new WorkflowExecutionHistory(events.build(), workflowId).toJson(true);
    try {
      Files.writeString(file, json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
