package dev.runbooks.workflows;

import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.ExternalWorkflowStub;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The lock workflow ({@link RunbookLockWorkflow}): signal handlers only record; the main loop
 * grants, answers and checks liveness, so every signal it sends goes out from one place, in order.
 */
public class RunbookLockWorkflowImpl implements RunbookLockWorkflow {
  /** The lock continues as new once its history holds this many events. */
  static final int HISTORY_LIMIT = 2_000;

  private static final Logger log = Workflow.getLogger(RunbookLockWorkflowImpl.class);

  private final LockActivities activities =
      Workflow.newLocalActivityStub(
          LockActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(10))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setMaximumInterval(Duration.ofSeconds(10))
                      .setMaximumAttempts(3)
                      .build())
              .build());

  private String name;
  private Entry holder;
  private final List<Entry> waiters = new ArrayList<>();

  /** Answers to send: workflow id, signal name, payload; in the order they were decided. */
  private final List<Notice> outbox = new ArrayList<>();

  private boolean changed;

  private record Notice(String workflowId, String signal, Map<String, Object> payload) {}

  /**
   * Registers the lock workflow and its activities ({@link TemporalLockActivities}) on a worker of
   * the {@code runbooks} task queue, beside {@link RunbookWorkflowImpl}.
   */
  public static void register(io.temporal.worker.Worker worker) {
    worker.registerWorkflowImplementationTypes(RunbookLockWorkflowImpl.class);
    worker.registerActivitiesImplementations(new TemporalLockActivities());
  }

  @Override
  public void run(State carried) {
    name =
        carried != null && carried.name() != null
            ? carried.name()
            : Workflow.getInfo().getWorkflowId().substring(ID_PREFIX.length());
    if (carried != null) {
      holder = carried.holder();
      waiters.addAll(carried.waiters());
    }
    long nextCheck = Workflow.currentTimeMillis() + LIVENESS_SECONDS * 1000L;
    while (true) {
      send();
      if (holder == null && !waiters.isEmpty()) {
        grant(waiters.remove(0));
        continue;
      }
      if (holder == null && waiters.isEmpty() && outbox.isEmpty()) {
        return; // nobody holds nor waits: a new request starts the lock again
      }
      long left = nextCheck - Workflow.currentTimeMillis();
      if (left <= 0) {
        dropClosedRuns();
        nextCheck = Workflow.currentTimeMillis() + LIVENESS_SECONDS * 1000L;
      } else {
        Workflow.await(Duration.ofMillis(left), () -> changed);
      }
      changed = false;
      if (outbox.isEmpty()
          && (Workflow.getInfo().getHistoryLength() > HISTORY_LIMIT
              || Workflow.getInfo().isContinueAsNewSuggested())) {
        Workflow.newContinueAsNewStub(RunbookLockWorkflow.class)
            .run(new State(name, holder, waiters));
      }
    }
  }

  @Override
  public void acquire(Request request) {
    changed = true;
    if (holder != null && holder.is(request.workflowId(), request.requestId())) {
      notice(holder, RunbookWorkflow.SIGNAL_LOCK_GRANTED, null); // asked again: still granted
      return;
    }
    for (Entry waiter : waiters) {
      if (waiter.is(request.workflowId(), request.requestId())) {
        return;
      }
    }
    Entry entry = Entry.of(request, now());
    if (holder == null && waiters.isEmpty()) {
      waiters.add(entry); // the main loop grants it
    } else if (request.queue()) {
      waiters.add(entry);
      notice(entry, RunbookWorkflow.SIGNAL_LOCK_BUSY, Boolean.TRUE);
    } else {
      notice(entry, RunbookWorkflow.SIGNAL_LOCK_BUSY, Boolean.FALSE);
    }
  }

  @Override
  public void release(Release release) {
    changed = true;
    if (holder != null && holder.is(release.workflowId(), release.requestId())) {
      log.info("lock {} released by {}", name, holder.workflowId());
      holder = null;
      return;
    }
    waiters.removeIf(w -> w.is(release.workflowId(), release.requestId()));
  }

  @Override
  public State state() {
    return new State(name, holder, waiters);
  }

  private void grant(Entry next) {
    holder =
        new Entry(
            next.workflowId(), next.chain(), next.requestId(), next.runbook(), next.step(), now());
    notice(holder, RunbookWorkflow.SIGNAL_LOCK_GRANTED, null);
    for (Entry waiter : waiters) {
      notice(waiter, RunbookWorkflow.SIGNAL_LOCK_BUSY, Boolean.TRUE); // tells them the new holder
    }
  }

  /** Queues a signal to a run: granted (queued null), or busy (queued: whether it waits). */
  private void notice(Entry to, String signal, Boolean queued) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("lock", name);
    payload.put("requestId", to.requestId());
    if (queued != null) {
      payload.put("queued", queued);
      if (holder != null) {
        payload.put("holder", holder.workflowId());
        payload.put("holderSince", holder.since());
      }
    }
    outbox.add(new Notice(to.workflowId(), signal, payload));
  }

  /** Sends the queued answers; a run that no longer exists loses the lock or its place. */
  private void send() {
    while (!outbox.isEmpty()) {
      Notice notice = outbox.remove(0);
      ExternalWorkflowStub run = Workflow.newUntypedExternalWorkflowStub(notice.workflowId());
      try {
        run.signal(notice.signal(), notice.payload());
      } catch (SignalExternalWorkflowException | ApplicationFailure gone) {
        log.info("lock {}: run {} is gone ({})", name, notice.workflowId(), gone.getMessage());
        gone(notice.workflowId());
      }
    }
  }

  private void dropClosedRuns() {
    List<Entry> parties = new ArrayList<>(waiters);
    if (holder != null) {
      parties.add(0, holder);
    }
    if (parties.isEmpty()) {
      return;
    }
    List<String> closed;
    try {
      closed = activities.closed(parties);
    } catch (io.temporal.failure.ActivityFailure unknown) {
      log.warn("lock {}: cannot check its runs now: {}", name, unknown.getMessage());
      return;
    }
    closed.forEach(this::gone);
  }

  private void gone(String workflowId) {
    if (holder != null && holder.workflowId().equals(workflowId)) {
      log.info("lock {}: holder {} closed; the lock is free", name, workflowId);
      holder = null;
    }
    waiters.removeIf(w -> w.workflowId().equals(workflowId));
    outbox.removeIf(n -> n.workflowId().equals(workflowId));
  }

  private static String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }
}
