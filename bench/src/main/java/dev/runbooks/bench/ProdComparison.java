package dev.runbooks.bench;

import dev.runbooks.bench.core.Format;
import dev.runbooks.bench.core.Machine;
import dev.runbooks.bench.core.Report;
import dev.runbooks.bench.core.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * scripts/prod-bench.sh's last step: reads the figures of the overhead suite measured on the dev
 * server and on the production topology ({@code --figures} files of two {@link BenchMain} runs),
 * prints them side by side, writes them into docs/benchmarks.md as the section {@code production}
 * (after the overhead section) and prints the line for docs/reliability.md. Arguments ({@code
 * --name=value}): {@code dev}, {@code prod} (the figure files), {@code doc} (blank: write nothing),
 * {@code prod-label} (how the page names the production topology).
 */
public final class ProdComparison {
  /** The section id in docs/benchmarks.md. */
  public static final String SECTION = "production";

  private ProdComparison() {}

  /** Compares, writes the page, prints the table and the line for docs/reliability.md. */
  public static void main(String[] args) throws IOException {
    Map<String, String> given = BenchMain.parse(args);
    Map<String, String> dev = read(Path.of(required(given, "dev")));
    Map<String, String> prod = read(Path.of(required(given, "prod")));
    String label = given.getOrDefault("prod-label", prod.getOrDefault("server", "external"));
    String section = section(dev, prod, label, Machine.current().describe());
    System.out.println();
    System.out.println(section);
    String doc = given.getOrDefault("doc", "");
    if (!doc.isBlank()) {
      Path page = Path.of(doc);
      String existing = Files.exists(page) ? Files.readString(page) : "";
      Files.writeString(page, Report.upsert(existing, SECTION, section, "overhead"));
      System.out.println("prod-bench: wrote the production section of " + page);
    }
    System.out.println("prod-bench: for docs/reliability.md:");
    System.out.println(reliabilityLine(dev, prod));
  }

  private static String required(Map<String, String> given, String name) {
    String value = given.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("--" + name + "=FILE (a --figures file) is required");
    }
    return value;
  }

  /** A {@code name=value} file as written by {@code BenchMain --figures}. */
  static Map<String, String> read(Path file) throws IOException {
    Map<String, String> figures = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        figures.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    if (!figures.containsKey("overhead.interpreter.runsPerSecond")) {
      throw new IOException(file + " has no figures of the overhead suite (did it run?)");
    }
    return figures;
  }

  /** The section: where, when and how, then one table with a column per server. */
  static String section(
      Map<String, String> dev, Map<String, String> prod, String label, String machine) {
    Table.Builder table =
        Table.builder(
            "Ten HTTP probes, overhead suite, one run on each server",
            "figure",
            "dev server",
            "production topology");
    row(table, "throughput, interpreter, runs/s", dev, prod, f -> number(f, "interpreter"));
    row(table, "throughput, hand-written, runs/s", dev, prod, f -> number(f, "java"));
    row(
        table,
        "ratio hand-written / interpreter (1.00 = no overhead)",
        dev,
        prod,
        f -> Format.ratio(ratio(f)));
    if (dev.containsKey("overhead.worker.runsPerSecond")
        || prod.containsKey("overhead.worker.runsPerSecond")) {
      row(table, "throughput, runbook worker jar, runs/s", dev, prod, f -> number(f, "worker"));
    }
    row(
        table,
        "run latency one at a time, mean ms (interpreter / hand-written)",
        dev,
        prod,
        f ->
            Format.millis(value(f, "overhead.interpreter.latencyMeanMs"))
                + " / "
                + Format.millis(value(f, "overhead.java.latencyMeanMs")));
    row(
        table,
        "history events per run (interpreter / hand-written)",
        dev,
        prod,
        f ->
            f.getOrDefault("overhead.interpreter.events", "n/a")
                + " / "
                + f.getOrDefault("overhead.java.events", "n/a"));
    row(table, "Temporal server version", dev, prod, f -> f.get("overhead.serverVersion"));
    row(table, "load average when the suite began", dev, prod, f -> f.get("overhead.load"));
    row(table, "measured at", dev, prod, f -> f.get("overhead.date"));
    table.note(
        "Dev server: "
            + dev.getOrDefault("server", "?")
            + ". Production topology: "
            + label
            + ". The same suite (`OverheadSuite`: its own worker process on its own task queue,"
            + " in namespace "
            + prod.getOrDefault("namespace", "runbook-bench")
            + " on the production server) with "
            + prod.getOrDefault("overhead.rounds", "?")
            + " rounds of "
            + prod.getOrDefault("overhead.sequential", "?")
            + " sequential runs and a batch of "
            + prod.getOrDefault("overhead.batch", "?")
            + " per kind, one after the other on the same machine ("
            + machine
            + "); one run each, so read the ratios rather than the absolute figures.");
    return "### Production topology\n\n" + table.build().markdown() + "\n";
  }

  private interface Cell {
    String of(Map<String, String> figures);
  }

  private static void row(
      Table.Builder table,
      String name,
      Map<String, String> dev,
      Map<String, String> prod,
      Cell cell) {
    table.row(name, nonNull(cell.of(dev)), nonNull(cell.of(prod)));
  }

  private static String nonNull(String s) {
    return s == null ? "n/a" : s;
  }

  private static String number(Map<String, String> figures, String kind) {
    return Format.number(value(figures, "overhead." + kind + ".runsPerSecond"));
  }

  private static double value(Map<String, String> figures, String name) {
    String v = figures.get(name);
    try {
      return v == null ? Double.NaN : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Hand-written runs/s over interpreter runs/s. */
  static double ratio(Map<String, String> figures) {
    return value(figures, "overhead.java.runsPerSecond")
        / value(figures, "overhead.interpreter.runsPerSecond");
  }

  /** One line with the figures, for the Production topology section of docs/reliability.md. */
  static String reliabilityLine(Map<String, String> dev, Map<String, String> prod) {
    return String.join(
        "",
        List.of(
            "- Throughput (the overhead suite of `make bench`, batches of ",
            prod.getOrDefault("overhead.batch", "?"),
            ", scripts/prod-bench.sh): production topology ",
            number(prod, "interpreter"),
            " runs/s through the interpreter and ",
            number(prod, "java"),
            " hand-written (ratio ",
            Format.ratio(ratio(prod)),
            "), dev server ",
            number(dev, "interpreter"),
            " and ",
            number(dev, "java"),
            " (ratio ",
            Format.ratio(ratio(dev)),
            "); ",
            prod.getOrDefault("overhead.interpreter.events", "n/a"),
            " history events per interpreter run; load average ",
            prod.getOrDefault("overhead.load", "?"),
            " (production) and ",
            dev.getOrDefault("overhead.load", "?"),
            " (dev) at the start; docs/benchmarks.md \"Production topology\"."));
  }
}
