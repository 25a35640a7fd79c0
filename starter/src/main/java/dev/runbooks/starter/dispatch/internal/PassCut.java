package dev.runbooks.starter.dispatch.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * Decides when a dispatcher pass stops starting the rows it claimed, so that a storm's batch never
 * holds back an alert that should go first: when this process stores an alert that ranks above a
 * row still to start ({@code priority}), or once the pass has dispatched for its budget ({@code
 * budget}: alerts stored by another replica, or overdue since the claim, are found by the next
 * claim). The rows left stay pending and the next pass ranks the inbox again at once; the first row
 * a pass asks about always starts, so every pass makes progress. Thread-safe: the webhooks' writers
 * report arrivals while the dispatch threads ask.
 */
final class PassCut {
  /** Why a pass was cut, as the {@code reason} tag of {@code runbook_dispatcher_passes_cut}. */
  enum Reason {
    PRIORITY,
    BUDGET;

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final long budgetNanos;
  private final AtomicInteger arrived = new AtomicInteger(Integer.MAX_VALUE);

  /** Cuts passes after {@code budget} of dispatching. */
  PassCut(Duration budget) {
    this.budgetNanos = budget.toNanos();
  }

  /** A pass's view: its rows' ranks, its deadline, and why it was cut (first reason), if it was. */
  static final class Pass implements IntPredicate {
    private final int[] ranks;
    private final long deadline;
    private final AtomicInteger arrived;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile Reason reason;

    private Pass(int[] ranks, long deadline, AtomicInteger arrived) {
      this.ranks = ranks;
      this.deadline = deadline;
      this.arrived = arrived;
    }

    /**
     * Whether the row at {@code index} must no longer start. The first row asked always starts, so
     * every pass makes progress however small its budget.
     */
    @Override
    public boolean test(int index) {
      if (!started.getAndSet(true)) {
        return false;
      }
      if (reason != null) {
        return true;
      }
      if (ranks[index] > arrived.get()) {
        reason = Reason.PRIORITY;
      } else if (System.nanoTime() - deadline > 0) {
        reason = Reason.BUDGET;
      }
      return reason != null;
    }

    /** Why the pass stopped starting its rows; null when it started all it could. */
    Reason reason() {
      return reason;
    }
  }

  /**
   * Called just before a claim: forgets earlier arrivals (the claim sees them, or they arrive again
   * after it).
   */
  void claiming() {
    arrived.set(Integer.MAX_VALUE);
  }

  /** Begins dispatching a claimed batch whose rows have these ranks, in batch order. */
  Pass begin(List<Integer> ranks) {
    return new Pass(
        ranks.stream().mapToInt(Integer::intValue).toArray(),
        System.nanoTime() + budgetNanos,
        arrived);
  }

  /** An alert of this rank was stored: rows ranked after it stop starting. */
  void arrived(int rank) {
    arrived.accumulateAndGet(rank, Math::min);
  }
}
