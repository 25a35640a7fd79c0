package dev.runbooks.language.compile;

import dev.runbooks.language.model.InputSpec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the compiler may know of the other runbooks a {@code call} step names: the declared inputs
 * of each runbook, by name. A single file compiles without one (its calls are not checked); a
 * directory of runbooks (the CLI's {@code validate}, the worker's catalog) gives one, and then a
 * call to a runbook that does not exist, or with inputs that do not fit, is a problem (see {@link
 * CallCheck}).
 */
@FunctionalInterface
public interface CallTargets {
  /** The declared inputs of the runbook of this name, or empty when there is no such runbook. */
  Optional<Map<String, InputSpec>> inputsOf(String runbook);

  /** The targets of these compiled runbooks, by their names (the first of a name counts). */
  static CallTargets of(Collection<CompiledRunbook> runbooks) {
    Map<String, Map<String, InputSpec>> byName = new LinkedHashMap<>();
    for (CompiledRunbook runbook : runbooks) {
      byName.putIfAbsent(runbook.name(), runbook.definition().inputs());
    }
    return name -> Optional.ofNullable(byName.get(name));
  }
}
