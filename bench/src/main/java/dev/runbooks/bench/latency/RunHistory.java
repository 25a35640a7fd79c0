package dev.runbooks.bench.latency;

import com.google.protobuf.Timestamp;
import dev.runbooks.language.steps.ActionKinds;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The moments of a run that the latency figures use, read from its Temporal history (event times
 * are the server's clock, on the same machine as the load generator): when the workflow started,
 * when its first step started (its first activity task, or the first read-only probe that ran as a
 * local activity; the interpreter's own local activities, such as loading the runbook, do not
 * count) and when it completed.
 *
 * @param started the WorkflowExecutionStarted event's time
 * @param firstStep the first ActivityTaskStarted event's time or first probe's schedule time, or
 *     null when none
 * @param completed the WorkflowExecutionCompleted event's time, or null when it did not complete
 */
public record RunHistory(Instant started, Instant firstStep, Instant completed) {

  /** Reads the latest run of a workflow id. */
  public static RunHistory fetch(WorkflowClient client, String workflowId) {
    WorkflowExecutionHistory history = client.fetchHistory(workflowId);
    return of(history.getEvents());
  }

  /** The moments in these events. */
  public static RunHistory of(List<HistoryEvent> events) {
    Instant started = null;
    Instant firstStep = null;
    Instant completed = null;
    for (HistoryEvent event : events) {
      EventType type = event.getEventType();
      if (type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED && started == null) {
        started = instant(event.getEventTime());
      } else if (type == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED && firstStep == null) {
        firstStep = instant(event.getEventTime());
      } else if (type == EventType.EVENT_TYPE_MARKER_RECORDED && firstStep == null) {
        firstStep = localProbeStarted(event);
      } else if (type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) {
        completed = instant(event.getEventTime());
      }
    }
    return new RunHistory(started, firstStep, completed);
  }

  /**
   * When an action that ran as a local activity (a read-only probe, marker {@code LocalActivity}
   * whose type is a step type) was first scheduled: its marker's {@code meta.firstSkd} (the
   * worker's clock, on this machine), else the marker's own time (when its workflow task completed,
   * a little later); null for another marker.
   */
  private static Instant localProbeStarted(HistoryEvent event) {
    var marker = event.getMarkerRecordedEventAttributes();
    if (!marker.getMarkerName().equals("LocalActivity") || !marker.containsDetails("type")) {
      return null;
    }
    try {
      String type =
          JSON.fromPayload(
              marker.getDetailsOrThrow("type").getPayloads(0), String.class, String.class);
      if (ActionKinds.find(type).isEmpty()) {
        return null;
      }
      Map<?, ?> meta =
          JSON.fromPayload(marker.getDetailsOrThrow("meta").getPayloads(0), Map.class, Map.class);
      if (meta.get("firstSkd") instanceof Number at) {
        return Instant.ofEpochMilli(at.longValue());
      }
    } catch (RuntimeException e) {
      // encrypted or missing details: fall back to the marker's time
    }
    return instant(event.getEventTime());
  }

  private static final DataConverter JSON = DefaultDataConverter.STANDARD_INSTANCE;

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
