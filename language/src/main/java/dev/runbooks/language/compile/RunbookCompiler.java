package dev.runbooks.language.compile;

import static dev.runbooks.language.compile.Problems.map;

import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import dev.runbooks.language.model.Runbook;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import dev.runbooks.language.parse.FieldPaths;
import dev.runbooks.language.parse.ParseLimits;
import dev.runbooks.language.parse.ParsedYaml;
import dev.runbooks.language.parse.SourceFiles;
import dev.runbooks.language.parse.YamlParser;
import dev.runbooks.language.steps.ActionKinds;
import dev.runbooks.language.targets.TargetAnalysis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compiles runbook YAML: validates it against the schema, binds it to the model records, checks
 * everything the schema cannot (ids, references, CEL, loops) and returns the immutable plan, or
 * every problem at once. Never throws for bad input. Thread-safe.
 */
public final class RunbookCompiler {
  /**
   * The deepest a chain of calls may go: the limit of a call without {@code maxDepth}, and the
   * largest {@code maxDepth} allowed. A top-level run is at depth 0, the runbook it calls at 1.
   */
  public static final int MAX_CALL_DEPTH = 16;

  private static final RunbookCompiler STANDARD =
      new RunbookCompiler(ParseLimits.defaults(), false);
  private static final Comparator<Problem> ORDER =
      Comparator.comparingInt((Problem p) -> p.location().line())
          .thenComparingInt(p -> p.location().column())
          .thenComparing(Problem::path)
          .thenComparing(Problem::message);

  private final ParseLimits limits;
  private final boolean typesAsWarnings;

  private RunbookCompiler(ParseLimits limits, boolean typesAsWarnings) {
    this.limits = limits;
    this.typesAsWarnings = typesAsWarnings;
  }

  /**
   * This compiler, but what the type checker finds (unknown fields, variables out of scope,
   * comparisons across types) comes as warnings, not problems. For the plans of runs already
   * started: a runbook that compiled before the type checker existed still compiles to the same
   * plan, so its runs replay and resume.
   */
  public RunbookCompiler typesAsWarnings() {
    return typesAsWarnings ? this : new RunbookCompiler(limits, true);
  }

  /** The shared compiler, within the default {@link ParseLimits}. */
  public static RunbookCompiler standard() {
    return STANDARD;
  }

  /** A compiler that accepts sources within other limits. */
  public static RunbookCompiler withLimits(ParseLimits limits) {
    return limits.equals(ParseLimits.defaults())
        ? STANDARD
        : new RunbookCompiler(Objects.requireNonNull(limits, "limits"), false);
  }

  /** The limits this compiler enforces. */
  public ParseLimits limits() {
    return limits;
  }

  /**
   * Compiles a source text.
   *
   * @param source the YAML text
   * @param file the file name used in locations (any label, such as {@code runbooks/x.yaml})
   */
  public Compilation compile(String source, String file) {
    return compile(source, file, (Set<String>) null);
  }

  /**
   * Compiles a source text and checks the named routes it uses against the worker's route names
   * (see {@link dev.runbooks.language.catalog.RouteNames}): a name that is not among them is a
   * problem.
   *
   * @param source the YAML text
   * @param file the file name used in locations
   * @param routes the worker's route names; null checks no route name
   */
  public Compilation compile(String source, String file, Set<String> routes) {
    ParsedYaml parsed = YamlParser.parse(source, file, limits);
    if (parsed.root() == null && !parsed.problems().isEmpty()) {
      return new Compilation(null, parsed.problems());
    }
    Problems problems = new Problems(parsed.locations());
    problems.list().addAll(parsed.problems());
    if (!(parsed.root() instanceof Map<?, ?>)) {
      problems.at(
          "",
          "a runbook must be a YAML map with apiVersion, kind, metadata and steps"
              + (parsed.root() == null ? "; the file is empty" : ""));
      return new Compilation(null, problems.list());
    }
    Runbook runbook = new DocumentBinder(problems).bind(map(parsed.root()));
    Problem tooMany = StepLimit.check(runbook, limits.maxSteps());
    if (tooMany != null) {
      return new Compilation(null, List.of(tooMany));
    }
    List<Problem> schemaProblems = SchemaCheck.validate(parsed.root(), parsed.locations());
    problems.list().addAll(schemaProblems);
    StepIndex index = new StepIndex(runbook, problems);
    new FlowCheck(problems, index.byId()).check(runbook);
    Problems typeProblems = new Problems(parsed.locations());
    new ExpressionCheck(problems, typeProblems, index, runbook.inputs()).check(runbook);
    if (!typesAsWarnings) {
      problems.list().addAll(typeProblems.list());
    }
    new TriggerCheck(problems, runbook).check();
    new RailsCheck(problems, runbook, index.byId()).check();
    if (routes != null) {
      new RouteCheck(problems, routes).check(index.byId().values());
    }
    Set<String> reported = new HashSet<>();
    for (Problem p : schemaProblems) {
      // a problem's path and every path enclosing it
      for (String path = p.path(); reported.add(path) && !path.isEmpty(); ) {
        path = FieldPaths.parent(path);
      }
    }
    index.byId().values().forEach(step -> checkAction(step, problems, reported));
    List<Problem> all = new ArrayList<>(new LinkedHashSet<>(problems.list()));
    all.sort(ORDER);
    if (!all.isEmpty()) {
      return new Compilation(null, all);
    }
    List<Problem> warnings = new ArrayList<>(targetWarnings(runbook, index, problems));
    if (typesAsWarnings) {
      warnings.addAll(new LinkedHashSet<>(typeProblems.list()));
      warnings.sort(ORDER);
    }
    return new Compilation(
        new CompiledRunbook(runbook, version(source), source, file, index.byId()),
        List.of(),
        warnings);
  }

