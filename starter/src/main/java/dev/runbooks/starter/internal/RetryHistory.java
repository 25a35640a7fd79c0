package dev.runbooks.starter.internal;

import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a retry needs of a closed run's Temporal history: the start context it was started with, and
 * the event a reset to a step goes back to (the workflow task that scheduled the step's first
 * action). Payloads are read with the client's data converter, so an encrypting codec is honoured.
 *
 * @param inputs the inputs the run was started with (its first argument, or what the checkpoint of
 *     an execution that continues a run carried), empty when none
 * @param context the run's start context (its second argument; with the checkpoint's alert for an
 *     execution that continues a run), empty when it had none
 * @param continued whether this execution continues an earlier one (its history does not start the
 *     run, so it cannot be reset to a step of an earlier execution)
 * @param events the history's events
 * @param converter the data converter of the client that read them
 */
record RetryHistory(
    Map<String, Object> inputs,
    Map<String, Object> context,
    boolean continued,
    List<HistoryEvent> events,
    DataConverter converter) {

  /** Reads the history of one execution of a run. */
  @SuppressWarnings("unchecked")
  static RetryHistory read(WorkflowClient client, String workflowId, String runId) {
    WorkflowExecutionHistory history = client.fetchHistory(workflowId, runId);
    DataConverter converter = client.getOptions().getDataConverter();
    List<HistoryEvent> events = history.getEvents();
    var started = events.get(0).getWorkflowExecutionStartedEventAttributes();
    Payloads input = started.getInput();
    Map<String, Object> inputs = Map.of();
    Map<String, Object> context = Map.of();
    if (input.getPayloadsCount() > 0
        && converter.fromPayloads(0, Optional.of(input), Map.class, Map.class)
            instanceof Map<?, ?> m) {
      inputs = (Map<String, Object>) m;
    }
    if (input.getPayloadsCount() > 1
        && converter.fromPayloads(1, Optional.of(input), Map.class, Map.class)
            instanceof Map<?, ?> m) {
      context = (Map<String, Object>) m;
    }
    boolean continued = !started.getContinuedExecutionRunId().isEmpty();
    if (input.getPayloadsCount() > 2
        && converter.fromPayloads(2, Optional.of(input), Map.class, Map.class)
            instanceof Map<?, ?> checkpoint) {
      // an execution that continues a run: its checkpoint carries the inputs and the alert
      context = new java.util.LinkedHashMap<>(context);
      context.remove("continuedFrom");
      context.remove("generation");
      if (checkpoint.get("alert") instanceof Map<?, ?> alert && !alert.isEmpty()) {
        context.put("alert", alert);
      }
      if (checkpoint.get("inputs") instanceof Map<?, ?> carried) {
        inputs = (Map<String, Object>) carried;
      }
    }
    return new RetryHistory(inputs, context, continued, events, converter);
  }

  /**
   * The id of the event a reset to {@code stepId} goes back to: the last completed workflow task
   * before the first action the step scheduled; empty when the step scheduled none in this
   * execution (it is no action step, or it was never reached here).
   */
  Optional<Long> resetPoint(String stepId) {
    long lastTaskCompleted = -1;
    for (HistoryEvent event : events) {
      if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
        lastTaskCompleted = event.getEventId();
      } else if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
          && stepId.equals(stepOf(event))) {
        return lastTaskCompleted < 0 ? Optional.empty() : Optional.of(lastTaskCompleted);
      }
    }
    return Optional.empty();
  }

  /**
   * The step that scheduled an action: the {@code stepId} of its request, else the first word of
   * its summary (a step id, then the step's name and what the event does: {@code StepSummaries}).
   */
  private String stepOf(HistoryEvent event) {
    try {
      Payloads input = event.getActivityTaskScheduledEventAttributes().getInput();
      if (input.getPayloadsCount() > 0
          && converter.fromPayloads(0, Optional.of(input), Map.class, Map.class)
              instanceof Map<?, ?> m
          && m.get("stepId") != null) {
        return String.valueOf(m.get("stepId"));
      }
    } catch (RuntimeException e) {
      // a request that is not a map: the summary may still name the step
    }
    try {
      if (event.hasUserMetadata() && event.getUserMetadata().hasSummary()) {
        Payload summary = event.getUserMetadata().getSummary();
        String text = converter.fromPayload(summary, String.class, String.class).strip();
        return text.isEmpty() ? null : text.split("\\s+", 2)[0];
      }
    } catch (RuntimeException e) {
      return null; // not an action of the engine's (a payload it cannot read)
    }
    return null;
  }
}
