package dev.runbooks.bench.core;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Posts webhook bodies to the worker, either open-loop at a fixed rate (the send times do not wait
 * for answers, so a slow server does not slow the load) or as fast as a number of connections
 * allow. Records for each POST the wall-clock time it was sent, with sub-millisecond precision from
 * one {@link Instant} and {@link System#nanoTime()}, and how long the answer took.
 */
public final class Loader implements AutoCloseable {
  /** One POST: when it was sent, its status (0 when it failed to send) and its latency. */
  public record Sent(Instant at, int status, double millis) {}

  private final ExecutorService executor = Executors.newFixedThreadPool(16);
  private final Http http = new Http(executor);
  private final Instant baseWall = Instant.now();
  private final long baseNanos = System.nanoTime();
  private final AtomicLong answered = new AtomicLong();

  /** The wall-clock time of a {@link System#nanoTime()} reading. */
  public Instant wall(long nanos) {
    return baseWall.plusNanos(nanos - baseNanos);
  }

  /**
   * Posts the bodies open-loop at {@code perSecond}; returns once every answer arrived (or failed).
   */
  public List<Sent> atRate(String url, List<String> bodies, double perSecond)
      throws InterruptedException {
    long start = System.nanoTime() + 5_000_000;
    long gap = (long) (1e9 / perSecond);
    List<CompletableFuture<Sent>> answers = new ArrayList<>(bodies.size());
    for (int i = 0; i < bodies.size(); i++) {
      long due = start + i * gap;
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      answers.add(send(url, bodies.get(i), null));
    }
    return collect(answers);
  }

  /** Posts the bodies as fast as {@code connections} concurrent requests allow. */
  public List<Sent> asFastAsPossible(String url, List<String> bodies, int connections)
      throws InterruptedException {
    Semaphore permits = new Semaphore(connections);
    List<CompletableFuture<Sent>> answers = new ArrayList<>(bodies.size());
    for (String body : bodies) {
      permits.acquire();
      answers.add(send(url, body, permits));
    }
    return collect(answers);
  }

  private CompletableFuture<Sent> send(String url, String body, Semaphore permits) {
    long sent = System.nanoTime();
    Instant at = wall(sent);
    return http.postAsync(url, body)
        .handle(
            (HttpResponse<String> response, Throwable failure) -> {
              answered.incrementAndGet();
              if (permits != null) {
                permits.release();
              }
              double millis = (System.nanoTime() - sent) / 1e6;
              return new Sent(at, failure == null ? response.statusCode() : 0, millis);
            });
  }

  /** How many POSTs of this loader were answered (or failed) so far. */
  public long answered() {
    return answered.get();
  }

  private static List<Sent> collect(List<CompletableFuture<Sent>> answers) {
    CompletableFuture.allOf(answers.toArray(new CompletableFuture<?>[0])).join();
    return answers.stream().map(CompletableFuture::join).toList();
  }

  /** Waits until the condition holds, polling every 100 ms; false when the time ran out. */
  public static boolean await(Duration limit, Check check) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (check.ok()) {
        return true;
      }
      Thread.sleep(100);
    }
    return check.ok();
  }

  /** A condition to wait for. */
  public interface Check {
    /** Whether it holds now. */
    boolean ok() throws Exception;
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