  /**
   * Compiles a source text and, when it compiles, checks its {@code call} steps against the other
   * runbooks (see {@link CallCheck}): a call to a runbook that does not exist, or with inputs that
   * do not fit, is a problem.
   *
   * @param source the YAML text
   * @param file the file name used in locations
   * @param targets the declared inputs of the other runbooks; null checks no call, as {@link
   *     #compile(String, String)} does
   */
  public Compilation compile(String source, String file, CallTargets targets) {
    Compilation compilation = compile(source, file);
    if (targets == null || !compilation.ok()) {
      return compilation;
    }
    List<Problem> calls = CallCheck.check(compilation.runbook(), targets);
    return calls.isEmpty() ? compilation : new Compilation(null, calls);
  }

  /**
   * A warning at each destination whose host comes from alert data, when the runbook has no {@code
   * targets:}: the alert then chooses which host the worker calls.
   */
  private static List<Problem> targetWarnings(Runbook runbook, StepIndex index, Problems problems) {
    if (runbook.targets() != null) {
      return List.of();
    }
    List<Problem> out = new ArrayList<>();
    for (TargetAnalysis.AlertHost host :
        TargetAnalysis.alertHosts(runbook, index.byId().values())) {
      out.add(
          new Problem(
              problems.map().value(host.path()),
              host.path(),
              "the host comes from alert data ("
                  + host.via()
                  + ") and the runbook has no targets: the alert chooses which host the worker"
                  + " calls; add targets: with the hosts, networks or URL prefixes it may act on"));
    }
    out.sort(ORDER);
    return out;
  }

  /**
   * Checks the config of an action step with its kind's own checks, unless the schema reported a
   * problem in it or in a field nested in it ({@code reported} holds those paths and the paths
   * enclosing them).
   */
  private static void checkAction(Step step, Problems problems, Set<String> reported) {
    StepBody.Action action = null;
    String path = FieldPaths.child(step.path(), step.type());
    if (step.body() instanceof StepBody.Action a) {
      action = a;
    } else if (step.body() instanceof StepBody.WaitUntil w && !w.probe().type().isEmpty()) {
      action = w.probe();
      path = path + ".probe." + action.type();
    }
    if (action == null) {
      return;
    }
    String configPath = path;
    if (reported.contains(configPath)) {
      return;
    }
    StepBody.Action checked = action;
    ActionKinds.find(action.type())
        .ifPresent(
            kind ->
                problems
                    .list()
                    .addAll(
                        kind.check(checked.config(), configPath, p -> problems.map().value(p))));
  }

  /**
   * Reads and compiles a file; an unreadable file is one problem, and so is a file larger than the
   * limit or one that is not UTF-8 (located at the first bad byte).
   */
  public Compilation compile(Path file) {
    return compile(file, null);
  }

  /**
   * Reads and compiles a file, checking its named routes against the worker's route names (null
   * checks none).
   */
  public Compilation compile(Path file, Set<String> routes) {
    SourceFiles.Source source;
    try {
      source = SourceFiles.read(file, file.toString(), limits);
    } catch (IOException | RuntimeException e) {
      return new Compilation(
          null,
          List.of(
              new Problem(
                  new Location(file.toString(), 0, 0),
                  "",
                  "cannot read the file: " + e.getMessage())));
    }
    if (!source.ok()) {
      return new Compilation(null, List.of(source.problem()));
    }
    return compile(source.text(), file.toString(), routes);
  }

  /** The version of a source text: {@code sha256:} and the first 12 hex digits of its hash. */
  public static String version(String source) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
