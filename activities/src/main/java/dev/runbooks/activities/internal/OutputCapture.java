package dev.runbooks.activities.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads one output stream of a process on its own thread, keeping the first {@code cap} bytes and
 * draining (and counting) the rest, so a chatty process never blocks on a full pipe.
 */
final class OutputCapture {
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private final int cap;
  private final CompletableFuture<Void> done;
  private long total;

  private OutputCapture(InputStream in, int cap, Executor executor) {
    this.cap = cap;
    this.done = CompletableFuture.runAsync(() -> drain(in), executor);
  }

  /** Starts reading the stream on the executor. */
  static OutputCapture start(InputStream in, int cap, Executor executor) {
    return new OutputCapture(in, cap, executor);
  }

  private void drain(InputStream in) {
    byte[] buffer = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        synchronized (this) {
          int keep = Math.min(n, Math.max(0, cap - kept.size()));
          kept.write(buffer, 0, keep);
          total += n;
        }
      }
    } catch (IOException e) {
      // The stream closes when the process is killed; what was read so far is kept.
    }
  }

  /** Waits up to the given time for the stream to end; returns whether it did. */
  boolean await(long timeoutMillis) {
    try {
      done.get(timeoutMillis, TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The kept bytes as UTF-8 text (malformed input replaced). */
  synchronized String text() {
    return kept.toString(StandardCharsets.UTF_8);
  }

  /** How many bytes were written in all, kept or not. */
  synchronized long total() {
    return total;
  }

  /** Whether more than {@code cap} bytes were written. */
  synchronized boolean truncated() {
    return total > cap;
  }
}
