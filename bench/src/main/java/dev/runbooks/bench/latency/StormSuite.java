package dev.runbooks.bench.latency;

import dev.runbooks.bench.core.Alerts;
import dev.runbooks.bench.core.BenchContext;
import dev.runbooks.bench.core.BenchOptions;
import dev.runbooks.bench.core.Format;
import dev.runbooks.bench.core.Goal;
import dev.runbooks.bench.core.Http;
import dev.runbooks.bench.core.IssueGoal;
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
 * bench-storm} (its repeats signal the run or fall in its cooldown) and no alert may be lost. Fills
 * the storm's lines of the issue #20 goals table.
 */
public final class StormSuite implements Suite {
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
    Inbox inbox = new Inbox(stack);
    Inbox.Bad before = inbox.bad();
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
        inbox.awaitDrained(Duration.ofSeconds(BenchOptions.setting("storm.drainSeconds", 300)));
    double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
    long runs = inbox.runs("WorkflowType = 'bench-storm'", fingerprints);
    Inbox.Bad bad = inbox.bad().since(before);
    int lost = bad.count() + (int) (alerts - accepted);
    double perSecond = accepted / seconds;
    String size =
        alerts == 10_000 && fingerprints == 1_000 && connections == 64
            ? ""
            : " ("
                + alerts
                + " alerts, "
                + fingerprints
                + " fingerprints, "
                + connections
                + " connections)";
    context.goal(IssueGoal.STORM_RATE.measured(perSecond, Format.number(perSecond) + size));
    context.goal(
        IssueGoal.STORM_P99.measured(
            webhook.p99(),
            Format.millis(webhook.p99()) + " ms (p50 " + Format.millis(webhook.p50()) + ")"));
    String drain = drained ? Format.number(drainSeconds) : inbox.notDrained(drainSeconds);
    context.goal(
        drained
            ? IssueGoal.STORM_DRAIN.measured(drainSeconds, drain + " s")
            : IssueGoal.STORM_DRAIN.measured(false, drain + " s"));
    context.goal(IssueGoal.STORM_LOST.measured(lost, Integer.toString(lost)));
    Goal runsGoal = Goal.exactly(fingerprints, "");
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
                IssueGoal.STORM_RATE.goal().text(),
                IssueGoal.STORM_RATE.goal().verdict(perSecond))
            .row("webhook p50 ms", Format.millis(webhook.p50()), "", "")
            .row(
                "webhook p99 ms",
                Format.millis(webhook.p99()),
                IssueGoal.STORM_P99.goal().text(),
                IssueGoal.STORM_P99.goal().verdict(webhook.p99()))
            .row("runs started", Long.toString(runs), runsGoal.text(), runsGoal.verdict(runs))
            .row(
                "alerts lost",
                lost + (bad.states().isEmpty() ? "" : " (" + bad.states() + ")"),
                IssueGoal.STORM_LOST.goal().text(),
                IssueGoal.STORM_LOST.goal().verdict(lost))
            .row(
                "inbox drained after the last POST, s",
                drain,
                IssueGoal.STORM_DRAIN.goal().text(),
                drained ? IssueGoal.STORM_DRAIN.goal().verdict(drainSeconds) : "NO");
    table.note(
        "accepted/s = alerts answered 202 / wall time from the first POST to the last answer."
            + " Runs started = Temporal's count of `bench-storm` executions (visibility, after the"
            + " inbox drained or `bench.storm.drainSeconds` passed: rows still pending then are"
            + " shown beside the drain time, not as lost). Lost = alerts not answered 202 plus"
            + " inbox rows that became failed, unmatched, ignored or suppressed during the suite"
            + " (`/api/alerts?state=`, at most 100 counted per state); repeats of a fingerprint"
            + " signal its run (`repeated`) or meet its cooldown, neither is a loss.");
    return List.of(table.build());
  }
}
