package dev.runbooks.testbed.pager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.SystemContext;
import dev.runbooks.testbed.TestbedSystem;
import dev.runbooks.testbed.http.HttpError;
import dev.runbooks.testbed.http.Metrics;
import dev.runbooks.testbed.http.Request;
import dev.runbooks.testbed.http.Response;
import dev.runbooks.testbed.http.Router;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where escalations land: a PagerDuty Events API v2 endpoint ({@code POST /v2/enqueue}) that keeps
 * incidents by dedup key, and Slack ({@code POST /slack/{channel}}), Microsoft Teams ({@code POST
 * /teams/{channel}}) and generic ({@code POST /webhook/{channel}}) webhooks that keep messages by
 * channel. People acknowledge an incident with {@code POST /incidents/{dedupKey}/acknowledge}.
 * Faults: {@code throttle} answers the next {@code count} requests with 429 and {@code Retry-After:
 * retryAfterSeconds}; {@code outage} answers the next {@code count} (default: all) with 503.
 */
public final class PagerSystem implements TestbedSystem {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Map<String, ObjectNode> incidents = new LinkedHashMap<>();
  private final Map<String, ArrayNode> messages = new LinkedHashMap<>();
  private Clock clock = Clock.systemUTC();
  private int throttled;
  private int retryAfterSeconds;
  private int outage;
  private int rejectedByFaults;

  @Override
  public String name() {
    return "pager";
  }

  @Override
  public int defaultPort() {
    return 9911;
  }

  @Override
  public void start(SystemContext context) {
    this.clock = context.clock();
  }

  @Override
  public void routes(Router router) {
    router.post("/v2/enqueue", this::enqueue);
    router.post("/slack/{channel}", r -> message("slack", r, "text"));
    router.post("/teams/{channel}", r -> message("teams", r, "attachments"));
    router.post("/webhook/{channel}", r -> message("webhook", r, "summary"));
    router.get("/incidents", r -> Response.ok(Map.of("incidents", incidents.values())));
    router.post("/incidents/{key*}", this::acknowledge);
  }

  private Response enqueue(Request request) {
    Response fault = fault();
    if (fault != null) {
      return fault;
    }
    JsonNode body = request.body();
    String routingKey = body.path("routing_key").asText("");
    String action = body.path("event_action").asText("");
    if (routingKey.length() != 32) {
      return invalid("routing_key must be a 32-character integration key");
    }
    if (!Set.of("trigger", "acknowledge", "resolve").contains(action)) {
      return invalid("event_action must be trigger, acknowledge or resolve");
    }
    String dedupKey = body.path("dedup_key").asText("");
    if (action.equals("trigger")) {
      JsonNode payload = body.path("payload");
      for (String field : new String[] {"summary", "source", "severity"}) {
        if (payload.path(field).asText("").isEmpty()) {
          return invalid("payload." + field + " is required for trigger");
        }
      }
      if (dedupKey.isEmpty()) {
        dedupKey = "pager-" + (incidents.size() + 1);
      }
      ObjectNode incident = incidents.get(dedupKey);
      if (incident == null || incident.path("status").asText().equals("resolved")) {
        incident = JSON.objectNode();
        incident.put("dedupKey", dedupKey);
        incident.put("status", "triggered");
        incident.put("triggeredAt", clock.instant().toString());
        incident.put("events", 0);
        incidents.put(dedupKey, incident);
      }
      incident.put("summary", payload.path("summary").asText());
      incident.put("severity", payload.path("severity").asText());
      incident.put("source", payload.path("source").asText());
      incident.set("customDetails", payload.path("custom_details"));
      incident.set("links", body.path("links"));
      incident.put("events", incident.path("events").asInt() + 1);
    } else {
      if (dedupKey.isEmpty()) {
        return invalid("dedup_key is required for " + action);
      }
      ObjectNode incident = incidents.get(dedupKey);
      if (incident != null) {
        incident.put("status", action.equals("resolve") ? "resolved" : "acknowledged");
        incident.put(action + "dAt", clock.instant().toString());
        incident.put("events", incident.path("events").asInt() + 1);
      }
    }
    return Response.status(
        202, Map.of("status", "success", "message", "Event processed", "dedup_key", dedupKey));
  }

