package dev.runbooks.language.compile;

import dev.runbooks.language.RunbookException;
import dev.runbooks.language.model.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** A runbook that does not compile; the message lists every problem, one per line. */
public class RunbookValidationException extends RunbookException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  /** Creates the exception from the compiler's problems. */
  public RunbookValidationException(List<Problem> problems) {
    super(
        problems.size()
            + " problem(s):\n"
            + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in source order. */
  public List<Problem> problems() {
    return problems;
  }
}
