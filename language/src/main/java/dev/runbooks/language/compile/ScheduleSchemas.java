package dev.runbooks.language.compile;

import static dev.runbooks.language.compile.SchemaNodes.bool;
import static dev.runbooks.language.compile.SchemaNodes.duration;
import static dev.runbooks.language.compile.SchemaNodes.enumOf;
import static dev.runbooks.language.compile.SchemaNodes.object;
import static dev.runbooks.language.compile.SchemaNodes.ref;
import static dev.runbooks.language.compile.SchemaNodes.req;
import static dev.runbooks.language.compile.SchemaNodes.string;
import static dev.runbooks.language.compile.SchemaNodes.typed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.language.model.Schedule;
import java.util.Arrays;

/**
 * The schema of the {@code schedules:} section: when Temporal starts a runbook by itself. Rules the
 * schema cannot state precisely (exactly one of cron and every, cron syntax, time zones, unique
 * ids, inputs) are checked by {@link ScheduleBinder}.
 */
final class ScheduleSchemas {
  private ScheduleSchemas() {}

  /** The schema of the {@code schedules} field. */
  static ObjectNode schedules() {
    ObjectNode n =
        typed("array", "When Temporal starts this runbook by itself, as Temporal Schedules.");
    n.set("items", ref("schedule", null));
    return n;
  }

  static void addTo(ObjectNode defs) {
    defs.set("schedule", schedule());
  }

  private static ObjectNode schedule() {
    ObjectNode id =
        string(
            "Unique in the runbook; schedule-<index> by default. The Temporal schedule is"
                + " runbook/<runbook name>/<id>.");
    id.put("pattern", "^[a-z][a-z0-9-]{1,62}$");
    String[] overlaps =
        Arrays.stream(Schedule.Overlap.values())
            .map(Schedule.Overlap::yamlName)
            .toArray(String[]::new);
    return object(
        "One schedule: exactly one of cron and every, and the inputs of the runs it starts.",
        req(),
        "id",
        id,
        "cron",
        string(
            "A cron expression of 5 fields (minute hour day-of-month month day-of-week), such as"
                + " '0 6 * * *', or @yearly, @annually, @monthly, @weekly, @daily, @midnight,"
                + " @hourly."),
        "every",
        duration("A fixed interval between runs, such as 24h; at least 1s."),
        "timezone",
        string("The IANA time zone a cron is read in, such as Europe/Berlin; UTC by default."),
        "inputs",
        typed("object", "The inputs of every run, by name: plain values, no templates."),
        "overlap",
        enumOf(
            "What happens when a run is due while the previous one still runs; skip by default.",
            overlaps),
        "paused",
        bool("Whether the schedule is paused; false by default."),
        "jitter",
        duration("Delays each run by a random time up to this long; none by default."),
        "note",
        string("A note kept with the schedule in Temporal."));
  }
}
