package dev.runbooks.bench.latency;

import dev.runbooks.bench.core.Alerts;
import dev.runbooks.bench.core.BenchContext;
import dev.runbooks.bench.core.BenchOptions;
import dev.runbooks.bench.core.Format;
import dev.runbooks.bench.core.Http;
import dev.runbooks.bench.core.IssueGoal;
import dev.runbooks.bench.core.Loader;
import dev.runbooks.bench.core.Stack;
import dev.runbooks.bench.core.Suite;
import dev.runbooks.bench.core.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Critical alerts amid a warning storm: {@code bench.priority.alerts} (10,000) {@code
 * BenchPriority} alerts labelled {@code severity=warning} over {@code bench.priority.fingerprints}
 * (1,000) fingerprints, posted as fast as {@code bench.priority.connections} (64) concurrent
 * requests allow; once half of them were answered, {@code bench.priority.critical} (20) alerts
 * labelled {@code severity=critical}, a new fingerprint each, posted open-loop at {@code
 * bench.priority.criticalRate} (10) a second on connections of their own. Measures each critical
 * alert's POST → its run's first step (the probe of {@code bench-priority} reaching the bench's
 * endpoint), the warnings' drain, that nothing is lost and that exactly one run starts per
 * fingerprint. Fills the priority lines of the issue #20 goals table.
 */
public final class PrioritySuite implements Suite {
  static final String RUNBOOK = "bench-priority";

  @Override
  public String id() {
    return "priority";
  }

  @Override
  public String title() {
    return "Priority: critical alerts amid a warning storm";
  }