  private Response message(String kind, Request request, String requiredField) {
    Response fault = fault();
    if (fault != null) {
      return fault;
    }
    if (!request.body().has(requiredField)) {
      return Response.text(400, "text/plain", "invalid_payload: missing " + requiredField);
    }
    ObjectNode message = JSON.objectNode();
    message.put("at", clock.instant().toString());
    message.put("kind", kind);
    message.set("body", request.body());
    messages.computeIfAbsent(request.param("channel"), c -> JSON.arrayNode()).add(message);
    return Response.text(200, "text/plain", "ok");
  }

  private Response acknowledge(Request request) {
    String path = request.param("key");
    if (!path.endsWith("/acknowledge")) {
      throw HttpError.notFound("use POST /incidents/{dedupKey}/acknowledge");
    }
    String key = path.substring(0, path.length() - "/acknowledge".length());
    ObjectNode incident = incidents.get(key);
    if (incident == null) {
      throw HttpError.notFound("no incident with dedup key '" + key + "'");
    }
    incident.put("status", "acknowledged");
    incident.put("acknowledgedBy", request.text("by", "someone"));
    incident.put("acknowledgedAt", clock.instant().toString());
    return Response.ok(incident);
  }

  private Response fault() {
    if (throttled > 0) {
      throttled--;
      rejectedByFaults++;
      return Response.status(429, Map.of("status", "throttle event", "message", "Too many"))
          .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }
    if (outage != 0) {
      if (outage > 0) {
        outage--;
      }
      rejectedByFaults++;
      return Response.status(503, Map.of("status", "unavailable"));
    }
    return null;
  }

  private static Response invalid(String error) {
    return Response.status(
        400,
        Map.of(
            "status",
            "invalid event",
            "message",
            "Event object is invalid",
            "errors",
            new String[] {error}));
  }

  @Override
  public void metrics(Metrics metrics) {
    metrics.gauge(
        "pager_incidents_open",
        "Incidents triggered or acknowledged.",
        incidents.values().stream()
            .filter(i -> !i.path("status").asText().equals("resolved"))
            .count());
    metrics.counter(
        "pager_rejected_by_faults_total",
        "Requests refused by an injected fault.",
        Map.of(),
        rejectedByFaults);
  }

  @Override
  public Set<String> faults() {
    return Set.of("throttle", "outage");
  }

  @Override
  public void inject(String fault, JsonNode params) {
    switch (fault) {
      case "throttle" -> {
        throttled = params.path("count").asInt(1);
        retryAfterSeconds = params.path("retryAfterSeconds").asInt(1);
      }
      case "outage" -> outage = params.path("count").asInt(-1);
      default -> throw new IllegalArgumentException("unknown fault '" + fault + "'");
    }
  }

  @Override
  public void clear(String fault) {
    if (fault.equals("throttle")) {
      throttled = 0;
    } else if (fault.equals("outage")) {
      outage = 0;
    }
  }

  @Override
  public void reset() {
    incidents.clear();
    messages.clear();
    throttled = 0;
    outage = 0;
    rejectedByFaults = 0;
  }

  /** The incident with this dedup key, or null. */
  public ObjectNode incident(String dedupKey) {
    ObjectNode incident = incidents.get(dedupKey);
    return incident == null ? null : incident.deepCopy();
  }

  @Override
  public ObjectNode state() {
    ObjectNode state = JSON.objectNode();
    ObjectNode byKey = state.putObject("incidents");
    incidents.forEach(byKey::set);
    ObjectNode byChannel = state.putObject("messages");
    messages.forEach(byChannel::set);
    ObjectNode faults = state.putObject("faults");
    faults.put("throttle", throttled);
    faults.put("outage", outage);
    return state;
  }
}
