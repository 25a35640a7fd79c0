package dev.runbooks.cli;

import dev.runbooks.language.catalog.CallCycles;
import dev.runbooks.language.catalog.TestFiles;
import dev.runbooks.language.compile.CallCheck;
import dev.runbooks.language.compile.CallTargets;
import dev.runbooks.language.compile.Compilation;
import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.compile.RunbookCompiler;
import dev.runbooks.language.model.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Compiles runbook files locally and prints every problem; exit code 1 when there is any. */
@Command(
    name = "validate",
    description = "Check runbook files (or every .yaml/.yml file under directories).")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Files or directories.")
  List<Path> paths;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    int files = 0;
    int problems = 0;
    Map<String, CompiledRunbook> compiled = new LinkedHashMap<>();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        out.println(path + ": no such file or directory");
        problems++;
        continue;
      }
      List<Path> found = files(path);
      // The CLI is not workflow code: the files compile in parallel (the compiler itself, which
      // workflow threads also run, is sequential), and are reported in order.
      List<Compilation> compilations =
          found.parallelStream().map(f -> RunbookCompiler.standard().compile(f)).toList();
      for (int i = 0; i < found.size(); i++) {
        Path file = found.get(i);
        Compilation compilation = compilations.get(i);
        files++;
        for (Problem problem : compilation.problems()) {
          out.println(problem);
        }
        for (Problem warning : compilation.warnings()) {
          out.println("warning: " + warning);
        }
        problems += compilation.problems().size();
        if (compilation.ok()) {
          compiled.putIfAbsent(compilation.runbook().name(), compilation.runbook());
          out.println(
              "ok "
                  + file
                  + ": "
                  + compilation.runbook().name()
                  + " "
                  + compilation.runbook().version());
        }
      }
    }
    // Call targets and cycles through several runbooks need them all: checked once every file is
    // compiled, when a directory was given (a lone file's callees are not known).
    if (paths.stream().anyMatch(Files::isDirectory)) {
      CallTargets targets = CallTargets.of(compiled.values());
      for (CompiledRunbook runbook : compiled.values()) {
        List<Problem> calls = CallCheck.check(runbook, targets);
        calls.forEach(out::println);
        problems += calls.size();
      }
    }
    for (List<Problem> cycle : CallCycles.find(compiled).values()) {
      cycle.forEach(out::println);
      problems += cycle.size();
    }
    out.println(files + (files == 1 ? " file, " : " files, ") + problems + " problems");
    out.flush();
    return problems == 0 ? 0 : 1;
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
