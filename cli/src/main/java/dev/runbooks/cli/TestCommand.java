package dev.runbooks.cli;

import dev.runbooks.language.expr.Json;
import dev.runbooks.tester.CaseResult;
import dev.runbooks.tester.FileResult;
import dev.runbooks.tester.JunitReport;
import dev.runbooks.tester.RunbookTests;
import dev.runbooks.tester.TestOptions;
import dev.runbooks.tester.TestReport;
import dev.runbooks.tester.TestSuiteResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs runbook test files ({@code *.test.yaml}) on an in-process Temporal test server: exit code 0
 * when every case passes, 1 when a case fails, 2 when a file cannot run (64 when the options are
 * wrong). With {@code --record <workflow-id>} it writes a test case from a real run instead ({@link
 * RecordOptions}).
 */
@Command(
    name = "test",
    description =
        "Run runbook test files (<runbook>.test.yaml) with mocked steps on simulated time"
            + " (exit codes below).")
final class TestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "PATH",
      description = "Test files or directories searched for them (default: runbooks-yaml).")
  List<Path> paths;

  @Option(
      names = "--filter",
      paramLabel = "GLOB",
      description = "Run only the cases whose name or runbook name matches (* and ?).")
  String filter;

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "Also write the results as JUnit XML to FILE.")
  Path junit;

  @Option(
      names = "--coverage",
      description = "Print the steps and branches each runbook's cases exercised.")
  boolean coverage;

  @Option(
      names = "--case-timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "Fail a case that takes longer than this on the wall clock (default 30).")
  int caseTimeout;

  @Mixin RecordOptions record;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> targets =
        paths == null || paths.isEmpty() ? List.of(Path.of("runbooks-yaml")) : paths;
    if (record.active()) {
      return record.record(spec, targets);
    }
    if (caseTimeout <= 0) {
      throw new ParameterException(
          spec.commandLine(), "--case-timeout must be a positive number of seconds");
    }
    TestSuiteResult result =
        RunbookTests.run(targets, new TestOptions(filter, Duration.ofSeconds(caseTimeout)));
    if (output.json()) {
      out.println(Json.write(json(result)));
    } else {
      out.print(TestReport.text(result, coverage));
    }
    if (result.files().isEmpty() && !output.json()) {
      out.println("no test files (*.test.yaml) under " + targets);
    }
    if (junit != null) {
      try {
        JunitReport.write(result, junit);
      } catch (IOException e) {
        spec.commandLine().getErr().println("cannot write " + junit + ": " + e.getMessage());
        out.flush();
        return TestSuiteResult.FILE_ERRORS;
      }
    }
    out.flush();
    return result.exitCode();
  }

  private static Map<String, Object> json(TestSuiteResult result) {
    List<Map<String, Object>> files = new ArrayList<>();
    for (FileResult file : result.files()) {
      List<Map<String, Object>> cases = new ArrayList<>();
      for (CaseResult c : file.cases()) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("name", c.name());
        one.put("runbook", c.runbook());
        one.put("line", c.line());
        one.put("passed", c.passed());
        one.put("outcome", c.outcome());
        one.put("failures", c.failures());
        cases.add(one);
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("file", file.file());
      entry.put("runbook", file.runbook());
      entry.put("problems", file.problems().stream().map(Object::toString).toList());
      entry.put("cases", cases);
      files.add(entry);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("files", files);
    answer.put("passed", result.passed());
    answer.put("failed", result.failed());
    answer.put("millis", result.millis());
    answer.put("exitCode", result.exitCode());
    return answer;
  }
}
