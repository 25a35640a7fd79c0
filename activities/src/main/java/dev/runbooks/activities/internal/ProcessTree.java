package dev.runbooks.activities.internal;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Ends a process and every process it started. */
final class ProcessTree {
  private static final long GRACE_MILLIS = 2000;

  private ProcessTree() {}

  /**
   * Asks the process and its descendants to terminate, waits a short grace period, then kills
   * whatever is left. The descendants are listed before anything is signalled, so children that
   * outlive their parent are still found.
   */
  static void destroy(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    descendants.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
    boolean interrupted = false;
    while (System.nanoTime() < deadline
        && (process.isAlive() || descendants.stream().anyMatch(ProcessHandle::isAlive))) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        interrupted = true;
        break;
      }
    }
    descendants.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
