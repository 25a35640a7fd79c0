package dev.runbooks.starter.dispatch.internal;

import dev.runbooks.starter.inbox.internal.InboxRow;
import dev.runbooks.starter.inbox.internal.MaintenanceWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * Dispatches a claimed batch with several Temporal calls in flight: the rows are routed first,
 * split into {@link BatchGroups} (rows sharing a workflow id stay together, in order), and the
 * groups run on a small pool ({@code runbook.intake.dispatcher.parallelism}, 8 by default; 1
 * dispatches row after row in the loop's thread). The outcomes come back in batch order for the
 * caller to record in its transaction. A group stops at its first {@link
 * TemporalCalls.Unavailable}, and before a row the caller's {@code stop} test refuses (the pass was
 * cut short); its later rows get no result and stay pending.
 */
public final class BatchDispatch implements AutoCloseable {
  /** A row's result: an outcome, or the failure of its dispatch; and when it was dispatched. */
  record Result(RowDispatch.Outcome outcome, RuntimeException failure, Instant at) {}

  /** The default of {@code runbook.intake.dispatcher.parallelism}. */
  public static final int DEFAULT_PARALLELISM = 8;

  private final RowDispatch rows;
  private final int parallelism;
  private final AtomicInteger threads = new AtomicInteger();
  private ExecutorService pool; // guarded by this; made on first use, again after close()

  /** Dispatches with at most {@code parallelism} groups (so Temporal calls) in flight. */
  BatchDispatch(RowDispatch rows, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException(
          "runbook.intake.dispatcher.parallelism must be at least 1, not " + parallelism);
    }
    this.rows = rows;
    this.parallelism = parallelism;
  }

  private synchronized ExecutorService pool() {
    if (pool == null) {
      pool =
          Executors.newFixedThreadPool(
              parallelism,
              r -> {
                Thread t = new Thread(r, "alert-dispatch-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
    }
    return pool;
  }

  /**
   * Dispatches the batch; one result per row in batch order, null for rows left undispatched
   * because Temporal became unavailable before their turn.
   */
  List<Result> dispatch(List<InboxRow> batch, List<MaintenanceWindow> active) {
    return dispatch(batch, active, routings -> null, i -> false);
  }

  /**
   * Dispatches the batch under the guard rails {@code prepare} loads (in the caller's thread, once
   * the rows are routed; it may answer null for none). Before each row it asks {@code stop} with
   * the row's index: true leaves that row and the later rows of its group undispatched.
   */
  List<Result> dispatch(
      List<InboxRow> batch,
      List<MaintenanceWindow> active,
      Function<List<RowDispatch.Routing>, DispatchRails> prepare,
      IntPredicate stop) {
    Result[] results = new Result[batch.size()];
    List<RowDispatch.Routing> routings = new ArrayList<>(batch.size());
    List<Set<String>> ids = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      try {
        RowDispatch.Routing routing = rows.route(batch.get(i));
        routings.add(routing);
        ids.add(rows.workflowIds(routing));
      } catch (RuntimeException e) {
        routings.add(null);
        ids.add(Set.of());
        results[i] = new Result(null, e, Instant.now());
      }
    }
    DispatchRails rails = prepare.apply(routings);
    // The batch comes in priority order; within a group, rows go in the order they arrived.
    List<List<Integer>> groups =
        BatchGroups.of(ids).stream()
            .map(g -> g.stream().sorted(Comparator.comparingLong(i -> batch.get(i).id())).toList())
            .toList();
    List<Future<?>> running = new ArrayList<>();
    for (List<Integer> group : groups) {
      Runnable task = () -> group(group, batch, routings, active, rails, results, stop);
      if (groups.size() == 1 || parallelism == 1) {
        task.run();
      } else {
        running.add(pool().submit(task));
      }
    }
    awaitAll(running);
    return Arrays.asList(results);
  }

  private void group(
      List<Integer> group,
      List<InboxRow> batch,
      List<RowDispatch.Routing> routings,
      List<MaintenanceWindow> active,
      DispatchRails rails,
      Result[] results,
      IntPredicate stop) {
    for (int i : group) {
      if (results[i] != null) {
        continue; // its routing failed
      }
      if (stop.test(i)) {
        return; // the pass was cut short: this row and the group's later rows wait for the next
      }
      Instant at = Instant.now();
      try {
        results[i] =
            new Result(rows.dispatch(batch.get(i), routings.get(i), active, rails, at), null, at);
      } catch (TemporalCalls.Unavailable e) {
        results[i] = new Result(null, e, at);
        return;
      } catch (RuntimeException e) {
        results[i] = new Result(null, e, at);
      }
    }
  }

  /** Waits for every group, even when interrupted: a group may have started runs already. */
  private static void awaitAll(List<Future<?>> running) {
    boolean interrupted = false;
    for (Future<?> f : running) {
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          throw new IllegalStateException("dispatch group failed", e.getCause());
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the pool's threads (a later dispatch makes a new pool). */
  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.shutdownNow();
      pool = null;
    }
  }
}
