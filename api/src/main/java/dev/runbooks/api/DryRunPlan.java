package dev.runbooks.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a dry run would have done, in order, read from its report's or status's events: every action
 * it did not send ({@code wouldRun}: step, kind, target, rendered config with secret references
 * unresolved), every approval it decided itself ({@code dryRunApproval}) and every wait it
 * shortened ({@code dryRunWait}). The run page, the CLI report and tests list it the same way.
 */
public final class DryRunPlan {
  /** The events that make up the plan. */
  public static final Set<String> EVENTS = Set.of("wouldRun", "dryRunApproval", "dryRunWait");

  private DryRunPlan() {}

  /**
   * One thing the dry run did not do as a real run would.
   *
   * @param at when the dry run reached it (ISO-8601)
   * @param event {@code wouldRun}, {@code dryRunApproval} or {@code dryRunWait}
   * @param step the step id
   * @param kind the step kind ({@code http}, {@code restart}, {@code approval}, {@code sleep}...)
   * @param target what the action acts on, or null when its kind does not say
   * @param detail the rendered config of an action, the approvers and prompt of an approval, or the
   *     wait a real run would have made
   */
  public record Entry(
      String at, String event, String step, String kind, String target, Object detail) {}

  /** The plan from a run's events (a report's or a status's {@code events}), in their order. */
  public static List<Entry> of(List<? extends Map<String, ?>> events) {
    List<Entry> plan = new ArrayList<>();
    if (events == null) {
      return plan;
    }
    for (Map<String, ?> e : events) {
      Object event = e.get("event");
      if (!(event instanceof String name) || !EVENTS.contains(name)) {
        continue;
      }
      Object detail;
      if (name.equals("wouldRun")) {
        detail = e.get("config");
      } else {
        Map<String, Object> d = new LinkedHashMap<>();
        for (String key :
            name.equals("dryRunApproval")
                ? List.of("approvers", "prompt")
                : List.of("wouldWaitMs", "waitedMs")) {
          d.put(key, e.get(key));
        }
        detail = d;
      }
      plan.add(
          new Entry(
              text(e.get("at")),
              name,
              text(e.get("step")),
              text(e.get("kind")),
              e.get("target") == null ? null : text(e.get("target")),
              detail));
    }
    return plan;
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }
}
