package dev.runbooks.worker.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.model.Schedule;
import dev.runbooks.workflows.RunMetadata;
import dev.runbooks.workflows.RunbookSearchAttributes;
import dev.runbooks.workflows.RunbookWorkflow;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.EncodedValues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the {@code schedules:} of the runbooks in service into the Temporal Schedules they stand
 * for: id {@code runbook/<runbook>/<schedule id>}; action: start the workflow type {@code
 * <runbook>} on task queue {@code runbooks} with the schedule's inputs as the one argument,
 * workflow id {@code runbook/<runbook>/<schedule id>} (Temporal appends the scheduled time), memo
 * {@code scheduledBy} and search attribute {@code RunbookName}. Each schedule carries a digest of
 * its entry in the action's memo, so a changed entry is found without comparing Temporal's
 * normalized form of the spec.
 */
final class RunbookSchedules {
  /** The schedule memo key that marks the schedules this engine created and may change. */
  static final String MANAGED_BY_KEY = "managedBy";

  /** The value of {@link #MANAGED_BY_KEY}. */
  static final String MANAGED_BY = "runbook-engine";

  /** The action memo key holding the digest of the schedule's definition. */
  static final String DIGEST_KEY = "scheduleDigest";

  /** The action memo key naming the schedule entry that started a run. */
  static final String SCHEDULED_BY_KEY = "scheduledBy";

  /** Changes whenever the mapping below changes, so that every schedule is updated once. */
  private static final String FORMAT = "1";

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /** One schedule as it should be in Temporal. */
  record Desired(
      String scheduleId,
      String runbook,
      String entryId,
      io.temporal.client.schedules.Schedule schedule,
      String digest) {}

  private RunbookSchedules() {}

  /** Every schedule of every runbook, by Temporal schedule id, in catalog order. */
  static Map<String, Desired> desired(List<CatalogEntry> entries) {
    Map<String, Desired> desired = new LinkedHashMap<>();
    for (CatalogEntry entry : entries) {
      for (Schedule s : entry.compiled().definition().schedules()) {
        Desired d = desired(entry.name(), s);
        desired.put(d.scheduleId(), d);
      }
    }
    return desired;
  }

  static Desired desired(String runbook, Schedule s) {
    String digest = digest(runbook, s);
    return new Desired(
        s.temporalId(runbook), runbook, s.id(), toTemporal(runbook, s, digest), digest);
  }

  /** The schedule memo of the schedules this engine creates. */
  static Map<String, Object> scheduleMemo(String runbook) {
    return Map.of(MANAGED_BY_KEY, MANAGED_BY, "runbook", runbook);
  }

  private static io.temporal.client.schedules.Schedule toTemporal(
      String runbook, Schedule s, String digest) {
    ScheduleSpec.Builder spec = ScheduleSpec.newBuilder();
    if (s.cron() != null) {
      spec.setCronExpressions(List.of(s.cron().strip()));
      if (s.timezone() != null) {
        spec.setTimeZoneName(s.timezone());
      }
    } else {
      spec.setIntervals(List.of(new ScheduleIntervalSpec(s.every())));
    }
    if (!s.jitter().isZero()) {
      spec.setJitter(s.jitter());
    }
    Map<String, Object> memo = new LinkedHashMap<>();
    memo.put(SCHEDULED_BY_KEY, s.id());
    memo.put(DIGEST_KEY, digest);
    RunMetadata metadata = RunMetadata.ofSchedule(runbook, null, s.id());
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(s.temporalId(runbook))
            .setTaskQueue(RunbookWorkflow.TASK_QUEUE)
            .setMemo(memo)
            .setStaticSummary(metadata.summary())
            .setStaticDetails(metadata.details())
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder()
                    .set(RunbookSearchAttributes.RUNBOOK_NAME, runbook)
                    .build())
            .build();
    ScheduleActionStartWorkflow action =
        ScheduleActionStartWorkflow.newBuilder()
            .setWorkflowType(runbook)
            .setOptions(options)
            .setArguments(new LinkedHashMap<>(s.inputs()))
            .build();
    String note =
        s.note() != null
            ? s.note()
            : "schedule '" + s.id() + "' of runbook " + runbook + "; managed by the runbook engine";
    return io.temporal.client.schedules.Schedule.newBuilder()
        .setAction(action)
        .setSpec(spec.build())
        .setPolicy(SchedulePolicy.newBuilder().setOverlap(overlap(s.overlap())).build())
        .setState(ScheduleState.newBuilder().setPaused(s.paused()).setNote(note).build())
        .build();
  }

  static ScheduleOverlapPolicy overlap(Schedule.Overlap overlap) {
    return switch (overlap) {
      case SKIP -> ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP;
      case BUFFER_ONE -> ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ONE;
      case BUFFER_ALL -> ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ALL;
      case CANCEL_OTHER -> ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_CANCEL_OTHER;
      case TERMINATE_OTHER -> ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_TERMINATE_OTHER;
      case ALLOW_ALL -> ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL;
    };
  }

  /** A short hash of everything that goes into the Temporal schedule. */
  static String digest(String runbook, Schedule s) {
    Map<String, Object> fields = new TreeMap<>();
    fields.put("format", FORMAT);
    fields.put("runbook", runbook);
    fields.put("id", s.id());
    fields.put("cron", s.cron() == null ? null : s.cron().strip());
    fields.put("every", s.every() == null ? null : s.every().toString());
    fields.put("timezone", s.timezone());
    fields.put("inputs", s.inputs());
    fields.put("overlap", s.overlap().yamlName());
    fields.put("paused", s.paused());
    fields.put("jitter", s.jitter().toString());
    fields.put("note", s.note());
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(JSON.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 16);
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot compute the digest of schedule " + s.id(), e);
    }
  }

  /**
   * The digest a schedule in Temporal was made from, or null when it has none or it cannot be read
   * (then the schedule is updated).
   */
  static String digestOf(io.temporal.client.schedules.Schedule schedule) {
    if (schedule == null
        || !(schedule.getAction() instanceof ScheduleActionStartWorkflow action)
        || action.getOptions() == null
        || action.getOptions().getMemo() == null) {
      return null;
    }
    Object value = action.getOptions().getMemo().get(DIGEST_KEY);
    try {
      if (value instanceof EncodedValues encoded) {
        return encoded.get(0, String.class);
      }
    } catch (RuntimeException e) {
      return null;
    }
    return value instanceof String s ? s : null;
  }
}
