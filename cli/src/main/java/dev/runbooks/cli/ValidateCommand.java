package dev.runbooks.cli;

import dev.runbooks.language.catalog.CallCycles;
import dev.runbooks.language.catalog.RouteNames;
import dev.runbooks.language.catalog.TestFiles;
import dev.runbooks.language.compile.CallCheck;
import dev.runbooks.language.compile.CallTargets;
import dev.runbooks.language.compile.Compilation;
import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.compile.RunbookCompiler;
import dev.runbooks.language.expr.Json;
import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Compiles runbook files locally and prints every problem; exit code 1 when there is any. The text
 * output is one line per problem, {@code FILE:LINE:COLUMN: PATH: MESSAGE} (no {@code PATH: } when
 * the problem has no path; warnings start with {@code warning: }), which editors' problem matchers
 * parse; {@code -o json} prints {@code {"files": N, "problems": [{"file", "line", "column", "path",
 * "severity", "message"}]}}.
 */
@Command(
    name = "validate",
    description = "Check runbook files (or every .yaml/.yml file under directories).")
final class ValidateCommand implements Callable<Integer> {
  private static final Comparator<Problem> SOURCE_ORDER =
      Comparator.comparingInt((Problem p) -> p.location().line())
          .thenComparingInt(p -> p.location().column());

  private static final String NO_FILE = "no such file or directory";

  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  private final List<Map<String, Object>> json = new ArrayList<>();

  @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Files or directories.")
  List<Path> paths;

  @Option(
      names = "--routes",
      paramLabel = "FILE",
      description =
          "The worker's route names (a YAML/JSON list, a map, or the worker's configuration with"
              + " runbook.routes): route names not among them are problems.")
  Path routesFile;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    int files = 0;
    int problems = 0;
    Map<String, CompiledRunbook> compiled = new LinkedHashMap<>();
    Set<String> routes = null;
    if (routesFile != null) {
      try {
        routes = RouteNames.read(routesFile);
      } catch (IOException | IllegalArgumentException e) {
        String message = routesFile + ": cannot read the route names: " + e.getMessage();
        out.println(output.json() ? Json.write(Map.of("error", message)) : message);
        out.flush();
        return 2;
      }
    }
    Set<String> routeNames = routes;
    List<Compilation> all = new ArrayList<>();
    List<Path> allFiles = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        if (output.json()) {
          json.add(entry(new Problem(new Location(path.toString(), 0, 0), "", NO_FILE), "error"));
        } else {
          out.println(path + ": " + NO_FILE);
        }
        problems++;
        continue;
      }
      List<Path> found = files(path);
      // The CLI is not workflow code: the files compile in parallel (the compiler itself, which
      // workflow threads also run, is sequential), and are reported in order.
      all.addAll(
          found.parallelStream()
              .map(f -> RunbookCompiler.standard().compile(f, routeNames))
              .toList());
      allFiles.addAll(found);
    }
    for (Compilation compilation : all) {
      if (compilation.ok()) {
        compiled.putIfAbsent(compilation.runbook().name(), compilation.runbook());
      }
    }
    // Problems that need every runbook (call targets when a directory was given, call cycles) are
    // reported with the file they are in, all of a file's problems in source order.
    List<Problem> across = new ArrayList<>();
    if (paths.stream().anyMatch(Files::isDirectory)) {
      CallTargets targets = CallTargets.of(compiled.values());
      for (CompiledRunbook runbook : compiled.values()) {
        across.addAll(CallCheck.check(runbook, targets));
      }
    }
    CallCycles.find(compiled).values().forEach(across::addAll);
    for (int i = 0; i < allFiles.size(); i++) {
      Compilation compilation = all.get(i);
      String file = allFiles.get(i).toString();
      files++;
      List<Problem> mine = new ArrayList<>(compilation.problems());
      across.stream().filter(p -> p.location().file().equals(file)).forEach(mine::add);
      across.removeIf(p -> p.location().file().equals(file));
      mine.sort(SOURCE_ORDER);
      mine.forEach(p -> report(out, p));
      for (Problem warning : compilation.warnings()) {
        if (output.json()) {
          json.add(entry(warning, "warning"));
        } else {
          out.println("warning: " + warning);
        }
      }
      problems += mine.size();
      if (compilation.ok() && !output.json()) {
        out.println(
            "ok "
                + file
                + ": "
                + compilation.runbook().name()
                + " "
                + compilation.runbook().version());
      }
    }
    across.forEach(p -> report(out, p));
    problems += across.size();
    if (output.json()) {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("files", files);
      answer.put("problems", json);
      out.println(Json.write(answer));
    } else {
      out.println(files + (files == 1 ? " file, " : " files, ") + problems + " problems");
    }
    out.flush();
    return problems == 0 ? 0 : 1;
  }

  private void report(PrintWriter out, Problem problem) {
    if (output.json()) {
      json.add(entry(problem, "error"));
    } else {
      out.println(problem);
    }
  }

  private static Map<String, Object> entry(Problem problem, String severity) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("file", problem.location().file());
    entry.put("line", problem.location().line());
    entry.put("column", problem.location().column());
    entry.put("path", problem.path() == null || problem.path().isEmpty() ? null : problem.path());
    entry.put("severity", severity);
    entry.put("message", problem.message());
    return entry;
  }

  private static List<Path> files(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      List<Path> found = new ArrayList<>();
      walk.filter(Files::isRegularFile)
          .filter(TestFiles::isRunbookFile)
          .sorted()
          .forEach(found::add);
      return found;
    }
  }
}
