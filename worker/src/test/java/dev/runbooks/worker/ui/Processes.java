package dev.runbooks.worker.ui;

import java.util.concurrent.TimeUnit;

/** Stopping the programs the web page tests start (the Temporal dev server, Chromium). */
final class Processes {
  private Processes() {}

  /** Asks a process to end, and kills it if it has not ended within 10 seconds. */
  static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
