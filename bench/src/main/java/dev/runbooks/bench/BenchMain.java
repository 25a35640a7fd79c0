package dev.runbooks.bench;

import dev.runbooks.bench.compiler.CompilerSuite;
import dev.runbooks.bench.core.BenchContext;
import dev.runbooks.bench.core.BenchOptions;
import dev.runbooks.bench.core.ExternalTemporal;
import dev.runbooks.bench.core.GoalsReport;
import dev.runbooks.bench.core.IssueGoal;
import dev.runbooks.bench.core.Machine;
import dev.runbooks.bench.core.Ports;
import dev.runbooks.bench.core.Report;
import dev.runbooks.bench.core.Stack;
import dev.runbooks.bench.core.Suite;
import dev.runbooks.bench.core.Table;
import dev.runbooks.bench.latency.LatencySuite;
import dev.runbooks.bench.latency.PrioritySuite;
import dev.runbooks.bench.latency.StormSuite;
import dev.runbooks.bench.latency.TuningSuite;
import dev.runbooks.bench.overhead.OverheadSuite;
import dev.runbooks.bench.overhead.StepsSuite;
import dev.runbooks.bench.recovery.RecoverySuite;
import dev.runbooks.bench.scale.ScaleSuite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code make bench}: runs the selected suites against a real Temporal dev server and a worker
 * process, prints each suite's tables and writes them into docs/benchmarks.md, with the lines each
 * suite measured of the issue #20 goals table at the top ({@link GoalsReport}). Arguments ({@code
 * --name=value}): {@code root}, {@code temporal} (the CLI), {@code worker-jar}, {@code work-dir},
 * {@code doc} (blank: write nothing), {@code suites} (comma-separated; default all; {@code none}
 * only rewrites the page from its template), {@code worker-java-opts} (space-separated), {@code
 * ports} (a range {@code FIRST-LAST} for the bench's own listeners; default any free port), {@code
 * figures} (a file for the measured figures as {@code name=value} lines). With {@code
 * temporal-address=host:port} the bench starts no dev server and measures on that server instead,
 * in its own namespace ({@code namespace}, default {@code runbook-bench}), with the worker's
 * database from the environment variable {@code BENCH_DATABASE_URL}; only the {@code overhead}
 * suite runs there. Suite knobs are system properties {@code -Dbench.*}, listed in
 * docs/benchmarks.md.
 */
public final class BenchMain {
  /** Every suite in the order {@code make bench} runs them. */
  public static final List<Suite> SUITES =
      List.of(
          new RecoverySuite(),
          new StepsSuite(),
          new LatencySuite(),
          new StormSuite(),
          new PrioritySuite(),
          new CompilerSuite(),
          new OverheadSuite(),
          new ScaleSuite(),
          new TuningSuite());

  private BenchMain() {}

  /** Runs the benchmarks; exits 0 when every selected suite ran (met goals or not), else 1. */
  public static void main(String[] args) throws Exception {
    Map<String, String> given = parse(args);
    BenchOptions options = options(given, System.getenv());
    List<Suite> selected = select(options.suites());
    Machine machine = Machine.current();
    String server =
        options.external() == null ? serverKind(options.temporalBin()) : external(options);
    System.out.println("bench: machine " + machine.describe());
    System.out.println("bench: Temporal " + server);
    Map<String, String> sections = new LinkedHashMap<>();
    Map<IssueGoal, GoalsReport.Line> goals = new EnumMap<>(IssueGoal.class);
    int failed = 0;
    try (BenchContext context = new BenchContext(options)) {
      Thread hook = new Thread(() -> closeQuietly(context));
      Runtime.getRuntime().addShutdownHook(hook);
      for (Suite suite : selected) {
        String load = Machine.loadAverage();
        String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        System.out.println("bench: === " + suite.title() + " ===");
        List<Table> tables;
        try {
          tables = suite.run(context);
        } catch (Exception | AssertionError e) {
          failed++;
          context.takeGoals(); // a suite that failed fills no line of the goals table
          System.err.println("bench: suite " + suite.id() + " failed: " + e);
          e.printStackTrace();
          continue;
        }
        GoalsReport.Measured where = new GoalsReport.Measured(suite.id(), date, load);
        for (IssueGoal.Result result : context.takeGoals()) {
          goals.put(result.goal(), new GoalsReport.Line(result, where));
        }
        String env =
            Report.environment(machine, context.stackStarted() ? server : "not used", date, load);
        String section = Report.section(suite.title(), env, tables);
        context.figure(suite.id() + ".load", load);
        context.figure(suite.id() + ".date", date);
        context.figure("server", context.stackStarted() ? server : "not used");
        context.figure(
            "namespace", options.external() == null ? "default" : options.external().namespace());
        writeFigures(options, context);
        System.out.println();
        System.out.println(section);
        sections.put(suite.id(), section);
        if (options.doc() != null) {
          Report.write(options.doc(), sections, goals);
        }
      }
      Runtime.getRuntime().removeShutdownHook(hook);
    }
    if (options.doc() != null) {
      Report.write(options.doc(), sections, goals);
      System.out.println("bench: wrote " + options.doc());
    }
    System.out.println(
        "bench: " + sections.size() + " suites measured, " + failed + " failed to run");
    System.exit(failed == 0 ? 0 : 1);
  }

