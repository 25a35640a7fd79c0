package dev.runbooks.tester;

import dev.runbooks.language.model.Problem;
import java.util.List;

/**
 * How one test file went: its cases' results, or the problems that kept it from running (then no
 * case ran).
 *
 * @param file the file, as given or found
 * @param runbook the runbook under test (null when the file could not be read)
 * @param cases the results of the cases that ran (filtered ones left out)
 * @param problems located problems of the file itself
 */
public record FileResult(
    String file, String runbook, List<CaseResult> cases, List<Problem> problems) {}
