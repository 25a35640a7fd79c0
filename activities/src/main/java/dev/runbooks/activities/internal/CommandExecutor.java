package dev.runbooks.activities.internal;

import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.activities.StepFailures;
import dev.runbooks.language.Durations;
import dev.runbooks.language.steps.ActionRequest;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Executes {@code command} steps: runs the argv as it is with {@link ProcessBuilder}, never through
 * a shell, so values from alerts can only ever be single arguments or environment values. The
 * result is {@code {exitCode, stdout, stderr, stdoutTruncated, stderrTruncated, json, durationMs,
 * argv}}, and {@code json} is stdout parsed when it is one JSON value, else null. The whole result
 * stays under a cap ({@link #DEFAULT_RESULT_CAP}, or the system property {@code
 * runbook.command.result-cap} in bytes), far below Temporal's 2 MB payload limit: stderr keeps at
 * most a quarter of it, stdout the rest, and {@code json} is parsed only when stdout and its parsed
 * copy fit together; otherwise {@code json} is null and {@code jsonOmitted} says why. Whatever was
 * cut is marked: {@code stdoutTruncated}, {@code stderrTruncated}, with the full sizes in {@code
 * stdoutBytes} and {@code stderrBytes}.
 */
final class CommandExecutor implements StepExecutor {
  /** The largest result, in characters of stdout, stderr and parsed stdout together. */
  public static final int DEFAULT_RESULT_CAP = 256 * 1024;

  /**
   * The cap of this worker: the system property {@code runbook.command.result-cap}, else 256 KiB.
   */
  static final int OUTPUT_CAP =
      Integer.getInteger("runbook.command.result-cap", DEFAULT_RESULT_CAP);

  private static final int STDERR_TAIL = 1000;
  private static final long OUTPUT_GRACE_MILLIS = 2000;
  private static final ExecutorService IO = Executors.newCachedThreadPool(daemonThreads());

  private final Duration heartbeatInterval;

  /** An executor that heartbeats every second while a command runs. */
  CommandExecutor() {
    this(Heartbeats.INTERVAL);
  }

  /** An executor that heartbeats at the given interval while a command runs (tests). */
  CommandExecutor(Duration heartbeatInterval) {
    this.heartbeatInterval = heartbeatInterval;
  }

  @Override
  public String type() {
    return "command";
  }

  @Override
  public Map<String, Object> execute(ActionRequest request, StepContext ctx) {
    CommandConfig config = CommandConfig.bind(request.config());
    ProcessBuilder builder = new ProcessBuilder(config.argv());
    try {
      builder.environment().putAll(config.env());
    } catch (IllegalArgumentException e) {
      throw StepFailures.invalidConfig("command", "env", "cannot be set: " + e.getMessage());
    }
    if (config.workingDir() != null) {
      builder.directory(config.workingDir().toFile());
    }
    long started = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          "cannot start '" + config.programName() + "': " + e.getMessage(),
          StepFailures.COMMAND_START_FAILED,
          e);
    }
    OutputCapture stdout = OutputCapture.start(process.getInputStream(), OUTPUT_CAP, IO);
    OutputCapture stderr = OutputCapture.start(process.getErrorStream(), OUTPUT_CAP / 4, IO);
    feedStdin(process.getOutputStream(), config.stdin());
    boolean finished = false;
    try {
      finished = waitFor(process, config.timeout(), started, ctx);
    } catch (InterruptedException e) {
      throw StepFailures.interrupted("waiting for '" + config.programName() + "'");
    } finally {
      if (!finished) {
        ProcessTree.destroy(process);
      }
    }
    stdout.await(OUTPUT_GRACE_MILLIS);
    stderr.await(OUTPUT_GRACE_MILLIS);
    long durationMs = (System.nanoTime() - started) / 1_000_000;
    Map<String, Object> result =
        result(config, finished ? (long) process.exitValue() : null, stdout, stderr, durationMs);
    if (!finished) {
      throw StepFailures.retryable(
          "'"
              + config.programName()
              + "' timed out after "
              + Durations.format(config.timeout())
              + " and was killed with its child processes",
          StepFailures.COMMAND_TIMEOUT,
          result);
    }
    long exitCode = process.exitValue();
    if (!config.expectExitCodes().contains(exitCode)) {
      throw StepFailures.retryable(
          "'"
              + config.programName()
              + "' exited with "
              + exitCode
              + ", expected "
              + (config.expectExitCodes().size() == 1
                  ? config.expectExitCodes().get(0)
                  : config.expectExitCodes())
              + "; stderr: "
              + JsonValues.tail(stderr.text().strip(), STDERR_TAIL),
          StepFailures.COMMAND_FAILED,
          result);
    }
    return result;
  }

  private boolean waitFor(Process process, Duration timeout, long started, StepContext ctx)
      throws InterruptedException {
    long deadline = started + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return process.waitFor(0, TimeUnit.NANOSECONDS);
      }
      if (process.waitFor(Math.min(left, heartbeatInterval.toNanos()), TimeUnit.NANOSECONDS)) {
        return true;
      }
      ctx.heartbeat(Map.of("elapsedMs", (System.nanoTime() - started) / 1_000_000));
    }
  }

  private static void feedStdin(OutputStream in, String stdin) {
    if (stdin == null) {
      closeQuietly(in);
      return;
    }
    CompletableFuture.runAsync(
        () -> {
          try (in) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
          } catch (IOException e) {
            // The command exited or closed its input without reading all of it.
          }
        },
        IO);
  }

  private static void closeQuietly(OutputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // Nothing to do: the process is gone.
    }
  }

  private static Map<String, Object> result(
      CommandConfig config,
      Long exitCode,
      OutputCapture stdout,
      OutputCapture stderr,
      long durationMs) {
    String err = stderr.text();
    String out = stdout.text();
    int room = Math.max(0, OUTPUT_CAP - err.length());
    boolean outTruncated = stdout.truncated();
    if (out.length() > room) {
      out = out.substring(0, room);
      outTruncated = true;
    }
    Object json = outTruncated ? null : JsonValues.parseOr(out, null);
    String jsonOmitted = null;
    if (json != null && 2L * out.length() > room) {
      json = null;
      jsonOmitted =
          "stdout ("
              + out.length()
              + " characters) and its parsed copy do not fit in the result cap of "
              + OUTPUT_CAP
              + "; parse result.stdout instead";
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("exitCode", exitCode);
    result.put("stdout", out);
    result.put("stderr", err);
    result.put("stdoutTruncated", outTruncated);
    result.put("stderrTruncated", stderr.truncated());
    if (outTruncated) {
      result.put("stdoutBytes", stdout.total());
    }
    if (stderr.truncated()) {
      result.put("stderrBytes", stderr.total());
    }
    result.put("json", json);
    if (jsonOmitted != null) {
      result.put("jsonOmitted", jsonOmitted);
    }
    result.put("durationMs", durationMs);
    result.put("argv", List.copyOf(config.argv()));
    return result;
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "runbook-command-io-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