  private static void closeQuietly(BenchContext context) {
    try {
      context.close();
    } catch (RuntimeException e) {
      // shutting down anyway
    }
  }

  /** The suites named, in the order given; all when the list is blank. */
  static List<Suite> select(List<String> names) {
    if (names.isEmpty()) {
      return SUITES;
    }
    if (names.equals(List.of("none"))) {
      return List.of(); // only rewrite the page from the template, keeping its sections
    }
    List<Suite> selected = new ArrayList<>();
    for (String name : names) {
      Suite suite =
          SUITES.stream()
              .filter(s -> s.id().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no suite '"
                              + name
                              + "'; known: "
                              + SUITES.stream().map(Suite::id).toList()));
      selected.add(suite);
    }
    return selected;
  }

  /** {@code --name=value} arguments as a map. */
  static Map<String, String> parse(String[] args) {
    Map<String, String> given = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
      }
      given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    return given;
  }

  private static void writeFigures(BenchOptions options, BenchContext context) throws IOException {
    if (options.figures() == null) {
      return;
    }
    StringBuilder out = new StringBuilder();
    context.figures().forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
    Files.writeString(options.figures(), out.toString());
  }

  /** The only suite that runs against an external Temporal server. */
  static final String EXTERNAL_SUITE = "overhead";

  /**
   * The options from the arguments and the environment (only {@code BENCH_DATABASE_URL} is read).
   *
   * @throws IllegalArgumentException for an option that cannot be used, naming it
   */
  static BenchOptions options(Map<String, String> given, Map<String, String> env)
      throws IOException {
    Path root = Path.of(given.getOrDefault("root", ".")).toAbsolutePath().normalize();
    String doc = given.getOrDefault("doc", root.resolve("docs/benchmarks.md").toString());
    String workDir = given.get("work-dir");
    String figures = given.getOrDefault("figures", "");
    ExternalTemporal external = ExternalTemporal.from(given, env);
    List<String> suites = words(given.getOrDefault("suites", ""), ",");
    if (external != null) {
      if (suites.isEmpty()) {
        suites = List.of(EXTERNAL_SUITE);
      } else if (!suites.equals(List.of(EXTERNAL_SUITE))) {
        throw new IllegalArgumentException(
            "--temporal-address runs only the "
                + EXTERNAL_SUITE
                + " suite (the others need the dev server the bench starts); got --suites="
                + String.join(",", suites));
      }
    } else if (given.containsKey("namespace")) {
      throw new IllegalArgumentException(
          "--namespace is for --temporal-address; the dev server uses namespace default");
    }
    return new BenchOptions(
        root,
        Path.of(given.getOrDefault("temporal", root.resolve(".tools/bin/temporal").toString())),
        Path.of(
            given.getOrDefault(
                "worker-jar", root.resolve("worker/target/runbook-worker-dev.jar").toString())),
        workDir == null ? Files.createTempDirectory("runbook-bench") : Path.of(workDir),
        doc.isBlank() ? null : Path.of(doc),
        suites,
        words(given.getOrDefault("worker-java-opts", ""), " "),
        external,
        Ports.parse(given.get("ports")),
        figures.isBlank() ? null : Path.of(figures));
  }

  /** How the report names an external server. */
  private static String external(BenchOptions options) {
    return "external server at "
        + options.external().address()
        + " (namespace "
        + options.external().namespace()
        + ")";
  }

  private static List<String> words(String text, String separator) {
    return Arrays.stream(text.split(separator))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /** What the Temporal CLI says it is, as the report names the server. */
  static String serverKind(Path temporal) {
    try {
      Process p =
          new ProcessBuilder(temporal.toString(), "--version").redirectErrorStream(true).start();
      String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      List<String> args = Stack.temporalArgs();
      return "`temporal server start-dev "
          + String.join(" ", args)
          + "` ("
          + version
          + "), SQLite file, separate process";
    } catch (IOException e) {
      return "`temporal server start-dev` (version unknown: " + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "`temporal server start-dev`";
    }
  }
}
