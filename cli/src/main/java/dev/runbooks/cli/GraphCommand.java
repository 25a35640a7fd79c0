package dev.runbooks.cli;

import dev.runbooks.language.compile.Compilation;
import dev.runbooks.language.compile.RunbookCompiler;
import dev.runbooks.language.expr.Json;
import dev.runbooks.language.graph.MermaidGraph;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints a runbook's steps as a Mermaid flowchart. */
@Command(name = "graph", description = "Print a runbook as a Mermaid flowchart.")
final class GraphCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The runbook file.")
  Path file;

  @Mixin OutputOptions output;

  @Override
  public Integer call() throws IOException {
    Compilation compilation = RunbookCompiler.standard().compile(file);
    if (output.json()) {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("file", file.toString());
      if (compilation.ok()) {
        answer.put("runbook", compilation.runbook().name());
        answer.put("mermaid", MermaidGraph.render(compilation.runbook().definition()));
      }
      answer.put("problems", compilation.problems().stream().map(Object::toString).toList());
      spec.commandLine().getOut().println(Json.write(answer));
      spec.commandLine().getOut().flush();
      return compilation.ok() ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }
    if (!compilation.ok()) {
      PrintWriter err = spec.commandLine().getErr();
      compilation.problems().forEach(err::println);
      err.flush();
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(MermaidGraph.render(compilation.runbook().definition()));
    out.flush();
    return 0;
  }
}
