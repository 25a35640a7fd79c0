package dev.runbooks.worker.internal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleBackfill;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleException;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleInfo;
import io.temporal.client.schedules.ScheduleListDescription;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleUpdate;
import io.temporal.client.schedules.ScheduleUpdateInput;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.EncodedValues;
import io.temporal.workflow.Functions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * An in-memory stand-in for Temporal's schedule API that behaves like the server where it matters:
 * NOT_FOUND for unknown ids, ALREADY_EXISTS on a second create, memos that come back encoded, and
 * failures injected per call.
 */
final class FakeScheduleClient implements ScheduleClient {
  static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();

  /** A schedule as stored, with the schedule-level memo. */
  record Stored(Schedule schedule, Map<String, Object> memo) {}

  final Map<String, Stored> schedules = new ConcurrentHashMap<>();
  final List<String> calls = new ArrayList<>();
  final Map<String, RuntimeException> failures = new HashMap<>();

  /** Schedules that are listed (with this memo) but gone, as visibility lags a delete. */
  final Map<String, Map<String, Object>> ghosts = new ConcurrentHashMap<>();

  /** Every call fails with this status code, as a server without schedules would answer. */
  volatile Status.Code everything;

  /** Runs instead of the first create of an id, as if another worker created it meanwhile. */
  volatile Runnable raceOnCreate;

  static RuntimeException status(Status.Code code) {
    return new ScheduleException(new StatusRuntimeException(Status.fromCode(code)));
  }

  private synchronized void call(String what) {
    calls.add(what);
    if (everything != null) {
      throw status(everything);
    }
    RuntimeException failure = failures.get(what);
    if (failure != null) {
      throw failure;
    }
  }

  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public ScheduleHandle createSchedule(String id, Schedule schedule, ScheduleOptions options) {
    call("create " + id);
    Runnable race = raceOnCreate;
    if (race != null) {
      raceOnCreate = null;
      race.run();
    }
    if (schedules.containsKey(id)) {
      throw new ScheduleAlreadyRunningException(new StatusRuntimeException(Status.ALREADY_EXISTS));
    }
    schedules.put(id, new Stored(schedule, Map.copyOf(options.getMemo())));
    return getHandle(id);
  }

  @Override
  public ScheduleHandle getHandle(String id) {
    return new Handle(id);
  }

  @Override
  public Stream<ScheduleListDescription> listSchedules() {
    call("list");
    Map<String, Map<String, Object>> listed = new LinkedHashMap<>(ghosts);
    schedules.forEach((id, stored) -> listed.put(id, stored.memo()));
    return listed.entrySet().stream()
        .map(
            e ->
                new ScheduleListDescription(
                    e.getKey(), null, null, payloads(e.getValue()), CONVERTER, Map.of()));
  }

  @Override
  public Stream<ScheduleListDescription> listSchedules(Integer pageSize) {
    return listSchedules();
  }

  @Override
  public Stream<ScheduleListDescription> listSchedules(String query, Integer pageSize) {
    return listSchedules();
  }

  private static Map<String, Payload> payloads(Map<String, Object> memo) {
    Map<String, Payload> out = new LinkedHashMap<>();
    memo.forEach(
        (k, v) -> out.put(k, v instanceof Payload p ? p : CONVERTER.toPayload(v).orElseThrow()));
    return out;
  }

  /** The schedule as the server describes it: the action's memo values come back encoded. */
  private static Schedule described(Schedule schedule) {
    if (!(schedule.getAction() instanceof ScheduleActionStartWorkflow action)
        || action.getOptions().getMemo() == null) {
      return schedule;
    }
    Map<String, Object> memo = new LinkedHashMap<>();
    action
        .getOptions()
        .getMemo()
        .forEach(
            (k, v) ->
                memo.put(
                    k,
                    new EncodedValues(
                        Optional.of(
                            Payloads.newBuilder()
                                .addPayloads(CONVERTER.toPayload(v).orElseThrow())
                                .build()),
                        CONVERTER)));
    WorkflowOptions options = WorkflowOptions.newBuilder(action.getOptions()).setMemo(memo).build();
    return Schedule.newBuilder(schedule)
        .setAction(ScheduleActionStartWorkflow.newBuilder(action).setOptions(options).build())
        .build();
  }

  private final class Handle implements ScheduleHandle {
    private final String id;

    Handle(String id) {
      this.id = id;
    }

    @Override
    public String getId() {
      return id;
    }

    @Override
    public ScheduleDescription describe() {
      call("describe " + id);
      Stored stored = schedules.get(id);
      if (stored == null) {
        throw status(Status.Code.NOT_FOUND);
      }
      ScheduleInfo info = new ScheduleInfo(0, 0, 0, List.of(), List.of(), List.of(), null, null);
      return new ScheduleDescription(
          id,
          info,
          described(stored.schedule()),
          Map.of(),
          SearchAttributes.EMPTY,
          payloads(stored.memo()),
          CONVERTER);
    }

    @Override
    public void update(Functions.Func1<ScheduleUpdateInput, ScheduleUpdate> updater) {
      ScheduleDescription description = describe();
      call("update " + id);
      Schedule schedule = updater.apply(new ScheduleUpdateInput(description)).getSchedule();
      schedules.computeIfPresent(id, (k, old) -> new Stored(schedule, old.memo()));
    }

    @Override
    public void delete() {
      call("delete " + id);
      if (schedules.remove(id) == null) {
        throw status(Status.Code.NOT_FOUND);
      }
    }

    @Override
    public void backfill(List<ScheduleBackfill> backfills) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void pause(String note) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void pause() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void trigger(io.temporal.api.enums.v1.ScheduleOverlapPolicy overlapPolicy) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void trigger() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void unpause(String note) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void unpause() {
      throw new UnsupportedOperationException();
    }
  }
}
