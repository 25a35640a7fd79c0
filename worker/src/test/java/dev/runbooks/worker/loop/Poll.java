package dev.runbooks.worker.loop;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polling for tests that wait on real processes: a probe asked until it gives a value. */
public final class Poll {
  private Poll() {}

  /**
   * Asks the probe every 100 ms until it gives a value other than null, and returns that value.
   *
   * @param <T> the value's type
   * @param what what is awaited, for the failure message
   * @param wait how long to ask
   * @param probe gives the value, or null while there is none
   * @param context what the parts show, added to the failure message
   * @throws AssertionError when the probe gave nothing within {@code wait}
   */
  public static <T> T until(String what, Duration wait, Callable<T> probe, Callable<String> context)
      throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      T value = probe.call();
      if (value != null) {
        return value;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "no " + what + " within " + wait.toSeconds() + " s\n" + context.call());
  }
}
