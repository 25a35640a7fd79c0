package dev.runbooks.tester;

import dev.runbooks.language.model.Problem;

/** The text report of a test run, as {@code bin/runbook test} prints it. */
public final class TestReport {
  private TestReport() {}

  /**
   * One line per case ({@code PASS} or {@code FAIL}, file, case, simulated time), each failure
   * indented below its case, file problems located, the coverage per runbook when asked, and a
   * summary line.
   */
  public static String text(TestSuiteResult result, boolean coverage) {
    StringBuilder b = new StringBuilder();
    for (FileResult f : result.files()) {
      for (Problem p : f.problems()) {
        b.append(p).append('\n');
      }
      for (CaseResult c : f.cases()) {
        b.append(c.passed() ? "PASS " : "FAIL ")
            .append(f.file())
            .append(':')
            .append(c.line())
            .append(' ')
            .append(c.name())
            .append(" (")
            .append(c.outcome() == null ? "no outcome" : c.outcome())
            .append(", ")
            .append(simulated(c.simulatedMillis()))
            .append(" simulated, ")
            .append(c.realMillis())
            .append(" ms)\n");
        for (String failure : c.failures()) {
          b.append("  ").append(failure.replace("\n", "\n  ")).append('\n');
        }
        if (!c.passed() && c.outcome() != null) {
          b.append("  ran: ").append(String.join(" → ", c.path())).append('\n');
        }
      }
    }
    if (coverage) {
      for (Coverage cov : result.coverage()) {
        b.append("coverage ")
            .append(cov.runbook())
            .append(": steps ")
            .append(cov.coveredSteps().size())
            .append('/')
            .append(cov.steps().size())
            .append(" (")
            .append(cov.stepPercent())
            .append("%), branches ")
            .append(cov.coveredBranches().size())
            .append('/')
            .append(cov.branches().size())
            .append(" (")
            .append(cov.branchPercent())
            .append("%)");
        var missing = cov.steps().stream().filter(s -> !cov.coveredSteps().contains(s)).toList();
        if (!missing.isEmpty()) {
          b.append("; steps never run: ").append(String.join(", ", missing));
        }
        var branches =
            cov.branches().stream().filter(s -> !cov.coveredBranches().contains(s)).toList();
        if (!branches.isEmpty()) {
          b.append("; branches never taken: ").append(String.join(", ", branches));
        }
        b.append('\n');
      }
    }
    long files = result.files().size();
    b.append(files)
        .append(files == 1 ? " file, " : " files, ")
        .append(result.cases().size())
        .append(" cases: ")
        .append(result.passed())
        .append(" passed, ")
        .append(result.failed())
        .append(" failed")
        .append(result.fileErrors() ? ", with file errors" : "")
        .append(" (")
        .append(result.millis())
        .append(" ms)\n");
    return b.toString();
  }

  private static String simulated(long millis) {
    long s = Math.round(millis / 1000.0);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
    }
    return (s / 3600) + "h" + ((s % 3600) / 60 == 0 ? "" : ((s % 3600) / 60) + "m");
  }
}
