package dev.runbooks.bench.latency;

import dev.runbooks.bench.core.Alerts;
import dev.runbooks.bench.core.BenchOptions;
import dev.runbooks.bench.core.Http;
import dev.runbooks.bench.core.Loader;
import dev.runbooks.bench.core.ProbeServer;
import dev.runbooks.bench.core.Stack;
import dev.runbooks.bench.core.Stats;
import dev.runbooks.language.routing.AlertRouter;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One latency measurement: {@code count} {@code BenchProbe} alerts, each with a new fingerprint (so
 * each starts a {@code bench-probe} run), posted open-loop at a rate; then every run awaited and
 * its history read. A run's first step started when its probe's request reached the bench's
 * endpoint ({@code /ok/<fingerprint>}, {@link ProbeServer#firstAsked}), so an activity and a local
 * activity are timed alike.
 *
 * @param rate the rate asked for, per second
 * @param achieved the rate the sends reached
 * @param firstStep alert POST → the first step's probe reached the endpoint, ms
 * @param runStarted alert POST → WorkflowExecutionStarted, ms
 * @param completed alert POST → WorkflowExecutionCompleted, ms
 * @param webhook the webhook's answer times, ms
 * @param refused POSTs not answered 202
 * @param missing runs that did not complete within {@code bench.latency.drainSeconds} (60) after
 *     the last send
 */
public record LatencyRun(
    double rate,
    double achieved,
    Stats firstStep,
    Stats runStarted,
    Stats completed,
    Stats webhook,
    int refused,
    int missing) {

  /** The runbook the alerts start. */
  public static final String RUNBOOK = "bench-probe";

  /** Posts the alerts, waits for their runs and reads their histories. */
  public static LatencyRun measure(
      Stack stack, ProbeServer probe, double rate, int count, String tag) throws Exception {
    List<String> bodies = new ArrayList<>(count);
    List<String> fingerprints = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String fingerprint = tag + "-" + i;
      bodies.add(
          Http.JSON.writeValueAsString(
              Alerts.firing(
                  "BenchProbe",
                  Map.of("instance", probe.hostPort(), "job", "bench"),
                  fingerprint)));
      fingerprints.add(fingerprint);
    }
    List<Loader.Sent> sent;
    try (Loader loader = new Loader()) {
      sent = loader.atRate(stack.api() + "/webhooks/alertmanager", bodies, rate);
    }
    return collect(stack, probe, RUNBOOK, rate, sent, fingerprints);
  }

  /**
   * The figures of alerts already sent, one run each: waits for every run of {@code runbook} (the
   * workflow id from the fingerprint) and reads its history and its probe's arrival.
   *
   * @param sent the POSTs, in the order of {@code fingerprints}
   */
  public static LatencyRun collect(
      Stack stack,
      ProbeServer probe,
      String runbook,
      double rate,
      List<Loader.Sent> sent,
      List<String> fingerprints)
      throws Exception {
    double span =
        Duration.between(sent.get(0).at(), sent.get(sent.size() - 1).at()).toNanos() / 1e9;
    double achieved = span > 0 ? (sent.size() - 1) / span : Double.NaN;
    List<Double> first = new ArrayList<>();
    List<Double> started = new ArrayList<>();
    List<Double> done = new ArrayList<>();
    int refused = 0;
    int missing = 0;
    WorkflowClient client = stack.client();
    long deadline =
        System.nanoTime()
            + Duration.ofSeconds(BenchOptions.setting("latency.drainSeconds", 60)).toNanos();
    for (int i = 0; i < sent.size(); i++) {
      Loader.Sent s = sent.get(i);
      if (s.status() != 202) {
        refused++;
        continue;
      }
      String id = AlertRouter.workflowId(runbook, fingerprints.get(i));
      if (!awaitCompletion(client, id, deadline)) {
        missing++;
        continue;
      }
      RunHistory h = RunHistory.fetch(client, id);
      Instant reached = probe.firstAsked("/ok/" + fingerprints.get(i));
      if (reached == null || h.completed() == null) {
        missing++;
        continue;
      }
      first.add(millis(s.at(), reached));
      started.add(millis(s.at(), h.started()));
      done.add(millis(s.at(), h.completed()));
    }
    return new LatencyRun(
        rate,
        achieved,
        Stats.of(first),
        Stats.of(started),
        Stats.of(done),
        Stats.of(sent.stream().map(Loader.Sent::millis).toList()),
        refused,
        missing);
  }

  private static boolean awaitCompletion(WorkflowClient client, String id, long deadline)
      throws InterruptedException {
    while (System.nanoTime() < deadline) {
      try {
        WorkflowStub stub = client.newUntypedWorkflowStub(id);
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        stub.getResult(left, TimeUnit.MILLISECONDS, Object.class);
        return true;
      } catch (WorkflowNotFoundException e) {
        Thread.sleep(50); // still in the inbox
      } catch (TimeoutException e) {
        return false;
      } catch (WorkflowFailedException e) {
        return true; // closed, but not completed: its history has no completion
      }
    }
    return false;
  }

  private static double millis(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e6;
  }
}
