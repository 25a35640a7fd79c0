package dev.runbooks.bench.latency;

import dev.runbooks.bench.core.BenchContext;
import dev.runbooks.bench.core.BenchOptions;
import dev.runbooks.bench.core.Format;
import dev.runbooks.bench.core.Http;
import dev.runbooks.bench.core.Loader;
import dev.runbooks.bench.core.ProbeServer;
import dev.runbooks.bench.core.Stack;
import dev.runbooks.bench.core.Suite;
import dev.runbooks.bench.core.Table;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Before and after the intake tuning, side by side in one run: the alert latency of {@link
 * LatencySuite} with the worker restarted in each configuration. Before: the dispatcher polls the
 * inbox every 250 ms and dispatches row after row ({@code wake-on-accept=false}, {@code
 * parallelism=1}); after: the webhook wakes it once the notification is committed, and a pass has
 * up to 8 Temporal calls in flight (the defaults). Knobs: {@code bench.tuning.rates} ({@code
 * 10,100}), {@code bench.tuning.seconds} (5 per rate) and {@code bench.tuning.rounds} (2; the order
 * of the two configurations alternates by round, so a drift of the machine's load does not always
 * favour the same one).
 */
public final class TuningSuite implements Suite {
  /** A configuration of the worker: a name and its extra arguments. */
  record Variant(String name, List<String> args) {}

  static final List<Variant> VARIANTS =
      List.of(
          new Variant(
              "before: polls every 250 ms, row after row",
              List.of(
                  "--runbook.intake.dispatcher.wake-on-accept=false",
                  "--runbook.intake.dispatcher.parallelism=1")),
          new Variant("after: woken by the webhook, 8 in flight", List.of()));

  @Override
  public String id() {
    return "tuning";
  }

  @Override
  public String title() {
    return "Tuning: before and after";
  }

  @Override
  public List<Table> run(BenchContext context) throws Exception {
    String ratesText = System.getProperty("bench.tuning.rates", "10,100");
    List<Double> rates = Arrays.stream(ratesText.split(",")).map(Double::parseDouble).toList();
    int seconds = BenchOptions.setting("tuning.seconds", 5);
    ProbeServer probe = context.probe();
    Table.Builder table =
        LatencySuite.table("Alert latency before and after waking the dispatcher");
    int rounds = BenchOptions.setting("tuning.rounds", 2);
    for (int round = 1; round <= rounds; round++) {
      // Alternate which configuration goes first, so a drift of the machine's load between the
      // two does not always favour the same one.
      List<Variant> order = round % 2 == 1 ? VARIANTS : List.of(VARIANTS.get(1), VARIANTS.get(0));
      for (Variant variant : order) {
        Stack stack = context.stack(variant.args());
        LatencyRun.measure(stack, probe, 20, 40, "warm-" + System.nanoTime());
        for (double rate : rates) {
          int count = (int) Math.round(rate * seconds);
          LatencyRun run =
              LatencyRun.measure(
                  stack, probe, rate, count, "tune" + (int) rate + "-" + System.nanoTime());
          String load =
              "round " + round + ", " + variant.name() + ", " + Format.number(rate) + "/s";
          LatencySuite.row(table, load, count, run, LatencySuite.goal(rate));
          Loader.await(
              Duration.ofSeconds(120),
              () ->
                  new Http()
                          .get(stack.api() + "/api/alerts?state=pending&limit=1")
                          .path("count")
                          .asInt()
                      == 0);
        }
      }
    }
    context.stack(); // back to the default settings for the suites after this one
    LatencySuite.notes(table);
    table.note(
        "The worker is restarted for each configuration (same dev server, fresh inbox); its"
            + " other settings (slots, pollers, workflow cache) are its defaults in both.");
    return List.of(table.build());
  }
}
