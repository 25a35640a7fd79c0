package dev.runbooks.tester.record;

import dev.runbooks.api.ErrorTypes;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what a test case needs from a run's history: the start's inputs and context, the action
 * activities (and the read-only probes that ran as local activities) in the order they were
 * scheduled, and the run report the workflow returned. Payloads must be plain JSON (the API's
 * history endpoint decodes encrypted ones).
 */
final class HistoryReader {
  /** What a history says about a run. */
  record Run(
      String workflowId,
      String runbook,
      Instant startedAt,
      Map<String, Object> inputs,
      Map<String, Object> context,
      List<ActivityCall> calls,
      List<String> children,
      Map<String, Object> report) {}

  private final DataConverter converter;
  private final Map<Long, Scheduled> scheduled = new HashMap<>();
  private final List<Long> order = new ArrayList<>();
  private final Map<Long, ActivityCall> ended = new HashMap<>();

  private record Scheduled(
      Map<String, Object> request, int attempt, Failure lastFailure, Instant started, Instant at) {}

  private HistoryReader(DataConverter converter) {
    this.converter = converter;
  }

  /**
   * Reads a finished run's history.
   *
   * @throws RecordException when the history is not of a finished runbook run
   */
  static Run read(WorkflowExecutionHistory history, DataConverter converter) {
    return new HistoryReader(converter).run(history, true);
  }

  /**
   * Reads the history of a runbook the run called (a child workflow): its calls and children; its
   * report when it has one.
   */
  static Run readCalled(WorkflowExecutionHistory history, DataConverter converter) {
    return new HistoryReader(converter).run(history, false);
  }

