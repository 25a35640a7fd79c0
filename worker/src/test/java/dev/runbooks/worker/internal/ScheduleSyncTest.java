package dev.runbooks.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.ByteString;
import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.CatalogReport;
import dev.runbooks.language.compile.RunbookCompiler;
import dev.runbooks.worker.internal.FakeScheduleClient.Stored;
import dev.runbooks.worker.internal.ScheduleReconciler.Result;
import dev.runbooks.workflows.RunbookSearchAttributes;
import io.grpc.Status;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ScheduleSyncTest {
  private static final String DAILY_AND_OFTEN =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata: {name: health}
      inputs:
        who: {type: string, required: true}
        times: {type: int, default: 1}
      schedules:
        - id: daily
          cron: "0 6 * * *"
          timezone: Europe/Berlin
          inputs: {who: daily, times: 2}
          overlap: bufferOne
          jitter: 1m
          note: the daily check
        - every: 5s
          inputs: {who: often}
          paused: true
      steps:
        - id: hello
          log: "hello ${{ inputs.who }}"
      """;

  private final FakeScheduleClient client = new FakeScheduleClient();
  private final AtomicReference<List<CatalogEntry>> catalog =
      new AtomicReference<>(List.of(entry(DAILY_AND_OFTEN)));
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private ScheduleSync sync = sync(true);

  private ScheduleSync sync(boolean enabled) {
    return new ScheduleSync(client, catalog::get, enabled, Duration.ofMinutes(5), "test-server");
  }

  private static CatalogEntry entry(String yaml) {
    var compiled = RunbookCompiler.standard().compile(yaml, "test.yaml").orThrow();
    return CatalogEntry.of(compiled, Path.of("test.yaml"), Instant.EPOCH);
  }

  @BeforeEach
  void captureLogs() {
    logs.start();
    for (Class<?> c : List.of(ScheduleSync.class, ScheduleReconciler.class)) {
      ((Logger) LoggerFactory.getLogger(c)).addAppender(logs);
    }
  }

  @AfterEach
  void stop() {
    sync.close();
    for (Class<?> c : List.of(ScheduleSync.class, ScheduleReconciler.class)) {
      ((Logger) LoggerFactory.getLogger(c)).detachAppender(logs);
    }
  }

  private List<String> warnings() {
    return logs.list.stream()
        .filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Test
  void createsEachScheduleWithItsSpecActionPolicyStateAndMemo() {
    Result result = sync.sync();

    assertThat(result).isEqualTo(new Result(2, 0, 0, 0, List.of()));
    assertThat(client.schedules)
        .containsOnlyKeys("runbook/health/daily", "runbook/health/schedule-1");
    Stored daily = client.schedules.get("runbook/health/daily");
    assertThat(daily.memo()).containsEntry("managedBy", "runbook-engine");
    Schedule s = daily.schedule();
    assertThat(s.getSpec().getCronExpressions()).containsExactly("0 6 * * *");
    assertThat(s.getSpec().getTimeZoneName()).isEqualTo("Europe/Berlin");
    assertThat(s.getSpec().getJitter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.getPolicy().getOverlap())
        .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ONE);
    assertThat(s.getState().isPaused()).isFalse();
    assertThat(s.getState().getNote()).isEqualTo("the daily check");
    ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) s.getAction();
    assertThat(action.getWorkflowType()).isEqualTo("health");
    assertThat(action.getOptions().getTaskQueue()).isEqualTo("runbooks");
    assertThat(action.getOptions().getWorkflowId()).isEqualTo("runbook/health/daily");
    assertThat(action.getOptions().getMemo()).containsEntry("scheduledBy", "daily");
    assertThat(
            action
                .getOptions()
                .getTypedSearchAttributes()
                .get(RunbookSearchAttributes.RUNBOOK_NAME))
        .isEqualTo("health");
    Object arguments = action.getArguments().get(0, Object.class);
    assertThat(arguments).isEqualTo(Map.of("who", "daily", "times", 2L));

    Schedule often = client.schedules.get("runbook/health/schedule-1").schedule();
    assertThat(often.getSpec().getIntervals())
        .containsExactly(new ScheduleIntervalSpec(Duration.ofSeconds(5)));
    assertThat(often.getState().isPaused()).isTrue();
    assertThat(often.getState().getNote()).contains("schedule-1").contains("runbook engine");
    assertThat(often.getPolicy().getOverlap())
        .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
    assertThat(sync.dirty()).isFalse();
  }

  @Test
  void aSecondSyncChangesNothing() {
    sync.sync();
    client.calls.clear();

    assertThat(sync.sync()).isEqualTo(new Result(0, 0, 0, 2, List.of()));
    assertThat(client.calls())
        .containsExactly(
            "describe runbook/health/daily", "describe runbook/health/schedule-1", "list");
  }

  @Test
  void updatesTheSchedulesWhoseEntryChanged() {
    sync.sync();
    catalog.set(
        List.of(
            entry(DAILY_AND_OFTEN.replace("paused: true", "paused: false").replace("5s", "7s"))));

    assertThat(sync.sync()).isEqualTo(new Result(0, 1, 0, 1, List.of()));
    Schedule often = client.schedules.get("runbook/health/schedule-1").schedule();
    assertThat(often.getState().isPaused()).isFalse();
    assertThat(often.getSpec().getIntervals())
        .containsExactly(new ScheduleIntervalSpec(Duration.ofSeconds(7)));
    assertThat(client.schedules.get("runbook/health/schedule-1").memo())
        .containsEntry("managedBy", "runbook-engine");
  }

  @Test
  void deletesOnlyTheEngineSchedulesWhoseEntryIsGone() {
    sync.sync();
    Schedule any = client.schedules.get("runbook/health/daily").schedule();
    client.schedules.put("runbook/gone/x", new Stored(any, Map.of("managedBy", "runbook-engine")));
    client.schedules.put("runbook/theirs/y", new Stored(any, Map.of("owner", "someone")));
    client.schedules.put("other/z", new Stored(any, Map.of("managedBy", "runbook-engine")));
    catalog.set(
        List.of(entry(DAILY_AND_OFTEN.substring(0, DAILY_AND_OFTEN.indexOf("  - every")) + STEPS)));

    assertThat(sync.sync()).isEqualTo(new Result(0, 0, 2, 1, List.of()));
    assertThat(client.schedules)
        .containsOnlyKeys("runbook/health/daily", "runbook/theirs/y", "other/z");
  }

  private static final String STEPS =
      """
      steps:
        - id: hello
          log: hello
      """;

  @Test
  void removingEveryRunbookDeletesEveryEngineSchedule() {
    sync.sync();
    catalog.set(List.of());

    assertThat(sync.sync()).isEqualTo(new Result(0, 0, 2, 0, List.of()));
    assertThat(client.schedules).isEmpty();
  }

  @Test
  void leavesAScheduleItDidNotCreateAloneWithOneWarning() {
    Schedule theirs = RunbookSchedulesTest.foreign();
    client.schedules.put("runbook/health/daily", new Stored(theirs, Map.of()));

    assertThat(sync.sync()).isEqualTo(new Result(1, 0, 0, 0, List.of()));
    assertThat(sync.sync()).isEqualTo(new Result(0, 0, 0, 1, List.of()));
    assertThat(client.schedules.get("runbook/health/daily").schedule()).isSameAs(theirs);
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains(
            "runbook/health/daily exists in Temporal but the runbook engine did not create it");
  }

  @Test
  void aCreateRaceWithAnotherWorkerEndsInAnUnchangedSchedule() {
    client.raceOnCreate =
        () -> {
          var d = RunbookSchedules.desired(catalog.get()).get("runbook/health/daily");
          client.schedules.put(
              d.scheduleId(), new Stored(d.schedule(), RunbookSchedules.scheduleMemo(d.runbook())));
        };

    assertThat(sync.sync()).isEqualTo(new Result(1, 0, 0, 1, List.of()));
  }

  @Test
  void failuresAreReportedLoggedOnceAndRetriedAfterTheNextReload() throws Exception {
    client.failures.put(
        "describe runbook/health/daily", FakeScheduleClient.status(Status.Code.UNAVAILABLE));
    client.failures.put("list", FakeScheduleClient.status(Status.Code.DEADLINE_EXCEEDED));

    Result failed = sync.sync();
    sync.sync();

    assertThat(failed.failed())
        .containsExactly(
            "runbook/health/daily: UNAVAILABLE", "listing schedules: DEADLINE_EXCEEDED");
    assertThat(failed.created()).isEqualTo(1);
    assertThat(sync.dirty()).isTrue();
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains("not all in sync with Temporal at test-server")
        .contains("runbook/health/daily: UNAVAILABLE");

    sync.activate();
    client.failures.clear();
    sync.catalogReloaded(new CatalogReport(List.of(), List.of(), List.of(), List.of()));

    await(() -> !sync.dirty());
    assertThat(client.schedules).containsKey("runbook/health/daily");
    await(
        () ->
            logs.list.stream()
                .anyMatch(e -> e.getFormattedMessage().contains("in sync with Temporal again")));
  }

  @Test
  void anUnchangedCatalogIsNotSyncedAgainAfterASuccess() throws Exception {
    sync.activate();
    await(() -> !sync.dirty());
    int calls = client.calls().size();

    sync.catalogReloaded(new CatalogReport(List.of(), List.of(), List.of(), List.of()));
    Thread.sleep(200);

    assertThat(client.calls()).hasSize(calls);
  }

  @Test
  void aChangedCatalogIsSyncedAfterTheReload() throws Exception {
    sync.activate();
    await(() -> client.schedules.size() == 2);
    catalog.set(List.of());

    sync.catalogReloaded(new CatalogReport(List.of(), List.of(), List.of("health"), List.of()));

    await(client.schedules::isEmpty);
  }

  @Test
  void failedCreatesUpdatesAndDeletesAreReportedOnePerSchedule() {
    sync.sync();
    Schedule any = client.schedules.get("runbook/health/daily").schedule();
    client.schedules.put("runbook/gone/x", new Stored(any, Map.of("managedBy", "runbook-engine")));
    client.schedules.remove("runbook/health/schedule-1");
    catalog.set(List.of(entry(DAILY_AND_OFTEN.replace("0 6 * * *", "0 7 * * *"))));
    client.failures.put(
        "update runbook/health/daily", FakeScheduleClient.status(Status.Code.FAILED_PRECONDITION));
    client.failures.put(
        "create runbook/health/schedule-1",
        FakeScheduleClient.status(Status.Code.INVALID_ARGUMENT));
    client.failures.put(
        "delete runbook/gone/x", FakeScheduleClient.status(Status.Code.PERMISSION_DENIED));

    Result result = sync.sync();

    assertThat(result.failed())
        .containsExactly(
            "runbook/health/daily: FAILED_PRECONDITION",
            "runbook/health/schedule-1: INVALID_ARGUMENT",
            "runbook/gone/x: PERMISSION_DENIED");
    assertThat(sync.dirty()).isTrue();
  }

  @Test
  void aScheduleListedButAlreadyGoneIsNotAFailure() {
    client.ghosts.put("runbook/gone/x", Map.of("managedBy", "runbook-engine"));

    Result result = sync.sync();

    assertThat(result).isEqualTo(new Result(2, 0, 0, 0, List.of()));
    assertThat(client.calls()).contains("delete runbook/gone/x");
  }

  @Test
  void aScheduleWhoseMemoCannotBeReadIsLeftAloneWithAWarning() {
    Payload encrypted =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("binary/encrypted"))
            .setData(ByteString.copyFromUtf8("???"))
            .build();
    Schedule theirs = RunbookSchedulesTest.foreign();
    client.schedules.put("runbook/old/x", new Stored(theirs, Map.of("managedBy", encrypted)));

    assertThat(sync.sync()).isEqualTo(new Result(2, 0, 0, 0, List.of()));
    sync.sync();

    assertThat(client.schedules).containsKey("runbook/old/x");
    assertThat(warnings())
        .singleElement()
        .asString()
        .startsWith("cannot read the memo of schedule runbook/old/x");
  }

  @Test
  void aServerWithoutSchedulesGetsOneWarningAndNoMoreCalls() {
    client.everything = Status.Code.UNIMPLEMENTED;

    assertThat(sync.sync()).isNull();
    int calls = client.calls().size();
    assertThat(sync.sync()).isNull();

    assertThat(sync.unsupported()).isTrue();
    assertThat(client.calls()).hasSize(calls);
    assertThat(warnings())
        .singleElement()
        .asString()
        .contains("test-server does not implement schedules")
        .contains("the 2 schedule(s) of the runbooks will NOT run");
  }

  @Test
  void aServerWithoutSchedulesIsNotWarnedAboutWhenNoRunbookHasOne() {
    client.everything = Status.Code.UNIMPLEMENTED;
    catalog.set(List.of());

    assertThat(sync.sync()).isNull();

    assertThat(sync.unsupported()).isTrue();
    assertThat(warnings()).isEmpty();
  }

  @Test
  void unimplementedWhileListingCountsAsNoSchedulesToo() {
    catalog.set(List.of());
    client.failures.put("list", FakeScheduleClient.status(Status.Code.UNIMPLEMENTED));

    assertThat(sync.sync()).isNull();
    assertThat(sync.unsupported()).isTrue();
  }

  @Test
  void aFailingCatalogIsReportedNotThrown() {
    ScheduleSync broken =
        new ScheduleSync(
            client,
            () -> {
              throw new IllegalStateException("catalog gone");
            },
            true,
            Duration.ofMinutes(5),
            "test-server");

    assertThat(broken.sync().failed()).containsExactly("IllegalStateException: catalog gone");
    assertThat(broken.dirty()).isTrue();
  }

  @Test
  void disabledItNeverCallsTemporal() throws Exception {
    sync = sync(false);

    sync.activate();
    sync.catalogReloaded(new CatalogReport(List.of(), List.of(), List.of("x"), List.of()));
    Thread.sleep(100);

    assertThat(sync.sync()).isNull();
    assertThat(client.calls()).isEmpty();
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(m -> m.startsWith("runbook.schedules.enabled=false"));
  }

  @Test
  void beforeActivationReloadsDoNotSync() throws Exception {
    sync.catalogReloaded(new CatalogReport(List.of(), List.of(), List.of("x"), List.of()));
    Thread.sleep(100);

    assertThat(client.calls()).isEmpty();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
      Thread.sleep(50);
    }
    assertThat(condition.getAsBoolean()).as("condition within 5s").isTrue();
  }
}
