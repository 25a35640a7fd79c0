package dev.runbooks.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.runbooks.language.model.Schedule;
import dev.runbooks.language.model.Schedule.Overlap;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.common.converter.EncodedValues;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunbookSchedulesTest {
  private static Schedule schedule(Map<String, Object> inputs, boolean paused) {
    return new Schedule(
        "daily", "0 6 * * *", null, "UTC", inputs, Overlap.SKIP, paused, null, null, null, null);
  }

  /** A schedule someone else made: no memo on its action. */
  static io.temporal.client.schedules.Schedule foreign() {
    return io.temporal.client.schedules.Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType("theirs")
                .setOptions(
                    WorkflowOptions.newBuilder().setWorkflowId("theirs").setTaskQueue("q").build())
                .build())
        .setSpec(ScheduleSpec.newBuilder().build())
        .build();
  }

  @Test
  void theDigestFollowsEveryFieldButNotMapOrder() {
    String digest = RunbookSchedules.digest("health", schedule(Map.of("a", 1L, "b", "x"), false));

    assertThat(digest).hasSize(16).matches("[0-9a-f]+");
    assertThat(RunbookSchedules.digest("health", schedule(Map.of("b", "x", "a", 1L), false)))
        .isEqualTo(digest);
    assertThat(RunbookSchedules.digest("health", schedule(Map.of("a", 2L, "b", "x"), false)))
        .isNotEqualTo(digest);
    assertThat(RunbookSchedules.digest("health", schedule(Map.of("a", 1L, "b", "x"), true)))
        .isNotEqualTo(digest);
    assertThat(RunbookSchedules.digest("other", schedule(Map.of("a", 1L, "b", "x"), false)))
        .isNotEqualTo(digest);
  }

  @Test
  void everyOverlapHasItsTemporalPolicy() {
    assertThat(Arrays.stream(Overlap.values()).map(RunbookSchedules::overlap))
        .containsExactly(
            ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP,
            ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ONE,
            ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ALL,
            ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_CANCEL_OTHER,
            ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_TERMINATE_OTHER,
            ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL);
  }

  @Test
  void aScheduleWithoutADigestReadsAsNull() {
    assertThat(RunbookSchedules.digestOf(null)).isNull();
    assertThat(RunbookSchedules.digestOf(foreign())).isNull();
  }

  @Test
  void aDigestThatCannotBeDecodedReadsAsNull() {
    Payload encrypted =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("binary/encrypted"))
            .setData(ByteString.copyFromUtf8("???"))
            .build();
    EncodedValues value =
        new EncodedValues(
            Optional.of(Payloads.newBuilder().addPayloads(encrypted).build()),
            FakeScheduleClient.CONVERTER);
    var action = (ScheduleActionStartWorkflow) foreign().getAction();
    var schedule =
        io.temporal.client.schedules.Schedule.newBuilder(foreign())
            .setAction(
                ScheduleActionStartWorkflow.newBuilder(action)
                    .setOptions(
                        WorkflowOptions.newBuilder(action.getOptions())
                            .setMemo(Map.of(RunbookSchedules.DIGEST_KEY, value))
                            .build())
                    .build())
            .build();

    assertThat(RunbookSchedules.digestOf(schedule)).isNull();
  }

  @Test
  void summariesNameTheSpec() {
    var cron = RunbookSchedules.desired("health", schedule(Map.of(), true));
    var every =
        RunbookSchedules.desired(
            "health",
            new Schedule(
                "often",
                null,
                Duration.ofMinutes(90),
                null,
                null,
                null,
                false,
                null,
                null,
                null,
                null));

    assertThat(ScheduleReconciler.summary(cron)).isEqualTo("cron '0 6 * * *' in UTC, paused");
    assertThat(ScheduleReconciler.summary(every)).isEqualTo("every 1h30m");
  }
}
