package dev.runbooks.starter.intake.internal;

import dev.runbooks.starter.inbox.internal.InboxDelivery;
import dev.runbooks.starter.inbox.internal.InboxStore;
import dev.runbooks.starter.inbox.internal.IntakeMetrics;
import dev.runbooks.starter.intake.WebhookProperties;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhooks' group commit: requests hand their notification over and wait; a few writer threads
 * ({@code runbook.intake.webhook.writers}) each take the requests waiting at that moment (up to
 * {@code batch-max-rows} alerts) and store them in one transaction ({@link
 * InboxStore#acceptAll(List)}), so a storm costs one commit, one fsync and a few statements per
 * batch instead of per request. A request's answer completes only after the transaction holding its
 * rows committed: stored before 202, as with one transaction per request. After the commit the
 * writer, not the request's thread, counts the alerts and wakes the dispatcher with their
 * severities (so a pass holding lower ones can stop early).
 *
 * <p>A batch that fails stores nothing (one transaction) and fails only its own requests. When the
 * database refused the data (SQLSTATE classes 22, 23, 54: a value it cannot store), the batch's
 * requests are stored again one by one, each in its own transaction, so that only the request that
 * carries the bad value fails; a deadlock or serialization failure (class 40) retries the batch.
 * Any other failure (the database is unreachable) fails every request of the batch at once.
 */
public final class GroupCommit implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
  private static final int ATTEMPTS = 3;

  /** A request waiting for its rows to be committed. */
  private record Pending(InboxDelivery delivery, CompletableFuture<Optional<List<Long>>> answer) {}

  private final InboxStore store;
  private final IntakeMetrics metrics;
  private final Consumer<Set<String>> afterCommit;
  private final int maxRows;
  private final long maxWaitNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition waiting = lock.newCondition();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>(); // guarded by lock
  private int queuedRows; // guarded by lock
  private boolean closed; // guarded by lock
  private final List<Thread> writers = new ArrayList<>();

  /**
   * Starts the writers.
   *
   * @param afterCommit runs on a writer after each batch that stored alerts, with the severities of
   *     the alerts stored, as given ("" for none); it wakes the dispatcher
   */
  public GroupCommit(
      InboxStore store,
      IntakeMetrics metrics,
      WebhookProperties settings,
      Consumer<Set<String>> afterCommit) {
    this.store = store;
    this.metrics = metrics;
    this.afterCommit = afterCommit;
    this.maxRows = settings.batchMaxRows();
    this.maxWaitNanos = settings.batchMaxWait().toNanos();
    for (int i = 1; i <= settings.writers(); i++) {
      Thread t = new Thread(this::write, "webhook-writer-" + i);
      t.setDaemon(true);
      writers.add(t);
      t.start();
    }
  }

  /**
   * Queues a notification; the answer completes after its transaction committed, with its inbox ids
   * or empty for a replay, or exceptionally with why it was not stored.
   */
  public CompletableFuture<Optional<List<Long>>> submit(InboxDelivery delivery) {
    CompletableFuture<Optional<List<Long>>> answer = new CompletableFuture<>();
    lock.lock();
    try {
      if (closed) {
        answer.completeExceptionally(new IllegalStateException("the webhooks are shutting down"));
        return answer;
      }
      queue.add(new Pending(delivery, answer));
      queuedRows += delivery.weight();
      waiting.signal();
    } finally {
      lock.unlock();
    }
    return answer;
  }

  private void write() {
    try {
      List<Pending> batch;
      while ((batch = next()) != null) {
        commit(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The next batch: what waits now (after up to batch-max-wait); null once closed and empty. */
  private List<Pending> next() throws InterruptedException {
    lock.lock();
    try {
      while (queue.isEmpty()) {
        if (closed) {
          return null;
        }
        waiting.await();
      }
      long deadline = System.nanoTime() + maxWaitNanos;
      long left;
      while (queuedRows < maxRows && !closed && (left = deadline - System.nanoTime()) > 0) {
        waiting.awaitNanos(left);
      }
      List<Pending> batch = new ArrayList<>();
      int rows = 0;
      while (!queue.isEmpty()) {
        int weight = queue.peek().delivery().weight();
        if (!batch.isEmpty() && rows + weight > maxRows) {
          break;
        }
        batch.add(queue.poll());
        rows += weight;
        queuedRows -= weight;
      }
      if (!queue.isEmpty()) {
        waiting.signal(); // another writer takes the rest now
      }
      return batch;
    } finally {
      lock.unlock();
    }
  }

  private void commit(List<Pending> batch) {
    try {
      Set<String> severities = new HashSet<>();
      if (store(batch, severities)) {
        afterCommit.accept(severities);
      }
    } catch (RuntimeException e) {
      log.warn("webhook group commit: {}", e.toString(), e);
    } finally {
      for (Pending p : batch) {
        if (!p.answer().isDone()) {
          p.answer().completeExceptionally(new IllegalStateException("not stored"));
        }
      }
    }
  }

  /** Stores a batch and completes its answers; whether any alert was stored. */
  private boolean store(List<Pending> batch, Set<String> severities) {
    List<InboxDelivery> deliveries = batch.stream().map(Pending::delivery).toList();
    for (int attempt = 1; ; attempt++) {
      try {
        return completed(batch, store.acceptAll(deliveries), severities);
      } catch (RuntimeException e) {
        String state = sqlState(e);
        if (state.startsWith("40") && attempt < ATTEMPTS) {
          log.debug("group commit of {} requests: {} (SQLSTATE {}), again", batch.size(), e, state);
        } else if (batch.size() > 1 && isData(state)) {
          log.warn(
              "group commit of {} requests refused (SQLSTATE {}); storing them one by one",
              batch.size(),
              state);
          return alone(batch, severities);
        } else {
          for (Pending p : batch) {
            p.answer().completeExceptionally(e);
          }
          return false;
        }
      }
    }
  }

  private boolean alone(List<Pending> batch, Set<String> severities) {
    boolean any = false;
    for (Pending p : batch) {
      try {
        any |= completed(List.of(p), store.acceptAll(List.of(p.delivery())), severities);
      } catch (RuntimeException e) {
        p.answer().completeExceptionally(e);
      }
    }
    return any;
  }

  private boolean completed(
      List<Pending> batch, List<Optional<List<Long>>> ids, Set<String> severities) {
    boolean any = false;
    for (int i = 0; i < batch.size(); i++) {
      Optional<List<Long>> stored = ids.get(i);
      if (stored.isPresent()) {
        InboxDelivery delivery = batch.get(i).delivery();
        metrics.received(delivery.source(), stored.get().size());
        any |= !stored.get().isEmpty();
        delivery.alerts().forEach(a -> severities.add(a.severity() == null ? "" : a.severity()));
      }
      batch.get(i).answer().complete(stored);
    }
    return any;
  }

  private static boolean isData(String state) {
    return state.startsWith("22") || state.startsWith("23") || state.startsWith("54");
  }

  /** The SQLSTATE of the first SQL exception among the causes, or "" when there is none. */
  static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return "";
  }

  /**
   * Stops taking requests; the writers commit what was queued before, then end (waiting up to 30
   * seconds for them).
   */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      waiting.signalAll();
    } finally {
      lock.unlock();
    }
    for (Thread t : writers) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
