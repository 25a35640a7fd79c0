package dev.runbooks.language.compile;

import static dev.runbooks.language.compile.Problems.map;
import static dev.runbooks.language.compile.Problems.string;

import dev.runbooks.language.Durations;
import dev.runbooks.language.model.InputSpec;
import dev.runbooks.language.model.Schedule;
import dev.runbooks.language.parse.FieldPaths;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds the {@code schedules:} list to {@link Schedule} records and checks what the schema cannot:
 * exactly one of {@code cron} and {@code every}, the cron syntax, the interval, the time zone, the
 * jitter, unique ids (given or defaulted), and the inputs against the declared inputs (no
 * templates: nothing is in scope when a schedule starts a run).
 */
final class ScheduleBinder {
  /** The shortest interval of an {@code every} schedule. */
  static final Duration MIN_EVERY = Duration.ofSeconds(1);

  private final Problems problems;
  private final String runbook;
  private final Map<String, InputSpec> inputs;

  ScheduleBinder(Problems problems, String runbook, Map<String, InputSpec> inputs) {
    this.problems = problems;
    this.runbook = runbook;
    this.inputs = inputs;
  }

  /** Binds the list; elements that are not maps are skipped (the schema reported them). */
  List<Schedule> list(Object raw) {
    List<Schedule> schedules = new ArrayList<>();
    Map<String, String> pathById = new HashMap<>();
    List<Object> items = Problems.list(raw);
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof Map<?, ?>)) {
        continue;
      }
      String path = FieldPaths.index("schedules", i);
      Schedule schedule = schedule(map(items.get(i)), i, path);
      String first = pathById.putIfAbsent(schedule.id(), path);
      if (first != null) {
        String idPath = map(items.get(i)).containsKey("id") ? path + ".id" : path;
        problems.at(
            idPath,
            "schedule id '"
                + schedule.id()
                + "' is already used by "
                + first
                + "; each schedule needs its own id"
                + (idPath.equals(path) ? " (this one defaults to its index)" : ""));
      }
      schedules.add(schedule);
    }
    return schedules;
  }

  private Schedule schedule(Map<String, Object> raw, int index, String path) {
    String id = string(raw, "id", Schedule.DEFAULT_ID_PREFIX + index);
    String cron = string(raw, "cron");
    Duration every = every(raw, path);
    boolean hasCron = raw.containsKey("cron");
    boolean hasEvery = raw.containsKey("every");
    if (hasCron && hasEvery) {
      problems.atKey(path + ".every", "schedule has both cron and every; give exactly one of them");
    } else if (!hasCron && !hasEvery) {
      problems.at(
          path,
          "schedule needs a cron (such as cron: '0 6 * * *') or an every (such as every: 24h)");
    }
    if (cron != null) {
      String problem = CronSyntax.problem(cron);
      if (problem != null) {
        problems.at(path + ".cron", problem);
      }
    }
    String timezone = string(raw, "timezone");
    if (timezone != null) {
      timezone(timezone, hasEvery && !hasCron, path + ".timezone");
    }
    Duration jitter = problems.duration(raw, "jitter", path, Duration.ZERO);
    if (every != null && jitter.compareTo(every) >= 0) {
      problems.at(
          path + ".jitter",
          "jitter "
              + Durations.format(jitter)
              + " must be shorter than every "
              + Durations.format(every)
              + ", or runs could bunch up");
    }
    Map<String, Object> given = map(raw.get("inputs"));
    given.forEach((name, value) -> input(name, value, path + ".inputs." + name));
    InputChecks.required(problems, inputs, given.keySet(), "schedule", path);
    return new Schedule(
        id,
        cron,
        every,
        timezone,
        given,
        Schedule.Overlap.fromYaml(string(raw, "overlap", "skip")).orElse(Schedule.Overlap.SKIP),
        Problems.bool(raw, "paused", false),
        jitter,
        string(raw, "note"),
        problems.map().value(path),
        path);
  }

  private Duration every(Map<String, Object> raw, String path) {
    if (!(raw.get("every") instanceof String)) {
      return null;
    }
    Duration every = problems.duration(raw, "every", path, null);
    if (every != null && every.compareTo(MIN_EVERY) < 0) {
      problems.at(
          path + ".every",
          "every must be at least " + Durations.format(MIN_EVERY) + ", not " + raw.get("every"));
      return null;
    }
    return every;
  }

  private void timezone(String zone, boolean interval, String path) {
    if (interval) {
      problems.at(
          path,
          "timezone applies to cron schedules only; an every schedule runs at a fixed interval"
              + " whatever the zone");
      return;
    }
    if (ZoneId.getAvailableZoneIds().contains(zone)) {
      return;
    }
    String hint = problems.hint(zone, ZoneId.getAvailableZoneIds());
    problems.at(
        path,
        "unknown time zone '"
            + zone
            + "'; "
            + (hint != null
                ? "did you mean '" + hint + "'?"
                : "use an IANA name such as UTC, Europe/Berlin or America/New_York"));
  }

  private void input(String name, Object value, String path) {
    InputSpec spec = InputChecks.declared(problems, inputs, name, path);
    if (spec == null) {
      return;
    }
    if (hasTemplate(value)) {
      problems.at(
          path,
          "schedule inputs are plain values, not templates: no alert or run exists when a"
              + " schedule fires");
      return;
    }
    InputChecks.constant(problems, runbook, spec, value, path);
  }

  private static boolean hasTemplate(Object value) {
    if (value instanceof String s) {
      return s.contains("${{");
    }
    if (value instanceof Map<?, ?> m) {
      return m.values().stream().anyMatch(ScheduleBinder::hasTemplate);
    }
    if (value instanceof List<?> l) {
      return l.stream().anyMatch(ScheduleBinder::hasTemplate);
    }
    return false;
  }
}
