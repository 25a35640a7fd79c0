package dev.runbooks.bench.latency;

import dev.runbooks.bench.core.BenchContext;
import dev.runbooks.bench.core.BenchOptions;
import dev.runbooks.bench.core.Format;
import dev.runbooks.bench.core.Http;
import dev.runbooks.bench.core.IssueGoal;
import dev.runbooks.bench.core.Loader;
import dev.runbooks.bench.core.ProbeServer;
import dev.runbooks.bench.core.Stack;
import dev.runbooks.bench.core.Suite;
import dev.runbooks.bench.core.Table;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Alert → first step started and alert → run completed, p50/p95/p99, at 10, 100 and 500 alerts per
 * second (open loop), each alert starting a run of {@code bench-probe}. Knobs: {@code
 * bench.latency.rates} (default {@code 10,100,500}), {@code bench.latency.seconds} (per rate,
 * default 10), {@code bench.latency.maxAlerts} (per rate, default 2000, so 500/s runs 4 s). The 10
 * and 100 alerts/s rows fill the issue #20 goals' lines (p99 to the first step ≤ 50 ms and ≤ 250
 * ms).
 */
public final class LatencySuite implements Suite {
  /** The goals of p99 alert → first step, by rate (alerts/s). */
  static final Map<Double, IssueGoal> GOALS =
      Map.of(10.0, IssueGoal.LATENCY_10, 100.0, IssueGoal.LATENCY_100);

  /** The issue #20 goal of a rate's p99 to the first step, or null when it has none. */
  static IssueGoal goal(double rate) {
    return GOALS.get(rate);
  }

  @Override
  public String id() {
    return "latency";
  }

  @Override
  public String title() {
    return "Alert latency";
  }

  @Override
  public List<Table> run(BenchContext context) throws Exception {
    String ratesText = System.getProperty("bench.latency.rates", "10,100,500");
    List<Double> rates = Arrays.stream(ratesText.split(",")).map(Double::parseDouble).toList();
    int seconds = BenchOptions.setting("latency.seconds", 10);
    int maxAlerts = BenchOptions.setting("latency.maxAlerts", 2000);
    Stack stack = context.stack();
    ProbeServer probe = context.probe();
    LatencyRun.measure(stack, probe, 20, 40, "warm-" + System.nanoTime()); // JIT, pools, caches
    Table.Builder table = table("Alert POST → first step started / run completed (bench-probe)");
    for (double rate : rates) {
      int count = (int) Math.min(maxAlerts, Math.round(rate * seconds));
      LatencyRun run =
          LatencyRun.measure(
              stack, probe, rate, count, "lat" + (int) rate + "-" + System.nanoTime());
      row(table, Format.number(rate) + "/s", count, run, goal(rate));
      if (goal(rate) != null) {
        context.goal(result(goal(rate), run));
      }
      // A backlog left by one rate would delay the next: wait until the inbox is empty.
      Loader.await(Duration.ofSeconds(120), () -> pending(stack) == 0);
    }
    notes(table);
    return List.of(table.build());
  }

  private static int pending(Stack stack) throws Exception {
    return new Http().get(stack.api() + "/api/alerts?state=pending&limit=1").path("count").asInt();
  }

  /** The latency table's header. */
  static Table.Builder table(String title) {
    return Table.builder(
        title,
        "load",
        "alerts",
        "sent/s",
        "first step p50 ms",
        "p95",
        "p99",
        "completed p50 ms",
        "p95",
        "p99",
        "run started p50 ms",
        "refused / missing",
        "goal (first step p99)",
        "met");
  }

  /** One row; the goal is shown on the rows that have one (null: none). */
  static void row(Table.Builder table, String load, int count, LatencyRun run, IssueGoal goal) {
    boolean any = run.firstStep().n() > 0;
    table.row(
        load,
        Integer.toString(count),
        Format.number(run.achieved()),
        any ? Format.millis(run.firstStep().p50()) : "n/a",
        any ? Format.millis(run.firstStep().p95()) : "n/a",
        any ? Format.millis(run.firstStep().p99()) : "n/a",
        any ? Format.millis(run.completed().p50()) : "n/a",
        any ? Format.millis(run.completed().p95()) : "n/a",
        any ? Format.millis(run.completed().p99()) : "n/a",
        any ? Format.millis(run.runStarted().p50()) : "n/a",
        run.refused() + " / " + run.missing(),
        goal != null ? goal.goal().text() : "",
        goal != null ? (result(goal, run).met() ? "yes" : "NO") : "");
  }

  /**
   * A rate's line of the goals table: its p99 to the first step, met only when no alert was refused
   * and no run missing.
   */
  static IssueGoal.Result result(IssueGoal goal, LatencyRun run) {
    int lost = run.refused() + run.missing();
    if (run.firstStep().n() == 0) {
      return goal.measured(false, "n/a (" + lost + " refused or missing)");
    }
    String text =
        Format.millis(run.firstStep().p99())
            + " ms (p50 "
            + Format.millis(run.firstStep().p50())
            + (lost > 0 ? "; " + lost + " refused or missing" : "")
            + ")";
    return lost > 0 ? goal.measured(false, text) : goal.measured(run.firstStep().p99(), text);
  }

  /** What the columns mean. */
  static void notes(Table.Builder table) {
    table.note(
        "Times from the moment the load generator sent the POST. First step = the probe's"
            + " request reached the bench's endpoint (a path of its own, /ok/<fingerprint>, on"
            + " the load generator's clock, so an activity and a local activity are timed alike);"
            + " completed and run started = the run's WorkflowExecutionCompleted and"
            + " WorkflowExecutionStarted history events (run started is the intake's share: inbox"
            + " commit, dispatcher pickup, start call). Open loop: the send times do not wait for"
            + " answers. refused = POSTs not answered 202; missing = runs not completed within 60"
            + " s (bench.latency.drainSeconds) after the last send. A goal is met only with"
            + " nothing refused or missing.");
  }
}
