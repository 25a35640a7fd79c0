package dev.runbooks.starter.dispatch.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The dispatcher's pause between passes: an idle pause ends early when {@link #wake()} was called
 * since the last one ended (a wake during a pass counts: the pass may have claimed its batch before
 * that row); a back-off after failures is never cut short. Thread-safe.
 */
final class IdlePause {
  private final Object lock = new Object();
  private boolean woken; // guarded by lock

  /** Ends the current idle pause at once, or the next one when none is under way. */
  void wake() {
    synchronized (lock) {
      woken = true;
      lock.notifyAll();
    }
  }

  /** Waits {@code pause}; an idle one ({@code wakeable}) ends early at a wake. */
  void pause(Duration pause, boolean wakeable) throws InterruptedException {
    long deadline = System.nanoTime() + pause.toNanos();
    synchronized (lock) {
      while (true) {
        if (wakeable && woken) {
          woken = false;
          return;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
    }
  }
}
