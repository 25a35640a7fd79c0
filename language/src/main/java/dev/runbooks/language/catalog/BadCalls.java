package dev.runbooks.language.catalog;

import dev.runbooks.language.compile.CallCheck;
import dev.runbooks.language.compile.CallTargets;
import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.model.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The catalog's check of {@code call} targets across the runbooks it is about to serve. */
final class BadCalls {
  private BadCalls() {}

  /**
   * Refuses the files whose {@code call} steps name a runbook that is not served or give it inputs
   * that do not fit its declared ones (see {@link CallCheck}). Returns whether it refused any,
   * after which the runbooks to serve are worked out again (a refused callee may leave its callers
   * without a target, or with the inputs of the version that stays in service).
   */
  static boolean refuse(
      Map<String, CatalogEntry> next,
      Map<Path, CompiledRunbook> valid,
      Map<Path, FileProblem> rejected) {
    CallTargets targets =
        CallTargets.of(next.values().stream().map(CatalogEntry::compiled).toList());
    boolean refused = false;
    for (CatalogEntry entry : next.values()) {
      if (!valid.containsKey(entry.file())) {
        continue; // an old version kept in service for a refused file
      }
      List<Problem> problems = CallCheck.check(entry.compiled(), targets);
      if (!problems.isEmpty()) {
        valid.remove(entry.file());
        rejected.put(entry.file(), new FileProblem(entry.file(), problems));
        refused = true;
      }
    }
    return refused;
  }
}