  @Override
  public List<Table> run(BenchContext context) throws Exception {
    int alerts = BenchOptions.setting("priority.alerts", 10_000);
    int fingerprints = BenchOptions.setting("priority.fingerprints", 1_000);
    int connections = BenchOptions.setting("priority.connections", 64);
    int criticals = BenchOptions.setting("priority.critical", 20);
    double criticalRate = BenchOptions.setting("priority.criticalRate", 10.0);
    Stack stack = context.stack();
    Inbox inbox = new Inbox(stack);
    Inbox.Bad before = inbox.bad();
    String tag = "prio" + System.nanoTime();
    List<String> warnings = new ArrayList<>(alerts);
    for (int i = 0; i < alerts; i++) {
      warnings.add(body(context, tag + "-w" + (i % fingerprints), "warning"));
    }
    List<String> critical = new ArrayList<>(criticals);
    List<String> criticalFingerprints = new ArrayList<>(criticals);
    for (int i = 0; i < criticals; i++) {
      criticalFingerprints.add(tag + "-c" + i);
      critical.add(body(context, criticalFingerprints.get(i), "critical"));
    }
    String url = stack.api() + "/webhooks/alertmanager";
    ExecutorService background = Executors.newSingleThreadExecutor();
    long t0 = System.nanoTime();
    List<Loader.Sent> warningsSent;
    List<Loader.Sent> criticalSent;
    int pendingThen;
    long lastPost;
    try (Loader storm = new Loader();
        Loader urgent = new Loader()) {
      CompletableFuture<List<Loader.Sent>> posting =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return storm.asFastAsPossible(url, warnings, connections);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new CompletionException(e);
                }
              },
              background);
      Loader.await(
          Duration.ofSeconds(600), () -> storm.answered() >= alerts / 2 || posting.isDone());
      pendingThen = inbox.count("pending");
      criticalSent = urgent.atRate(url, critical, criticalRate);
      warningsSent = posting.join();
      lastPost = System.nanoTime();
    } finally {
      background.shutdownNow();
    }
    double postSeconds = (lastPost - t0) / 1e9;
    LatencyRun urgentRuns =
        LatencyRun.collect(
            stack, context.probe(), RUNBOOK, criticalRate, criticalSent, criticalFingerprints);
    boolean drained =
        inbox.awaitDrained(Duration.ofSeconds(BenchOptions.setting("priority.drainSeconds", 300)));
    double drainSeconds = (System.nanoTime() - lastPost) / 1e9;
    String drain = drained ? Format.number(drainSeconds) : inbox.notDrained(drainSeconds);
    long expected = fingerprints + criticals;
    long runs = inbox.runs("WorkflowType = '" + RUNBOOK + "'", expected);
    Inbox.Bad bad = inbox.bad().since(before);
    long refused =
        warningsSent.stream().filter(s -> s.status() != 202).count() + urgentRuns.refused();
    long lost = bad.count() + refused;
    long accepted = warningsSent.stream().filter(s -> s.status() == 202).count();

    IssueGoal.Result p99 = firstStep(urgentRuns, alerts, fingerprints, criticals);
    context.goal(p99);
    context.goal(IssueGoal.PRIORITY_LOST.measured(lost, Long.toString(lost)));
    context.goal(IssueGoal.PRIORITY_RUNS.measured(runs == expected, runs + " of " + expected));
    boolean any = urgentRuns.firstStep().n() > 0;
    return List.of(
        Table.builder(
                "Warning storm of "
                    + alerts
                    + " alerts over "
                    + fingerprints
                    + " fingerprints ("
                    + connections
                    + " connections), "
                    + criticals
                    + " critical alerts posted in the middle",
                "figure",
                "value",
                "goal",
                "met")
            .row(
                "critical alert → first step started, p50 ms",
                any ? Format.millis(urgentRuns.firstStep().p50()) : "n/a",
                "",
                "")
            .row(
                "critical alert → first step started, p99 ms",
                any ? Format.millis(urgentRuns.firstStep().p99()) : "n/a",
                IssueGoal.PRIORITY_P99.goal().text(),
                p99.met() ? "yes" : "NO")
            .row(
                "critical alert → run started, p50 / p99 ms",
                any
                    ? Format.millis(urgentRuns.runStarted().p50())
                        + " / "
                        + Format.millis(urgentRuns.runStarted().p99())
                    : "n/a",
                "",
                "")
            .row(
                "critical alerts refused / runs missing",
                urgentRuns.refused() + " / " + urgentRuns.missing(),
                "",
                "")
            .row(
                "inbox rows pending when the critical alerts were posted",
                pendingThen >= 100 ? "100+" : Integer.toString(pendingThen),
                "",
                "")
            .row(
                "warnings posted in, s (accepted/s)",
                Format.number(postSeconds) + " (" + Format.number(accepted / postSeconds) + ")",
                "",
                "")
            .row("warnings' inbox drained after the last POST, s", drain, "", "")
            .row(
                "runs started",
                Long.toString(runs),
                "= " + expected,
                runs == expected ? "yes" : "NO")
            .row(
                "alerts lost",
                lost + (bad.states().isEmpty() ? "" : " (" + bad.states() + ")"),
                IssueGoal.PRIORITY_LOST.goal().text(),
                lost == 0 ? "yes" : "NO")
            .note(
                "First step = the critical run's probe reached the bench's endpoint (its own path,"
                    + " /ok/<fingerprint>), from the moment its POST was sent; run started = its"
                    + " WorkflowExecutionStarted event. The critical alerts start once half the"
                    + " warnings were answered, on connections of their own, so they wait behind"
                    + " the warning rows in the inbox, not behind the warning POSTs. Runs started"
                    + " = Temporal's count of `bench-priority` executions: one per warning"
                    + " fingerprint and one per critical alert. Lost = POSTs not answered 202"
                    + " plus inbox rows that became failed, unmatched, ignored or suppressed"
                    + " during the suite (at most 100 counted per state). The drain is timed from"
                    + " the last warning's answer until no row is pending"
                    + " (`bench.priority.drainSeconds`).")
            .build());
  }

  /**
   * The goal line of the critical alerts' p99 to the first step: met only when none was refused or
   * missing; the settings are named when they are not the goal's.
   */
  static IssueGoal.Result firstStep(LatencyRun run, int alerts, int fingerprints, int criticals) {
    String size =
        alerts == 10_000
            ? ""
            : "; "
                + criticals
                + " critical among "
                + alerts
                + " warnings over "
                + fingerprints
                + " fingerprints";
    int lost = run.refused() + run.missing();
    if (run.firstStep().n() == 0) {
      return IssueGoal.PRIORITY_P99.measured(
          false, "n/a (" + lost + " refused or missing" + size + ")");
    }
    String text =
        Format.millis(run.firstStep().p99())
            + " ms (p50 "
            + Format.millis(run.firstStep().p50())
            + (lost > 0 ? "; " + lost + " refused or missing" : "")
            + size
            + ")";
    return lost > 0
        ? IssueGoal.PRIORITY_P99.measured(false, text)
        : IssueGoal.PRIORITY_P99.measured(run.firstStep().p99(), text);
  }

  private static String body(BenchContext context, String fingerprint, String severity)
      throws Exception {
    return Http.JSON.writeValueAsString(
        Alerts.firing(
            "BenchPriority",
            Map.of("instance", context.probe().hostPort(), "job", "bench", "severity", severity),
            fingerprint));
  }
}
