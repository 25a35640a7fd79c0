package dev.runbooks.language.compile;

import dev.runbooks.language.model.Problem;
import java.util.List;

/**
 * The outcome of compiling one runbook source: the plan when there were no problems, every problem
 * found (all at once, in source order), and warnings: things that compile but deserve a look (such
 * as a destination whose host comes from alert data in a runbook without {@code targets:}).
 * Warnings never stop a runbook from compiling.
 */
public record Compilation(CompiledRunbook runbook, List<Problem> problems, List<Problem> warnings) {
  public Compilation {
    problems = List.copyOf(problems);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** An outcome without warnings. */
  public Compilation(CompiledRunbook runbook, List<Problem> problems) {
    this(runbook, problems, List.of());
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
