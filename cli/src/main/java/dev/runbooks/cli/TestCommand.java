package dev.runbooks.cli;

import dev.runbooks.tester.JunitReport;
import dev.runbooks.tester.RunbookTests;
import dev.runbooks.tester.TestOptions;
import dev.runbooks.tester.TestReport;
import dev.runbooks.tester.TestSuiteResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs runbook test files ({@code *.test.yaml}) on an in-process Temporal test server: exit code 0
 * when every case passes, 1 when a case fails, 2 when a file cannot run (or the options are wrong).
 * With {@code --record <workflow-id>} it writes a test case from a real run instead ({@link
 * RecordOptions}).
 */
@Command(
    name = "test",
    description =
        "Run runbook test files (<runbook>.test.yaml) with mocked steps on simulated time."
            + " Exit code 0: all passed, 1: a case failed, 2: a file could not run.")
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

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> targets =
        paths == null || paths.isEmpty() ? List.of(Path.of("runbooks-yaml")) : paths;
    if (record.active()) {
      return record.record(spec, targets);
    }
    if (caseTimeout <= 0) {
      spec.commandLine().getErr().println("--case-timeout must be a positive number of seconds");
      return TestSuiteResult.FILE_ERRORS;
    }
    TestSuiteResult result =
        RunbookTests.run(targets, new TestOptions(filter, Duration.ofSeconds(caseTimeout)));
    out.print(TestReport.text(result, coverage));
    if (result.files().isEmpty()) {
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
}
