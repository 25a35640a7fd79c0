package dev.runbooks.bench.core;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Waiting for the stack's processes: a condition polled until a deadline, with the log's tail. */
final class Waits {
  private Waits() {}

  /** A condition; throws {@link IllegalStateException} when it can no longer become true. */
  interface Check {
    boolean ok();
  }

  /** Polls the check every 250 ms until it holds; else fails with the last lines of the log. */
  static void until(String what, Duration limit, Check check, Path log)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (check.ok()) {
          return;
        }
      } catch (IllegalStateException e) {
        throw new IOException(what + ": " + e.getMessage() + "; log: " + tail(log), e);
      }
      Thread.sleep(250);
    }
    throw new IOException(
        "gave up waiting for " + what + " after " + limit + "; log: " + tail(log));
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return log
          + "\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return log.toString();
    }
  }

  /** Whether something listens on this port of 127.0.0.1. */
  static boolean portOpen(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return socket.isConnected();
    } catch (IOException e) {
      return false;
    }
  }
}
