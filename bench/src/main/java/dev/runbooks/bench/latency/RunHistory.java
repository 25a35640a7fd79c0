package dev.runbooks.bench.latency;

import com.google.protobuf.Timestamp;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.time.Instant;
import java.util.List;

/**
 * The moments of a run that the latency figures read from its Temporal history (event times are the
 * server's clock, on the same machine as the load generator): when the workflow started and when it
 * completed. When its first step started is timed by the probe endpoint instead ({@link
 * dev.runbooks.bench.core.ProbeServer}), the same way for an activity and a local activity.
 *
 * @param started the WorkflowExecutionStarted event's time
 * @param completed the WorkflowExecutionCompleted event's time, or null when it did not complete
 */
public record RunHistory(Instant started, Instant completed) {

  /** Reads the latest run of a workflow id. */
  public static RunHistory fetch(WorkflowClient client, String workflowId) {
    WorkflowExecutionHistory history = client.fetchHistory(workflowId);
    return of(history.getEvents());
  }

  /** The moments in these events. */
  public static RunHistory of(List<HistoryEvent> events) {
    Instant started = null;
    Instant completed = null;
    for (HistoryEvent event : events) {
      EventType type = event.getEventType();
      if (type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED && started == null) {
        started = instant(event.getEventTime());
      } else if (type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) {
        completed = instant(event.getEventTime());
      }
    }
    return new RunHistory(started, completed);
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
