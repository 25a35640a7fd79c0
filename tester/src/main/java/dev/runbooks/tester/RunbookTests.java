package dev.runbooks.tester;

import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.catalog.RunbookCatalog;
import dev.runbooks.language.catalog.TestFiles;
import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import dev.runbooks.workflows.RunbookSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs runbook test files ({@code *.test.yaml}): the public entry point of the tester, which {@code
 * bin/runbook test} and Maven tests call.
 *
 * <p>Each path is a test file or a directory searched (at any depth, skipping {@code schema} and
 * hidden directories) for test files. A file's runbook is looked up by name among the runbooks of
 * the directory given (for a file: its directory), then of the directories above it (up to three
 * levels), so a test file beside its runbook finds the runbooks its {@code call} steps start too.
 * Files run on a few in-process Temporal test servers at once (one per processor, at most 4); the
 * cases of a file run one after another on one server, since simulated time is global to it.
 */
public final class RunbookTests {
  private RunbookTests() {}

  /** Runs the test files under the paths with the options. */
  public static TestSuiteResult run(List<Path> paths, TestOptions options) {
    long started = System.nanoTime();
    List<Path[]> found = new ArrayList<>(); // {test file, root}
    List<FileResult> results = new ArrayList<>();
    for (Path path : paths) {
      try {
        found.addAll(find(path));
      } catch (IOException e) {
        results.add(
            new FileResult(
                label(path),
                null,
                List.of(),
                List.of(
                    new Problem(
                        new Location(label(path), 0, 0),
                        "",
                        "cannot be read: " + e.getMessage()))));
      }
    }
    Map<Path, RunbookCatalog> catalogs = new HashMap<>();
    Map<String, CompiledRunbook> tested = new TreeMap<>();
    List<Job> jobs = new ArrayList<>();
    for (Path[] f : found) {
      Path file = f[0];
      String label = label(file);
      TestFileReader.Result read;
      try {
        read = TestFileReader.read(Files.readString(file), file, label);
      } catch (IOException e) {
        results.add(
            new FileResult(
                label,
                null,
                List.of(),
                List.of(new Problem(new Location(label, 0, 0), "", "cannot be read: " + e))));
        continue;
      }
      if (read.file() == null) {
        results.add(new FileResult(label, null, List.of(), read.problems()));
        continue;
      }
      TestFile test = read.file();
      CatalogEntry entry = lookUp(test.runbook(), f[1], catalogs);
      if (entry == null) {
        results.add(
            new FileResult(
                label,
                test.runbook(),
                List.of(),
                List.of(
                    new Problem(
                        new Location(label, 1, 1),
                        "runbook",
                        "no runbook named '"
                            + test.runbook()
                            + "' compiles under "
                            + label(f[1])
                            + " (run bin/runbook validate to see why)"))));
        continue;
      }
      tested.putIfAbsent(test.runbook(), entry.compiled());
      jobs.add(new Job(results.size(), test, label, sources(treeOf(entry, catalogs))));
      results.add(null); // filled in when the job has run
    }
    Map<String, List<List<String>>> paths2 = new ConcurrentHashMap<>();
    runJobs(jobs, options, results, paths2);
    List<Coverage> coverage = new ArrayList<>();
    tested.forEach(
        (name, compiled) ->
            coverage.add(Coverage.of(compiled, paths2.getOrDefault(name, List.of()))));
    return new TestSuiteResult(
        results, coverage, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /** A test file ready to run, and where its result goes. */
  private record Job(int index, TestFile test, String label, Map<String, RunbookSource> tree) {}

  /**
   * Runs the jobs on as many test servers as the machine has processors (at most 4, or the system
   * property {@code runbook.test.parallelism}): each server takes the next file and runs its cases
   * one after another, since simulated time is global to a server.
   */
  private static void runJobs(
      List<Job> jobs,
      TestOptions options,
      List<FileResult> results,
      Map<String, List<List<String>>> paths) {
    if (jobs.isEmpty()) {
      return;
    }
    int wanted =
        Integer.getInteger(
            "runbook.test.parallelism", Math.min(4, Runtime.getRuntime().availableProcessors()));
    int servers = Math.max(1, Math.min(wanted, jobs.size()));
    Queue<Job> queue = new ConcurrentLinkedQueue<>(jobs);
    AtomicInteger seq = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(servers);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < servers; i++) {
        running.add(
            pool.submit(
                () -> {
                  Harness harness = new Harness();
                  try {
                    for (Job job = queue.poll(); job != null; job = queue.poll()) {
                      harness.publish(job.tree());
                      List<CaseResult> cases = new ArrayList<>();
                      for (TestFile.Case c : job.test().cases()) {
                        if (!options.selects(job.test().runbook(), c.name())) {
                          continue;
                        }
                        CaseResult r =
                            CaseRunner.run(
                                harness,
                                job.test(),
                                c,
                                job.label(),
                                options,
                                seq.incrementAndGet());
                        cases.add(r);
                        paths
                            .computeIfAbsent(
                                job.test().runbook(),
                                k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                            .add(r.path());
                        if (r.outcome() == null) {
                          // a run that did not end may hold the server's clock: the next case
                          // gets a fresh server
                          harness.close();
                          harness = new Harness();
                          harness.publish(job.tree());
                        }
                      }
                      synchronized (results) {
                        results.set(
                            job.index(),
                            new FileResult(job.label(), job.test().runbook(), cases, List.of()));
                      }
                    }
                  } finally {
                    harness.close();
                  }
                }));
      }
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while running test files", e);
        } catch (ExecutionException e) {
          throw new IllegalStateException("a test server failed: " + e.getCause(), e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The catalog the entry was found in (the runbooks its calls can start). */
  private static RunbookCatalog treeOf(CatalogEntry entry, Map<Path, RunbookCatalog> catalogs) {
    for (RunbookCatalog catalog : catalogs.values()) {
      if (catalog.find(entry.name()).map(e -> e.file().equals(entry.file())).orElse(false)) {
        return catalog;
      }
    }
    return null;
  }

  private static Map<String, RunbookSource> sources(RunbookCatalog catalog) {
    Map<String, RunbookSource> out = new LinkedHashMap<>();
    if (catalog != null) {
      for (CatalogEntry e : catalog.all()) {
        out.put(e.name(), new RunbookSource(e.name(), e.version(), label(e.file()), e.source()));
      }
    }
    return out;
  }

  private static CatalogEntry lookUp(String name, Path root, Map<Path, RunbookCatalog> catalogs) {
    Path dir = root.toAbsolutePath().normalize();
    for (int up = 0; up <= 3 && dir != null; up++, dir = dir.getParent()) {
      RunbookCatalog catalog = catalogs.computeIfAbsent(dir, RunbookCatalog::load);
      var entry = catalog.find(name);
      if (entry.isPresent()) {
        return entry.get();
      }
    }
    return null;
  }

  private static List<Path[]> find(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      if (!Files.isRegularFile(path)) {
        throw new IOException("no such file or directory");
      }
      Path parent = path.toAbsolutePath().getParent();
      return List.<Path[]>of(new Path[] {path, parent});
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile)
          .filter(TestFiles::isTestFile)
          .filter(p -> !hidden(path.relativize(p)))
          .sorted()
          .map(p -> new Path[] {p, path})
          .toList();
    }
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      String s = part.toString();
      if (s.startsWith(".") || s.equals("schema")) {
        return true;
      }
    }
    return false;
  }

  static String label(Path file) {
    return file.toString().replace(file.getFileSystem().getSeparator(), "/");
  }
}
