package dev.runbooks.language.catalog;

import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import java.nio.file.Path;
import java.util.List;

/**
 * A file the catalog refused, with every problem found in it. A refused file never replaces the
 * version of its runbook that is already in service.
 */
public record FileProblem(Path file, List<Problem> problems) {
  public FileProblem {
    problems = List.copyOf(problems);
  }

  /** A file with one problem that has no better location than the file itself. */
  static FileProblem of(Path file, String label, String message) {
    return new FileProblem(file, List.of(new Problem(new Location(label, 0, 0), "", message)));
  }

  /** Every problem as a line of the form {@code file:line:column: path: message}. */
  public List<String> messages() {
    return problems.stream().map(Problem::toString).toList();
  }
}
