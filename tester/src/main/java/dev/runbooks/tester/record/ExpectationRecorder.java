package dev.runbooks.tester.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads from a run's report what a test case replays (decisions and signals, at the times they
 * came) and what it expects (outcome, path, skipped steps, scalar outputs, escalations,
 * compensations, duration).
 */
final class ExpectationRecorder {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> DECISIONS = Set.of("approve", "reject", "acknowledge");
  private static final Set<String> SIGNALS = Set.of("alertResolved", "alertRepeated", "abort");
  private static final Set<String> NOT_RUN = Set.of("skipped", "pending", "not-run");

  private final Map<String, Object> report;
  private final Instant startedAt;

  ExpectationRecorder(Map<String, Object> report, Instant historyStart) {
    this.report = report;
    Instant reported = null;
    if (report.get("startedAt") instanceof String s) {
      try {
        reported = Instant.parse(s);
      } catch (java.time.format.DateTimeParseException e) {
        reported = null;
      }
    }
    this.startedAt = reported != null ? reported : historyStart;
  }

  /**
   * The decisions the run took. Approvals and rejections are sent as soon as the replay asks (the
   * run took them while it waited, so the path and outcome do not depend on when); an
   * acknowledgement of a ladder keeps its time (rounded up to the second), since tiers climb on
   * time.
   */
  List<Map<String, Object>> decisions() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> ev : events()) {
      String kind = String.valueOf(ev.get("event"));
      if (!DECISIONS.contains(kind) || ev.containsKey("ignored")) {
        continue;
      }
      Map<String, Object> d = new LinkedHashMap<>();
      if (ev.get("step") != null) {
        d.put("step", ev.get("step"));
      }
      d.put("action", kind);
      Object by = "acknowledge".equals(kind) ? ev.get("by") : ev.get("approver");
      if (by != null) {
        d.put("by", by);
      }
      if (ev.get("comment") != null) {
        d.put("comment", ev.get("comment"));
      }
      if ("acknowledge".equals(kind)) {
        d.put("at", at(ev)); // a ladder climbs on time: when it was acknowledged matters
      }
      out.add(d);
    }
    return out;
  }

  /** The alert signals and aborts the run received, at the times they came. */
  List<Map<String, Object>> signals() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> ev : events()) {
      String kind = String.valueOf(ev.get("event"));
      if (!SIGNALS.contains(kind) || ev.containsKey("ignored")) {
        continue;
      }
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("at", at(ev));
      s.put("signal", kind);
      if ("abort".equals(kind)) {
        if (ev.get("by") != null) {
          s.put("by", ev.get("by"));
        }
        if (ev.get("reason") != null) {
          s.put("reason", ev.get("reason"));
        }
      }
      out.add(s);
    }
    return out;
  }

  /** The case's {@code expect:}. */
  Map<String, Object> expect(List<ActivityCall> calls) {
    Map<String, Object> expect = new LinkedHashMap<>();
    expect.put("outcome", report.get("outcome"));
    List<String> path = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    for (Map<String, Object> step : list(report.get("steps"))) {
      String id = String.valueOf(step.get("id"));
      String status = String.valueOf(step.get("status"));
      if (status.startsWith("skipped")) {
        skipped.add(id);
      } else if (!NOT_RUN.contains(status)) {
        path.add(id);
      }
      if (step.get("outputs") instanceof Map<?, ?> m) {
        m.forEach(
            (name, value) ->
                literal(value)
                    .ifPresent(l -> outputs.add("steps." + id + ".outputs." + name + " == " + l)));
      }
    }
    expect.put("path", path);
    if (!skipped.isEmpty()) {
      expect.put("skipped", skipped);
    }
    if (!outputs.isEmpty()) {
      expect.put("outputs", outputs);
    }
    List<Map<String, Object>> escalations = new ArrayList<>();
    for (ActivityCall call : calls) {
      if (call.pages()) {
        Map<String, Object> e = new LinkedHashMap<>();
        if (call.config().get("route") != null) {
          e.put("route", call.config().get("route"));
        }
        if (call.config().get("severity") != null) {
          e.put("severity", call.config().get("severity"));
        }
        escalations.add(e);
      }
    }
    expect.put("escalations", escalations);
    List<String> compensations = new ArrayList<>();
    for (Map<String, Object> c : list(report.get("compensations"))) {
      if (c.get("steps") instanceof List<?> steps) {
        steps.forEach(s -> compensations.add(String.valueOf(s)));
      }
    }
    expect.put("compensations", compensations);
    errorType().ifPresent(type -> expect.put("error", Map.of("type", type)));
    if (report.get("durationMs") instanceof Number ms) {
      expect.put("duration", Map.of("max", CompactDurations.seconds(slack(ms.longValue()))));
    }
    return expect;
  }

  /** The error type of the step that ended the run, when one failed. */
  private java.util.Optional<Object> errorType() {
    Object failed = report.get("failedStep");
    for (Map<String, Object> step : list(report.get("steps"))) {
      if (failed != null
          && failed.equals(step.get("id"))
          && step.get("error") instanceof Map<?, ?> e
          && e.get("type") != null) {
        return java.util.Optional.of(e.get("type"));
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * The longest a replay may take, in seconds: the recorded time rounded up to the minute, and one
   * minute more (mocked steps take whole seconds, decisions come on the second).
   */
  private static long slack(long millis) {
    long minutes = (millis + 59_999) / 60_000;
    return (minutes + 1) * 60;
  }

  private String at(Map<String, Object> ev) {
    try {
      Instant when = Instant.parse(String.valueOf(ev.get("at")));
      return CompactDurations.ceil(when.toEpochMilli() - startedAt.toEpochMilli());
    } catch (java.time.format.DateTimeParseException e) {
      return "0s";
    }
  }

  private List<Map<String, Object>> events() {
    return list(report.get("events"));
  }

  /** A CEL literal of a scalar output (text, whole number, boolean); none for other values. */
  private static java.util.Optional<String> literal(Object value) {
    if (value instanceof String || value instanceof Boolean) {
      try {
        return java.util.Optional.of(JSON.writeValueAsString(value));
      } catch (JsonProcessingException e) {
        return java.util.Optional.empty();
      }
    }
    if (value instanceof Integer || value instanceof Long) {
      return java.util.Optional.of(value.toString());
    }
    return java.util.Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (value instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> m) {
          out.add((Map<String, Object>) m);
        }
      }
    }
    return out;
  }
}
