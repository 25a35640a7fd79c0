package dev.runbooks.starter.inbox.internal;

import dev.runbooks.starter.tracing.TraceHeaders;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One webhook request's notification, ready to store: its alerts with their JSON already written
 * (on the request's thread, so a batch's writer does not serialize every request's JSON alone), the
 * notification context, when it arrived, and the request's trace context.
 *
 * @param source the source, such as {@code alertmanager} or {@code generic/<name>}
 * @param deliveryId the signed webhook's delivery id (replays are not stored again), or null
 * @param alerts the alerts, in the order of the payload
 * @param alertJson each alert as the JSON of its {@code alert} column, in the same order
 * @param contextJson the notification context as JSON
 * @param now when the request was received
 * @param trace the webhook request's trace context ({@link TraceHeaders#NONE} with tracing off)
 */
public record InboxDelivery(
    String source,
    String deliveryId,
    List<InboundAlert> alerts,
    List<String> alertJson,
    String contextJson,
    Instant now,
    TraceHeaders trace) {

  /** Copies the lists. */
  public InboxDelivery {
    alerts = List.copyOf(alerts);
    alertJson = List.copyOf(alertJson);
    if (alerts.size() != alertJson.size()) {
      throw new IllegalArgumentException("one JSON text per alert");
    }
  }

  /**
   * A delivery of these alerts, their JSON written now, with the current thread's trace context
   * (the webhook request's span).
   */
  public static InboxDelivery of(
      String source,
      String deliveryId,
      List<InboundAlert> alerts,
      Map<String, Object> context,
      Instant now) {
    return new InboxDelivery(
        source,
        deliveryId,
        alerts,
        alerts.stream().map(InboxJson::write).toList(),
        InboxJson.write(context),
        now,
        TraceHeaders.current());
  }

  /** How many inbox rows it makes (at least 1, the weight of a request without alerts). */
  public int weight() {
    return Math.max(1, alerts.size());
  }
}
