package dev.runbooks.worker.internal;

import dev.runbooks.language.Durations;
import dev.runbooks.language.model.Schedule;
import dev.runbooks.worker.internal.RunbookSchedules.Desired;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleListDescription;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleUpdate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconciliation pass: creates the desired schedules that are missing, updates those whose
 * digest differs, and deletes the engine's schedules (id under {@code runbook/}, memo {@code
 * managedBy: runbook-engine}) that are no longer desired. A schedule under a desired id that the
 * engine did not create is left alone, with one warning. Not thread-safe: {@link ScheduleSync} runs
 * one pass at a time.
 */
final class ScheduleReconciler {
  private static final Logger log = LoggerFactory.getLogger(ScheduleReconciler.class);

  /** What one pass did. {@code failed} holds one message per schedule (or listing) that failed. */
  record Result(int created, int updated, int deleted, int unchanged, List<String> failed) {
    Result {
      failed = List.copyOf(failed);
    }
  }

  private enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED,
    FOREIGN
  }

  /** Thrown when the server does not implement schedules. */
  static final class Unimplemented extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unimplemented(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }

  private final ScheduleClient client;
  private final Set<String> foreignWarned = new HashSet<>();
  private final Set<String> unreadableWarned = new HashSet<>();

  ScheduleReconciler(ScheduleClient client) {
    this.client = client;
  }

  /**
   * Reconciles Temporal with the desired schedules.
   *
   * @throws Unimplemented when the server does not implement schedules
   */
  Result reconcile(Map<String, Desired> desired) {
    int[] counts = new int[Outcome.values().length];
    List<String> failures = new ArrayList<>();
    for (Desired d : desired.values()) {
      try {
        counts[apply(d, true).ordinal()]++;
      } catch (RuntimeException e) {
        failures.add(d.scheduleId() + ": " + describe(unimplemented(e)));
      }
    }
    int deleted = 0;
    try {
      deleted = deleteStale(desired.keySet(), failures);
    } catch (RuntimeException e) {
      failures.add("listing schedules: " + describe(unimplemented(e)));
    }
    return new Result(
        counts[Outcome.CREATED.ordinal()],
        counts[Outcome.UPDATED.ordinal()],
        deleted,
        counts[Outcome.UNCHANGED.ordinal()],
        failures);
  }

  private Outcome apply(Desired d, boolean mayCreate) {
    ScheduleHandle handle = client.getHandle(d.scheduleId());
    ScheduleDescription description;
    try {
      description = handle.describe();
    } catch (RuntimeException e) {
      if (code(e) != Status.Code.NOT_FOUND || !mayCreate) {
        throw e;
      }
      try {
        client.createSchedule(
            d.scheduleId(),
            d.schedule(),
            ScheduleOptions.newBuilder()
                .setMemo(RunbookSchedules.scheduleMemo(d.runbook()))
                .build());
        log.info("created schedule {} ({})", d.scheduleId(), summary(d));
        return Outcome.CREATED;
      } catch (ScheduleAlreadyRunningException raced) {
        return apply(d, false); // another worker created it meanwhile
      }
    }
    if (!managed(
        d.scheduleId(), () -> description.getMemo(RunbookSchedules.MANAGED_BY_KEY, String.class))) {
      if (foreignWarned.add(d.scheduleId())) {
        log.warn(
            "schedule {} exists in Temporal but the runbook engine did not create it (its memo has"
                + " no {}: {}); leaving it alone. Delete it to let the engine create its own.",
            d.scheduleId(),
            RunbookSchedules.MANAGED_BY_KEY,
            RunbookSchedules.MANAGED_BY);
      }
      return Outcome.FOREIGN;
    }
    if (d.digest().equals(RunbookSchedules.digestOf(description.getSchedule()))) {
      return Outcome.UNCHANGED;
    }
    handle.update(input -> new ScheduleUpdate(d.schedule()));
    log.info("updated schedule {} ({})", d.scheduleId(), summary(d));
    return Outcome.UPDATED;
  }

  private int deleteStale(Set<String> wanted, List<String> failures) {
    List<ScheduleListDescription> listed;
    try (var stream = client.listSchedules()) {
      listed = stream.toList();
    }
    int deleted = 0;
    for (ScheduleListDescription s : listed) {
      String id = s.getScheduleId();
      if (!id.startsWith(Schedule.TEMPORAL_ID_PREFIX) || wanted.contains(id)) {
        continue;
      }
      try {
        if (!managed(id, () -> s.getMemo(RunbookSchedules.MANAGED_BY_KEY, String.class))) {
          continue;
        }
        client.getHandle(id).delete();
        log.info("deleted schedule {}: its runbook or schedule entry is gone", id);
        deleted++;
      } catch (RuntimeException e) {
        if (code(unimplemented(e)) != Status.Code.NOT_FOUND) {
          failures.add(id + ": " + describe(e));
        }
      }
    }
    return deleted;
  }

  /**
   * Whether the schedule's memo says this engine created it. A memo that cannot be read (such as
   * one encrypted with a key this worker does not have) counts as someone else's, with a warning.
   */
  private boolean managed(String id, Supplier<Object> memo) {
    try {
      return RunbookSchedules.MANAGED_BY.equals(memo.get());
    } catch (RuntimeException e) {
      if (unreadableWarned.add(id)) {
        log.warn(
            "cannot read the memo of schedule {} ({}); leaving it alone as if the runbook engine"
                + " had not created it",
            id,
            describe(e));
      }
      return false;
    }
  }

  /** Such as {@code cron '0 6 * * *' in Europe/Berlin, paused}, for the log. */
  static String summary(Desired d) {
    ScheduleSpec spec = d.schedule().getSpec();
    List<String> crons = spec.getCronExpressions();
    String when =
        crons == null || crons.isEmpty()
            ? "every " + Durations.format(spec.getIntervals().get(0).getEvery())
            : "cron '"
                + crons.get(0)
                + "'"
                + (spec.getTimeZoneName() == null ? "" : " in " + spec.getTimeZoneName());
    return when + (d.schedule().getState().isPaused() ? ", paused" : "");
  }

  /** Rethrows as {@link Unimplemented} when the server does not implement schedules. */
  private static RuntimeException unimplemented(RuntimeException e) {
    if (code(e) == Status.Code.UNIMPLEMENTED) {
      throw new Unimplemented(e);
    }
    return e;
  }

  /** The gRPC status code in the cause chain, or null when there is none. */
  static Status.Code code(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s) {
        return s.getStatus().getCode();
      }
    }
    return null;
  }

  /** A short reason: the gRPC status and its description, or the exception's message. */
  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s) {
        String description = s.getStatus().getDescription();
        return s.getStatus().getCode() + (description == null ? "" : " " + description);
      }
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
