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
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs runbook test files ({@code *.test.yaml}): the public entry point of the tester, which {@code
 * bin/runbook test} and Maven tests call.
 *
 * <p>Each path is a test file or a directory searched (at any depth, skipping {@code schema} and
 * hidden directories) for test files. A file's runbook is looked up by name among the runbooks of
 * the directory given (for a file: its directory), then of the directories above it (up to three
 * levels), so a test file beside its runbook finds the runbooks its {@code call} steps start too.
 * All cases of all files share one in-process Temporal test server and run one after another.
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
    Map<String, List<List<String>>> paths2 = new LinkedHashMap<>();
    Harness harness = null;
    int seq = 0;
    try {
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
        if (harness == null) {
          harness = new Harness();
        }
        harness.publish(sources(treeOf(entry, catalogs)));
        tested.putIfAbsent(test.runbook(), entry.compiled());
        List<CaseResult> cases = new ArrayList<>();
        for (TestFile.Case c : test.cases()) {
          if (!options.selects(test.runbook(), c.name())) {
            continue;
          }
          CaseResult r = CaseRunner.run(harness, test, c, label, options, ++seq);
          cases.add(r);
          paths2.computeIfAbsent(test.runbook(), k -> new ArrayList<>()).add(r.path());
        }
        results.add(new FileResult(label, test.runbook(), cases, List.of()));
      }
    } finally {
      if (harness != null) {
        harness.close();
      }
    }
    List<Coverage> coverage = new ArrayList<>();
    tested.forEach(
        (name, compiled) ->
            coverage.add(Coverage.of(compiled, paths2.getOrDefault(name, List.of()))));
    return new TestSuiteResult(
        results, coverage, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
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