  private Run run(WorkflowExecutionHistory history, boolean requireReport) {
    String workflowId = history.getWorkflowExecution().getWorkflowId();
    String runbook = null;
    Instant startedAt = null;
    Map<String, Object> inputs = Map.of();
    Map<String, Object> context = Map.of();
    Map<String, Object> report = null;
    String closed = null;
    List<String> children = new ArrayList<>();
    for (HistoryEvent event : history.getEvents()) {
      Instant at =
          Instant.ofEpochSecond(event.getEventTime().getSeconds(), event.getEventTime().getNanos());
      switch (event.getEventType()) {
        case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
          var a = event.getWorkflowExecutionStartedEventAttributes();
          if (!a.getContinuedExecutionRunId().isEmpty()) {
            throw new RecordException(
                "run "
                    + workflowId
                    + " continued from an earlier execution (continue-as-new); only runs that"
                    + " fit in one execution can be recorded");
          }
          runbook = a.getWorkflowType().getName();
          startedAt = at;
          inputs = map(arg(a.getInput(), 0));
          context = map(arg(a.getInput(), 1));
        }
        case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
          var a = event.getActivityTaskScheduledEventAttributes();
          Map<String, Object> request = map(arg(a.getInput(), 0));
          if (request.get("stepId") instanceof String && request.get("type") instanceof String) {
            scheduled.put(event.getEventId(), new Scheduled(request, 1, null, null, at));
            order.add(event.getEventId());
          }
        }
        case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
          var a = event.getActivityTaskStartedEventAttributes();
          Scheduled s = scheduled.get(a.getScheduledEventId());
          if (s != null) {
            scheduled.put(
                a.getScheduledEventId(),
                new Scheduled(
                    s.request(),
                    Math.max(1, a.getAttempt()),
                    a.hasLastFailure() ? a.getLastFailure() : null,
                    at,
                    s.at()));
          }
        }
        case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
          var a = event.getActivityTaskCompletedEventAttributes();
          end(a.getScheduledEventId(), arg(a.getResult(), 0), null, at);
        }
        case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
          var a = event.getActivityTaskFailedEventAttributes();
          end(a.getScheduledEventId(), null, error(a.getFailure()), at);
        }
        case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
          var a = event.getActivityTaskTimedOutEventAttributes();
          end(a.getScheduledEventId(), null, error(a.getFailure()), at);
        }
        case EVENT_TYPE_MARKER_RECORDED -> localActivity(event);
        case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED ->
            children.add(
                event.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId());
        case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED ->
            report = map(arg(event.getWorkflowExecutionCompletedEventAttributes().getResult(), 0));
        case EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> closed = "continued as new";
        case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED -> closed = "failed without a report";
        case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED -> closed = "was terminated";
        case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT -> closed = "timed out";
        case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED -> closed = "was cancelled";
        default -> {}
      }
    }
    if (runbook == null) {
      throw new RecordException("the history of " + workflowId + " has no start event");
    }
    if (requireReport && (report == null || report.isEmpty())) {
      throw new RecordException(
          "run "
              + workflowId
              + (closed == null
                  ? " has not finished; record it once it has a report"
                  : " " + closed + "; only runs that finished with a report can be recorded"));
    }
    if (report.get("workflowId") instanceof String id && !id.isBlank()) {
      workflowId = id; // a history read from JSON does not name its run
    }
    List<ActivityCall> calls = new ArrayList<>();
    for (Long id : order) {
      ActivityCall call = ended.get(id);
      if (call != null) {
        calls.add(call);
      }
    }
    return new Run(
        workflowId,
        runbook,
        startedAt,
        inputs,
        context,
        calls,
        children,
        report == null ? Map.of() : report);
  }

  private void end(long scheduledId, Object result, Map<String, Object> error, Instant at) {
    Scheduled s = scheduled.get(scheduledId);
    if (s == null) {
      return;
    }
    long took =
        s.started() == null ? 0 : Math.max(0, at.toEpochMilli() - s.started().toEpochMilli());
    Map<String, Object> earlier = s.lastFailure() == null ? null : error(s.lastFailure());
    ended.put(
        scheduledId,
        new ActivityCall(
            (String) s.request().get("stepId"),
            (String) s.request().get("type"),
            map(s.request().get("config")),
            s.attempt(),
            result,
            error,
            earlier,
            took,
            s.at() == null ? 0 : s.at().toEpochMilli()));
  }

  /**
   * An action that ran as a local activity (a read-only probe): its marker holds the request, the
   * attempt it ended on, when it was first scheduled and when it ended, and its result or failure.
   */
  private void localActivity(HistoryEvent event) {
    var a = event.getMarkerRecordedEventAttributes();
    if (!a.getMarkerName().equals("LocalActivity") || !a.containsDetails("input")) {
      return;
    }
    Map<String, Object> request = map(arg(a.getDetailsOrThrow("input"), 0));
    if (!(request.get("stepId") instanceof String) || !(request.get("type") instanceof String)) {
      return;
    }
    Map<String, Object> meta =
        a.containsDetails("meta") ? map(arg(a.getDetailsOrThrow("meta"), 0)) : Map.of();
    int attempts = meta.get("atpt") instanceof Number n ? Math.max(1, n.intValue()) : 1;
    long scheduledAt = meta.get("firstSkd") instanceof Number n ? n.longValue() : 0;
    long endedAt =
        a.containsDetails("time") && arg(a.getDetailsOrThrow("time"), 0) instanceof Number n
            ? n.longValue()
            : 0;
    Object result = a.containsDetails("result") ? arg(a.getDetailsOrThrow("result"), 0) : null;
    order.add(event.getEventId());
    ended.put(
        event.getEventId(),
        new ActivityCall(
            (String) request.get("stepId"),
            (String) request.get("type"),
            map(request.get("config")),
            attempts,
            a.hasFailure() ? null : result,
            a.hasFailure() ? error(a.getFailure()) : null,
            null,
            attempts == 1 && scheduledAt > 0 ? Math.max(0, endedAt - scheduledAt) : 0,
            scheduledAt));
  }

  /** The step error an activity failure becomes (see the interpreter's ActionRunner.describe). */
  private Map<String, Object> error(Failure failure) {
    Failure f = failure;
    if (!f.hasApplicationFailureInfo() && !f.hasTimeoutFailureInfo() && f.hasCause()) {
      f = f.getCause();
    }
    Map<String, Object> e = new LinkedHashMap<>();
    if (f.hasTimeoutFailureInfo()) {
      String kind = f.getTimeoutFailureInfo().getTimeoutType().name();
      e.put("type", ErrorTypes.TIMEOUT);
      e.put(
          "message",
          "timed out ("
              + kind.substring(kind.indexOf("TIMEOUT_TYPE_") + 13)
                  .toLowerCase(java.util.Locale.ROOT)
              + ")");
      return e;
    }
    String type =
        f.hasApplicationFailureInfo() && !f.getApplicationFailureInfo().getType().isEmpty()
            ? f.getApplicationFailureInfo().getType()
            : ErrorTypes.ACTIVITY_FAILED;
    e.put("type", type);
    e.put("message", f.getMessage());
    if (f.hasApplicationFailureInfo() && f.getApplicationFailureInfo().getNonRetryable()) {
      e.put("nonRetryable", true); // the executor said so: no retry, whatever the policy
    }
    return e;
  }

  private Object arg(Payloads payloads, int index) {
    if (payloads.getPayloadsCount() <= index) {
      return null;
    }
    Payload p = payloads.getPayloads(index);
    try {
      return converter.fromPayload(p, Object.class, Object.class);
    } catch (RuntimeException e) {
      throw new RecordException(
          "a payload of the history cannot be read as JSON ("
              + p.getMetadataMap()
                  .getOrDefault("encoding", com.google.protobuf.ByteString.EMPTY)
                  .toStringUtf8()
              + "); fetch the history through the runbook API, which decodes encrypted payloads",
          e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
