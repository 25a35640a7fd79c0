package dev.runbooks.language.model;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of a runbook's {@code schedules:} list: when Temporal starts the runbook by itself, and
 * with which inputs.
 *
 * <p>Exactly one of {@code cron} (a 5-field cron expression or a shorthand such as {@code @daily})
 * and {@code every} (a fixed interval) is set; the other is null. {@code timezone} is the IANA zone
 * a cron is read in, or null for UTC. {@code inputs} holds plain values (no templates) checked
 * against the runbook's declared inputs. {@code jitter} is zero when there is none. {@code note} is
 * null when there is none. {@code path} is the field path, such as {@code schedules[0]}.
 */
public record Schedule(
    String id,
    String cron,
    Duration every,
    String timezone,
    Map<String, Object> inputs,
    Overlap overlap,
    boolean paused,
    Duration jitter,
    String note,
    Location location,
    String path) {
  /** The prefix of the default id: {@code schedule-<index>}, the index counted from 0. */
  public static final String DEFAULT_ID_PREFIX = "schedule-";

  /** The prefix of the ids of the Temporal schedules the engine manages. */
  public static final String TEMPORAL_ID_PREFIX = "runbook/";

  public Schedule {
    inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    overlap = overlap == null ? Overlap.SKIP : overlap;
    jitter = jitter == null ? Duration.ZERO : jitter;
    location = location == null ? Location.UNKNOWN : location;
    path = path == null ? "" : path;
  }

  /**
   * The id of the Temporal schedule for this entry of the given runbook, {@code
   * runbook/<runbook>/<id>}; it is also the workflow id Temporal gives each run, before the time.
   */
  public String temporalId(String runbook) {
    return TEMPORAL_ID_PREFIX + runbook + "/" + id;
  }

  /** What Temporal does when a run is due while an earlier run of the schedule still runs. */
  public enum Overlap {
    /** The new run is skipped (the default). */
    SKIP,
    /** One run is kept and starts when the current one ends; later ones are skipped. */
    BUFFER_ONE,
    /** Every due run is kept and they start one after another. */
    BUFFER_ALL,
    /** The running run is cancelled, then the new one starts. */
    CANCEL_OTHER,
    /** The running run is terminated, then the new one starts. */
    TERMINATE_OTHER,
    /** Runs start whether or not others still run. */
    ALLOW_ALL;

    /** The name used in YAML, such as {@code bufferOne}. */
    public String yamlName() {
      String[] words = name().toLowerCase(Locale.ROOT).split("_");
      StringBuilder out = new StringBuilder(words[0]);
      for (int i = 1; i < words.length; i++) {
        out.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
      }
      return out.toString();
    }

    /** The policy with this YAML name, if there is one. */
    public static Optional<Overlap> fromYaml(String name) {
      for (Overlap o : values()) {
        if (o.yamlName().equals(name)) {
          return Optional.of(o);
        }
      }
      return Optional.empty();
    }
  }
}
