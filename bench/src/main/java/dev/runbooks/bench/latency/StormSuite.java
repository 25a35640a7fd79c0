package dev.runbooks.bench.latency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.bench.core.Alerts;
import dev.runbooks.bench.core.BenchContext;
import dev.runbooks.bench.core.BenchOptions;
import dev.runbooks.bench.core.Format;
import dev.runbooks.bench.core.Goal;
import dev.runbooks.bench.core.Http;
import dev.runbooks.bench.core.Loader;
import dev.runbooks.bench.core.Stack;
import dev.runbooks.bench.core.Stats;
import dev.runbooks.bench.core.Suite;
import dev.runbooks.bench.core.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An alert storm: {@code bench.storm.alerts} (10,000) {@code BenchStorm} alerts over {@code
 * bench.storm.fingerprints} (1,000) fingerprints, posted as fast as {@code bench.storm.connections}
 * (64) concurrent requests allow. Each fingerprint must start exactly one run of {@code
 * bench-storm} (its repeats signal the run or fall in its cooldown) and no alert may be lost.
 */
public final class StormSuite implements Suite {
  private static final List<String> BAD_STATES =
      List.of("failed", "unmatched", "ignored", "suppressed");

  private final Http http = new Http();

  @Override
  public String id() {
    return "storm";
  }

  @Override
  public String title() {
    return "Alert storm";
  }

  @Override
  public List<Table> run(BenchContext context) throws Exception {
    int alerts = BenchOptions.setting("storm.alerts", 10_000);
    int fingerprints = BenchOptions.setting("storm.fingerprints", 1_000);
    int connections = BenchOptions.setting("storm.connections", 64);
    Stack stack = context.stack();
    String tag = "storm" + System.nanoTime();
    List<String> bodies = new ArrayList<>(alerts);
    for (int i = 0; i < alerts; i++) {
      String fingerprint = tag + "-" + (i % fingerprints);
      bodies.add(
          Http.JSON.writeValueAsString(
              Alerts.firing(
                  "BenchStorm",
                  Map.of("instance", context.probe().hostPort(), "job", "bench"),
                  fingerprint)));
    }
    long t0 = System.nanoTime();
    List<Loader.Sent> sent;
    try (Loader loader = new Loader()) {
      sent = loader.asFastAsPossible(stack.api() + "/webhooks/alertmanager", bodies, connections);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long accepted = sent.stream().filter(s -> s.status() == 202).count();
    Stats webhook = Stats.of(sent.stream().map(Loader.Sent::millis).toList());
    long drainStart = System.nanoTime();
    boolean drained =
        Loader.await(
            Duration.ofSeconds(BenchOptions.setting("storm.drainSeconds", 300)),
            () -> count(stack, "pending") == 0);
    double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
    String query = "WorkflowType = 'bench-storm'";
    long[] runs = {-1};
    // Visibility trails the starts a little: wait until the count stops moving.
    Loader.await(
        Duration.ofSeconds(60),
        () -> {
          long before = runs[0];
          runs[0] = stack.client().countWorkflows(query).getCount();
          return runs[0] == before && runs[0] >= fingerprints;
        });
    int lost = 0;
    StringBuilder lostStates = new StringBuilder();
    for (String state : BAD_STATES) {
      int n = count(stack, state);
      lost += n;
      if (n > 0) {
        lostStates.append(' ').append(state).append('=').append(n);
      }
    }
    lost += (int) (alerts - accepted);
    double perSecond = accepted / seconds;
    Goal rateGoal = Goal.atLeast(1000, "alerts/s");
    Goal p99Goal = Goal.atMost(100, "ms");
    Goal runsGoal = Goal.exactly(fingerprints, "");
    Goal lostGoal = Goal.exactly(0, "");
    Table.Builder table =
        Table.builder(
                "Storm of "
                    + alerts
                    + " alerts over "
                    + fingerprints
                    + " fingerprints, "
                    + connections
                    + " connections",
                "figure",
                "value",
                "goal",
                "met")
            .row(
                "accepted alerts/s",
                Format.number(perSecond),
                rateGoal.text(),
                rateGoal.verdict(perSecond))
            .row("webhook p50 ms", Format.millis(webhook.p50()), "", "")
            .row(
                "webhook p99 ms",
                Format.millis(webhook.p99()),
                p99Goal.text(),
                p99Goal.verdict(webhook.p99()))
            .row("runs started", Long.toString(runs[0]), runsGoal.text(), runsGoal.verdict(runs[0]))
            .row(
                "alerts lost",
                lost + (lostStates.length() > 0 ? " (" + lostStates.toString().trim() + ")" : ""),
                lostGoal.text(),
                lostGoal.verdict(lost))
            .row(
                "inbox drained after the last POST, s",
                drained
                    ? Format.number(drainSeconds)
                    : "not within "
                        + Format.number(drainSeconds)
                        + " (still pending: "
                        + count(stack, "pending")
                        + (count(stack, "pending") >= 100 ? "+" : "")
                        + ")",
                "",
                "");
    table.note(
        "accepted/s = alerts answered 202 / wall time from the first POST to the last answer."
            + " Runs started = Temporal's count of `bench-storm` executions (visibility, after the"
            + " inbox drained or `bench.storm.drainSeconds` passed: rows still pending then are"
            + " shown beside the drain time, not as lost). Lost = alerts not answered 202 plus"
            + " inbox rows failed, unmatched, ignored or suppressed (`/api/alerts?state=`, at most "
            + "100 counted per state); repeats of a fingerprint signal its run (`repeated`) or meet"
            + " its cooldown, neither is a loss.");
    return List.of(table.build());
  }

  /** How many rows are in a state (at most 100); retried a few times over a transient error. */
  private int count(Stack stack, String state) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        JsonNode page = http.get(stack.api() + "/api/alerts?state=" + state + "&limit=100");
        return page.path("count").asInt();
      } catch (java.io.IOException e) {
        if (attempt >= 5) {
          throw e;
        }
        Thread.sleep(1000);
      }
    }
  }
}
