package dev.runbooks.testbed.razar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of the runtime manager's boot sequence: {@code idle}, {@code running}, {@code complete}
 * or {@code failed}, the components in the order they start, which ones passed, and where it
 * failed.
 */
final class RazarBoot {
  String state = "complete";
  private List<String> sequence = List.of();
  private final List<String> passed = new ArrayList<>();
  private List<String> skipped = List.of();
  private String resumedAfter;
  private String failedComponent;
  private String error;
  private Instant startedAt;
  private Instant endedAt;
  private int boots;

  void reset() {
    state = "complete";
    sequence = List.of();
    passed.clear();
    skipped = List.of();
    resumedAfter = null;
    failedComponent = null;
    error = null;
    startedAt = null;
    endedAt = null;
    boots = 0;
  }

  void idle() {
    state = "idle";
  }

  void begin(List<String> order, String after, List<String> skip, Instant at) {
    state = order.isEmpty() ? "complete" : "running";
    sequence = List.copyOf(order);
    passed.clear();
    skipped = List.copyOf(skip);
    resumedAfter = after;
    failedComponent = null;
    error = null;
    startedAt = at;
    endedAt = order.isEmpty() ? at : null;
    boots++;
  }

  /** The component starting now, or null when every one passed. */
  String current() {
    return passed.size() < sequence.size() ? sequence.get(passed.size()) : null;
  }

  void passed(String component) {
    passed.add(component);
  }

  void complete(Instant at) {
    state = "complete";
    endedAt = at;
  }

  void fail(String component, String why, Instant at) {
    state = "failed";
    failedComponent = component;
    error = why;
    endedAt = at;
  }

  boolean failed() {
    return state.equals("failed");
  }

  Map<String, Object> view() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", state);
    m.put("sequence", sequence);
    m.put("passed", List.copyOf(passed));
    m.put("current", state.equals("running") ? current() : null);
    m.put("skipped", skipped);
    m.put("resumed_after", resumedAfter);
    m.put("failed_component", failedComponent);
    m.put("error", error);
    m.put("started_at", startedAt == null ? null : startedAt.toString());
    m.put("ended_at", endedAt == null ? null : endedAt.toString());
    m.put("boots", boots);
    return m;
  }
}
