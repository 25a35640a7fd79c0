package dev.runbooks.language.catalog;

import dev.runbooks.language.compile.Compilation;
import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.compile.RunbookCompiler;
import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import dev.runbooks.language.parse.ParseLimits;
import dev.runbooks.language.parse.SourceFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The runbooks a process serves, loaded from a directory of YAML files and kept by name.
 *
 * <p>{@link #reload()} scans the directory again (the worker calls it periodically) and reports
 * what changed. A file that does not compile is refused: when it used to hold a runbook in service,
 * the old version stays in service until the file is fixed or deleted. When two files declare the
 * same {@code metadata.name}, the file already in service keeps the name (otherwise the first in
 * path order) and the other is refused with a problem naming both files. Every version served since
 * the catalog was created stays available through {@link #version(String, String)}, so runs started
 * on an older version can still find their definition.
 *
 * <p>Thread-safe: reads see one consistent snapshot and never block; reloads run one at a time.
 */
public final class RunbookCatalog {
  /** An immutable view of the catalog between two reloads. */
  private record State(
      Map<String, CatalogEntry> byName,
      Map<Path, FileProblem> rejected,
      Map<String, CatalogEntry> history) {}

  /** The last compilation of a file, reused while its text stays the same. */
  private record Compiled(String source, Compilation compilation) {}

  private final Path directory;
  private final BiFunction<String, String, Compilation> compiler;
  private final ParseLimits limits;
  private final Clock clock;
  private final Object reloadLock = new Object();
  private final Map<Path, Compiled> compiledFiles = new HashMap<>();
  private volatile State state = new State(Map.of(), Map.of(), Map.of());

  /** A catalog of the directory using the standard compiler; empty until {@link #reload()}. */
  public RunbookCatalog(Path directory) {
    this(directory, RunbookCompiler.standard()::compile, Clock.systemUTC());
  }

  /**
   * A catalog of the directory, empty until {@link #reload()}.
   *
   * @param directory the directory to scan
   * @param compiler compiles a source text given the file label used in problem locations
   * @param clock gives {@link CatalogEntry#loadedAt()}
   */
  public RunbookCatalog(
      Path directory, BiFunction<String, String, Compilation> compiler, Clock clock) {
    this(directory, compiler, clock, ParseLimits.defaults());
  }

  /**
   * A catalog of the directory, empty until {@link #reload()}.
   *
   * @param directory the directory to scan
   * @param compiler compiles a source text given the file label used in problem locations
   * @param clock gives {@link CatalogEntry#loadedAt()}
   * @param limits the file size limit applies when reading files (larger ones are refused unread)
   */
  public RunbookCatalog(
      Path directory,
      BiFunction<String, String, Compilation> compiler,
      Clock clock,
      ParseLimits limits) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.compiler = Objects.requireNonNull(compiler, "compiler");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** Creates a catalog of the directory with the standard compiler and loads it once. */
  public static RunbookCatalog load(Path directory) {
    RunbookCatalog catalog = new RunbookCatalog(directory);
    catalog.reload();
    return catalog;
  }

  /** The directory this catalog scans. */
  public Path directory() {
    return directory;
  }

  /** The runbook in service under this name. */
  public Optional<CatalogEntry> find(String name) {
    return Optional.ofNullable(state.byName().get(name));
  }

  /** Every runbook in service, sorted by name. */
  public List<CatalogEntry> all() {
    return List.copyOf(state.byName().values());
  }

  /**
   * The plans of every runbook in service that has at least one trigger, sorted by name: what the
   * alert intake hands to {@link dev.runbooks.language.routing.AlertRouter#route}.
   */
  public List<CompiledRunbook> triggered() {
    return state.byName().values().stream()
        .map(CatalogEntry::compiled)
        .filter(c -> !c.definition().triggers().isEmpty())
        .toList();
  }

  /** A version of a runbook served at any time since this catalog was created. */
  public Optional<CatalogEntry> version(String name, String version) {
    return Optional.ofNullable(state.history().get(key(name, version)));
  }

  /** The files refused by the last reload, sorted by path, with every problem in each. */
  public List<FileProblem> problems() {
    return List.copyOf(state.rejected().values());
  }

  /**
   * The warnings of the files that compiled, as of the last reload, in path order: they do not stop
   * a runbook from being served (see {@link Compilation#warnings()}).
   */
  public List<Problem> warnings() {
    synchronized (reloadLock) {
      return compiledFiles.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .map(e -> e.getValue().compilation())
          .filter(Compilation::ok)
          .flatMap(c -> c.warnings().stream())
          .toList();
    }
  }

  /** Scans the directory again, updates the catalog and reports what changed. */
  public CatalogReport reload() {
    synchronized (reloadLock) {
      State old = state;
      RunbookFiles.Scan scan;
      try {
        scan = RunbookFiles.scan(directory);
      } catch (IOException e) {
        String label = RunbookFiles.label(directory);
        FileProblem problem =
            FileProblem.of(
                directory,
                label,
                "cannot read the runbook directory (" + RunbookFiles.describe(e) + ")");
        return publish(old, old.byName(), Map.of(directory, problem));
      }
      Map<Path, FileProblem> rejected = new TreeMap<>();
      scan.unreadable()
          .forEach(
              (file, reason) ->
                  rejected.put(
                      file,
                      FileProblem.of(
                          file,
                          RunbookFiles.label(file),
                          "cannot read the file (" + reason + ")")));
      Map<Path, CompiledRunbook> valid = new TreeMap<>();
      for (Path file : scan.files()) {
        compileFile(file, valid, rejected);
      }
      compiledFiles.keySet().retainAll(scan.files());
      Map<String, CatalogEntry> next = serve(old, valid, rejected);
      while (refuseCallCycles(old, next, valid, rejected)
          || BadCalls.refuse(next, valid, rejected)) {
        next = serve(old, valid, rejected);
      }
      return publish(old, next, rejected);
    }
  }

  private void compileFile(
      Path file, Map<Path, CompiledRunbook> valid, Map<Path, FileProblem> rejected) {
    String label = RunbookFiles.label(file);
    String source;
    try {
      SourceFiles.Source read = SourceFiles.read(file, label, limits);
      if (!read.ok()) {
        rejected.put(file, new FileProblem(file, List.of(read.problem())));
        return;
      }
      source = read.text();
    } catch (IOException e) {
      rejected.put(
          file,
          FileProblem.of(file, label, "cannot read the file (" + RunbookFiles.describe(e) + ")"));
      return;
    }
    Compiled cached = compiledFiles.get(file);
    if (cached == null || !cached.source().equals(source)) {
      cached = new Compiled(source, compile(source, label));
      compiledFiles.put(file, cached);
    }
    Compilation compilation = cached.compilation();
    if (compilation.ok()) {
      valid.put(file, compilation.runbook());
    } else if (compilation.problems().isEmpty()) {
      rejected.put(file, FileProblem.of(file, label, "the file did not compile"));
    } else {
      rejected.put(file, new FileProblem(file, compilation.problems()));
    }
  }

  /**
   * Compiles one file. Whatever the compiler throws, errors such as {@link StackOverflowError}
   * included, refuses this file only: the reload goes on, and the version in service stays.
   */
  private Compilation compile(String source, String label) {
    try {
      return compiler.apply(source, label);
    } catch (RuntimeException | Error e) {
      String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
      Problem problem =
          new Problem(
              new Location(label, 0, 0),
              "",
              "the compiler failed (" + e.getClass().getName() + detail + ")");
      return new Compilation(null, List.of(problem));
    }
  }

  /** The runbooks to serve: old versions of refused files, then valid files, owners first. */
  private Map<String, CatalogEntry> serve(
      State old, Map<Path, CompiledRunbook> valid, Map<Path, FileProblem> rejected) {
    Map<String, CatalogEntry> next = new TreeMap<>();
    for (CatalogEntry entry : old.byName().values()) {
      if (rejected.containsKey(entry.file())) {
        next.put(entry.name(), entry);
      }
    }
    List<Path> order = new ArrayList<>(valid.keySet());
    order.sort(
        Comparator.comparing((Path file) -> !ownsName(old, file, valid.get(file).name()))
            .thenComparing(Comparator.naturalOrder()));
    for (Path file : order) {
      CompiledRunbook compiled = valid.get(file);
      CatalogEntry holder = next.get(compiled.name());
      if (holder != null) {
        rejected.put(file, duplicate(file, compiled, holder));
        continue;
      }
      CatalogEntry previous = old.byName().get(compiled.name());
      boolean same =
          previous != null
              && previous.file().equals(file)
              && previous.version().equals(compiled.version());
      next.put(compiled.name(), same ? previous : CatalogEntry.of(compiled, file, clock.instant()));
    }
    return next;
  }

  /**
   * Refuses the files that close an unbounded call cycle among the runbooks to serve: in each
   * cycle, the runbooks new or changed in this reload (or, when none is, every one of them), so the
   * versions already in service stay. Returns whether it refused any, after which the runbooks to
   * serve are worked out again.
   */
  private static boolean refuseCallCycles(
      State old,
      Map<String, CatalogEntry> next,
      Map<Path, CompiledRunbook> valid,
      Map<Path, FileProblem> rejected) {
    Map<String, List<Problem>> cyclic = CallCycles.find(CallCycles.plans(next));
    if (cyclic.isEmpty()) {
      return false;
    }
    List<String> fresh =
        cyclic.keySet().stream()
            .filter(
                name -> {
                  CatalogEntry before = old.byName().get(name);
                  return before == null || !before.version().equals(next.get(name).version());
                })
            .toList();
    boolean refused = false;
    for (String name : fresh.isEmpty() ? cyclic.keySet() : fresh) {
      Path file = next.get(name).file();
      if (valid.remove(file) != null) {
        rejected.put(file, new FileProblem(file, cyclic.get(name)));
        refused = true;
      }
    }
    return refused;
  }

  private static boolean ownsName(State old, Path file, String name) {
    CatalogEntry entry = old.byName().get(name);
    return entry != null && entry.file().equals(file);
  }

  private static FileProblem duplicate(Path file, CompiledRunbook compiled, CatalogEntry holder) {
    String label = RunbookFiles.label(file);
    String other = RunbookFiles.label(holder.file());
    Location where = compiled.definition().location();
    Location location = where == null || where.line() == 0 ? new Location(label, 1, 1) : where;
    String message =
        "runbook '"
            + compiled.name()
            + "' is defined in both "
            + other
            + " and "
            + label
            + "; "
            + label
            + " is refused (each metadata.name must be unique)";
    return new FileProblem(file, List.of(new Problem(location, "metadata.name", message)));
  }

  private CatalogReport publish(
      State old, Map<String, CatalogEntry> next, Map<Path, FileProblem> rejected) {
    Map<String, CatalogEntry> history = new LinkedHashMap<>(old.history());
    List<CatalogEntry> added = new ArrayList<>();
    List<CatalogReport.Update> updated = new ArrayList<>();
    for (CatalogEntry entry : next.values()) {
      history.putIfAbsent(key(entry.name(), entry.version()), entry);
      CatalogEntry before = old.byName().get(entry.name());
      if (before == null) {
        added.add(entry);
      } else if (!before.version().equals(entry.version())) {
        updated.add(
            new CatalogReport.Update(entry.name(), before.version(), entry.version(), entry));
      }
    }
    List<String> removed =
        old.byName().keySet().stream().filter(name -> !next.containsKey(name)).toList();
    List<FileProblem> newlyRejected =
        rejected.values().stream()
            .filter(problem -> !problem.equals(old.rejected().get(problem.file())))
            .toList();
    state =
        new State(
            Collections.unmodifiableMap(new TreeMap<>(next)),
            Collections.unmodifiableMap(new TreeMap<>(rejected)),
            Collections.unmodifiableMap(history));
    return new CatalogReport(added, updated, removed, newlyRejected);
  }

  private static String key(String name, String version) {
    return name + "@" + version;
  }
}
