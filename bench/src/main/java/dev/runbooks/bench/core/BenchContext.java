package dev.runbooks.bench.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What suites share: the options, the probe endpoint, the bench catalog (the MINIMINIMOON seed
 * runbooks plus the bench runbooks), and the stack, started on first use and restarted when a suite
 * asks for other worker settings.
 */
public final class BenchContext implements AutoCloseable {
  /** The bench runbooks shipped in this jar under {@code runbooks/}. */
  public static final List<String> BENCH_RUNBOOKS =
      List.of(
          "bench-probe.yaml",
          "bench-storm.yaml",
          "bench-priority.yaml",
          "bench-ten-probes.yaml",
          "bench-scale-wait.yaml");

  private final BenchOptions options;
  private final ProbeServer probe;
  private final Path catalog;
  private Stack stack;
  private List<String> workerArgs = List.of();
  private final Map<String, String> figures = new LinkedHashMap<>();
  private final List<IssueGoal.Result> goals = new ArrayList<>();

  /** Starts the probe endpoint and writes the catalog. */
  public BenchContext(BenchOptions options) throws IOException {
    this.options = options;
    this.probe = ProbeServer.start(options.ports().ranged() ? options.ports().take() : 0);
    this.catalog = writeCatalog(options);
  }

  private static Path writeCatalog(BenchOptions options) throws IOException {
    Path catalog = Files.createDirectories(options.workDir().resolve("catalog"));
    Path moon = Files.createDirectories(catalog.resolve("miniminimoon"));
    try (Stream<Path> files = Files.list(options.root().resolve("runbooks-yaml/miniminimoon"))) {
      for (Path file :
          files.filter(dev.runbooks.language.catalog.TestFiles::isRunbookFile).toList()) {
        Files.copy(file, moon.resolve(file.getFileName()));
      }
    }
    Path bench = Files.createDirectories(catalog.resolve("bench"));
    for (String name : BENCH_RUNBOOKS) {
      Files.writeString(bench.resolve(name), runbook(name));
    }
    return catalog;
  }

  /** The text of a bench runbook shipped in this jar. */
  public static String runbook(String name) {
    try (InputStream in =
        Objects.requireNonNull(
            BenchContext.class.getResourceAsStream("/runbooks/" + name), "no runbook " + name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The options. */
  public BenchOptions options() {
    return options;
  }

  /** The local endpoint the bench runbooks probe. */
  public ProbeServer probe() {
    return probe;
  }

  /**
   * The stack with the worker started with exactly these extra arguments: started on first use, the
   * worker restarted when the arguments differ from the running one's.
   */
  public Stack stack(List<String> args) throws IOException, InterruptedException {
    if (stack == null) {
      stack = Stack.start(options, catalog, probe, args);
    } else if (!workerArgs.equals(args)) {
      stack.restartWorker(args);
    }
    workerArgs = List.copyOf(args);
    return stack;
  }

  /** The stack with the worker's default settings. */
  public Stack stack() throws IOException, InterruptedException {
    return stack(List.of());
  }

  /**
   * Records a measured figure under a name ({@code overhead.throughput.interpreter}) for the {@code
   * --figures} file, which scripts/prod-bench.sh compares.
   */
  public void figure(String name, String value) {
    figures.put(name, value);
  }

  /** The figures recorded so far, in the order recorded. */
  public Map<String, String> figures() {
    return java.util.Collections.unmodifiableMap(figures);
  }

  /** Records a figure of the issue #20 goals table, measured by the suite that is running. */
  public void goal(IssueGoal.Result result) {
    goals.add(result);
  }

  /** The goal figures recorded since the last call, which forgets them. */
  public List<IssueGoal.Result> takeGoals() {
    List<IssueGoal.Result> taken = List.copyOf(goals);
    goals.clear();
    return taken;
  }

  /** Whether a stack was started (so the report names the Temporal server). */
  public boolean stackStarted() {
    return stack != null;
  }

  @Override
  public void close() {
    if (stack != null) {
      stack.close();
    }
    probe.close();
  }
}
