package dev.runbooks.tester;

import java.util.List;

/**
 * The result of a test run over files and directories.
 *
 * @param files the result of each test file, in path order
 * @param coverage the coverage of each runbook tested, by runbook name order
 * @param millis how long the whole run took on the wall clock
 */
public record TestSuiteResult(List<FileResult> files, List<Coverage> coverage, long millis) {
  /** Exit code for a run that passed: every case of every file. */
  public static final int PASSED = 0;

  /** Exit code for a run with failed cases. */
  public static final int FAILED = 1;

  /** Exit code for a run with files that could not be read or name no known runbook. */
  public static final int FILE_ERRORS = 2;

  /** Every case run. */
  public List<CaseResult> cases() {
    return files.stream().flatMap(f -> f.cases().stream()).toList();
  }

  /** The number of cases that passed. */
  public long passed() {
    return cases().stream().filter(CaseResult::passed).count();
  }

  /** The number of cases that failed. */
  public long failed() {
    return cases().stream().filter(c -> !c.passed()).count();
  }

  /** Whether some file could not be run. */
  public boolean fileErrors() {
    return files.stream().anyMatch(f -> !f.problems().isEmpty());
  }

  /** 2 when a file had problems, else 1 when a case failed, else 0. */
  public int exitCode() {
    if (fileErrors()) {
      return FILE_ERRORS;
    }
    return failed() > 0 ? FAILED : PASSED;
  }
}
