package dev.runbooks.language.compile;

import dev.runbooks.language.model.Problem;
import java.util.List;

/**
 * The outcome of compiling one runbook source: the plan when there were no problems, and every
 * problem found (all at once, in source order).
 */
public record Compilation(CompiledRunbook runbook, List<Problem> problems) {
  public Compilation {
    problems = List.copyOf(problems);
  }

  /** Whether the source compiled without problems. */
  public boolean ok() {
    return problems.isEmpty() && runbook != null;
  }

  /**
   * The plan.
   *
   * @throws RunbookValidationException listing every problem when there were any
   */
  public CompiledRunbook orThrow() {
    if (!ok()) {
      throw new RunbookValidationException(problems);
    }
    return runbook;
  }
}
